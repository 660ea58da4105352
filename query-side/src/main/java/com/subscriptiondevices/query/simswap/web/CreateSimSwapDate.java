package com.subscriptiondevices.query.simswap.web;

import com.fasterxml.jackson.annotation.JsonProperty;

/** CAMARA's retrieve-date request: the number, unless the token names it (checked by the controller). */
record CreateSimSwapDate(@JsonProperty("phoneNumber") String phoneNumber) {}
