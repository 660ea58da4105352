package com.subscriptiondevices.api.device;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A SIM's identity and codes. ICCID, IMSI, PIN and PUK are digit strings: they never pass through a
 * number, so no digit and no leading zero is lost. Codes absent from a response were left out on
 * purpose (the caller may not see secrets).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SimCard(
        String iccid, String imsi, String pin, String puk, String pin2, String puk2, FabricationType fabricationType) {

    public SimCard withoutSecrets() {
        return new SimCard(iccid, imsi, null, null, null, null, fabricationType);
    }

    /** Same card, same codes: the identity stays, the codes come from {@code codes}. */
    public SimCard withSecretsOf(SimCard codes) {
        return new SimCard(iccid, imsi, codes.pin, codes.puk, codes.pin2, codes.puk2, fabricationType);
    }
}
