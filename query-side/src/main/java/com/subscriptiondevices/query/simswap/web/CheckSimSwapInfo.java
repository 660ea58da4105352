package com.subscriptiondevices.query.simswap.web;

import com.fasterxml.jackson.annotation.JsonProperty;

/** CAMARA's check answer: whether the SIM changed within the hours asked about. */
record CheckSimSwapInfo(@JsonProperty("swapped") boolean swapped) {}
