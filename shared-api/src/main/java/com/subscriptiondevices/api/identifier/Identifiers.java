package com.subscriptiondevices.api.identifier;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Format rules and normal forms of the identifiers a device carries. Pure functions: the web edge
 * validates with them, the read side normalizes lookups with them.
 */
public final class Identifiers {

    private static final Pattern MAC_COLON = Pattern.compile("\\p{XDigit}{2}(:\\p{XDigit}{2}){5}");
    private static final Pattern MAC_HYPHEN = Pattern.compile("\\p{XDigit}{2}(-\\p{XDigit}{2}){5}");
    private static final Pattern MAC_DOTTED = Pattern.compile("\\p{XDigit}{4}(\\.\\p{XDigit}{4}){2}");
    private static final Pattern MAC_BARE = Pattern.compile("\\p{XDigit}{12}");
    private static final Pattern IMEI_PLAIN = Pattern.compile("\\d{15}");
    private static final Pattern IMEI_DISPLAY = Pattern.compile("\\d{2}-\\d{6}-\\d{6}-\\d");
    private static final Pattern ICCID = Pattern.compile("89\\d{17,18}");
    private static final Pattern IMSI = Pattern.compile("\\d{14,15}");
    private static final Pattern SECRET_CODE = Pattern.compile("\\d{4,8}");
    private static final Pattern MSISDN = Pattern.compile("\\+[1-9]\\d{4,14}");

    private Identifiers() {}

    /**
     * A MAC address in any common notation ({@code aa:bb:cc:dd:ee:ff}, {@code AA-BB-CC-DD-EE-FF},
     * {@code aabb.ccdd.eeff}, bare hex) in its normal form {@code AA:BB:CC:DD:EE:FF}; empty when it is
     * none of these.
     */
    public static Optional<String> normalizeMac(String mac) {
        if (mac == null) {
            return Optional.empty();
        }
        String trimmed = mac.trim();
        if (!(MAC_COLON.matcher(trimmed).matches()
                || MAC_HYPHEN.matcher(trimmed).matches()
                || MAC_DOTTED.matcher(trimmed).matches()
                || MAC_BARE.matcher(trimmed).matches())) {
            return Optional.empty();
        }
        String hex = trimmed.replaceAll("[:.\\-]", "").toUpperCase(Locale.ROOT);
        StringBuilder normal = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
            if (i > 0) {
                normal.append(':');
            }
            normal.append(hex, i, i + 2);
        }
        return Optional.of(normal.toString());
    }

    /**
     * An IMEI, plain or in its display form {@code AA-BBBBBB-CCCCCC-D}, as 15 digits; empty when the
     * form is wrong or the Luhn check digit does not match.
     */
    public static Optional<String> normalizeImei(String imei) {
        if (imei == null) {
            return Optional.empty();
        }
        String trimmed = imei.trim();
        if (!(IMEI_PLAIN.matcher(trimmed).matches()
                || IMEI_DISPLAY.matcher(trimmed).matches())) {
            return Optional.empty();
        }
        String digits = trimmed.replace("-", "");
        return luhnValid(digits) ? Optional.of(digits) : Optional.empty();
    }

    /** 19–20 digits starting {@code 89}; with {@code checkLuhn}, the last digit must be the Luhn check digit. */
    public static boolean isValidIccid(String iccid, boolean checkLuhn) {
        return iccid != null && ICCID.matcher(iccid).matches() && (!checkLuhn || luhnValid(iccid));
    }

    /** 14–15 digits. */
    public static boolean isValidImsi(String imsi) {
        return imsi != null && IMSI.matcher(imsi).matches();
    }

    /**
     * A phone number in E.164 form: {@code +}, a country code that does not start with 0, at most 15
     * digits in all (CAMARA's {@code ^\\+[1-9][0-9]{4,14}$}).
     */
    public static boolean isValidMsisdn(String msisdn) {
        return msisdn != null && MSISDN.matcher(msisdn).matches();
    }

    /** PIN and PUK codes: 4 to 8 digits, a leading zero being part of the code. */
    public static boolean isValidSecretCode(String code) {
        return code != null && SECRET_CODE.matcher(code).matches();
    }

    /** Whether the last digit is the Luhn check digit of the others. */
    public static boolean luhnValid(String digits) {
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return !digits.isEmpty() && sum % 10 == 0;
    }
}
