package com.subscriptiondevices.query.simswap.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * CAMARA's retrieve-date answer: the latest SIM change, or null (with the monitored period) when it is
 * older than the period this operator may tell.
 */
record SimSwapInfo(
        @JsonProperty("latestSimChange") Instant latestSimChange,
        @JsonProperty("monitoredPeriod") @JsonInclude(JsonInclude.Include.NON_NULL) Integer monitoredPeriod) {}
