package com.subscriptiondevices.platform.web;

import java.io.IOException;

/** The request body went past {@code devices.web.max-body-size}. */
public class PayloadTooLargeException extends IOException {

    PayloadTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes.");
    }
}
