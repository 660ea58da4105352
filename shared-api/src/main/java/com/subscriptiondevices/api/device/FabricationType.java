package com.subscriptiondevices.api.device;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Embedded SIM or physical SIM card. */
public enum FabricationType {
    @JsonProperty("eSIM")
    ESIM,
    @JsonProperty("pSIM")
    PSIM
}
