package com.subscriptiondevices.query.simswap.web;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * CAMARA's check request: the number, unless the token names it, and how many hours back to look
 * (1 to 2400, default 240). Both are checked by the controller, in CAMARA's terms.
 */
record CreateCheckSimSwap(@JsonProperty("phoneNumber") String phoneNumber, @JsonProperty("maxAge") Integer maxAge) {}
