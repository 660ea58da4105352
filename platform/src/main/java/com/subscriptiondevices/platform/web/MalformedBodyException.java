package com.subscriptiondevices.platform.web;

import java.io.IOException;

/** The request body is not UTF-8 (RFC 8259 requires it of JSON exchanged between systems). */
public class MalformedBodyException extends IOException {

    MalformedBodyException(long offset) {
        super("The body is not valid UTF-8 (at byte " + offset + ").");
    }
}
