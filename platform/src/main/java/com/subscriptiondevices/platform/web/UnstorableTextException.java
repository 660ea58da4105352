package com.subscriptiondevices.platform.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/** A string in a request body that no read model could store (see {@code StorableText}). */
class UnstorableTextException extends MismatchedInputException {

    UnstorableTextException(JsonParser parser, String problem) {
        super(parser, problem, String.class);
    }
}
