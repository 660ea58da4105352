package com.subscriptiondevices.platform.web;

/**
 * UTF-8 validation as the bytes stream by (RFC 3629, table 3-7 of the Unicode standard): no overlong
 * forms ({@code C0 80} for NUL), no encoded surrogates ({@code ED A0 80}), nothing above U+10FFFF,
 * no truncated sequence. Jackson decodes some of these leniently, into characters a read model could
 * not store; a body's bytes are checked here before anything decodes them.
 */
final class Utf8Check {

    private int pending;
    private int nextLow = 0x80;
    private int nextHigh = 0xBF;
    private long offset;

    /** False at the first byte that cannot continue valid UTF-8. */
    boolean accept(int b) {
        offset++;
        if (pending > 0) {
            if (b < nextLow || b > nextHigh) {
                return false;
            }
            pending--;
            nextLow = 0x80;
            nextHigh = 0xBF;
            return true;
        }
        if (b < 0x80) {
            return true;
        }
        if (b >= 0xC2 && b <= 0xDF) {
            pending = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            pending = 2;
            nextLow = b == 0xE0 ? 0xA0 : 0x80;
            nextHigh = b == 0xED ? 0x9F : 0xBF;
        } else if (b >= 0xF0 && b <= 0xF4) {
            pending = 3;
            nextLow = b == 0xF0 ? 0x90 : 0x80;
            nextHigh = b == 0xF4 ? 0x8F : 0xBF;
        } else {
            return false;
        }
        return true;
    }

    /** Whether the bytes so far end on a whole character. */
    boolean complete() {
        return pending == 0;
    }

    long offset() {
        return offset;
    }
}
