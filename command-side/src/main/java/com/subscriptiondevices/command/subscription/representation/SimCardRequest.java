package com.subscriptiondevices.command.subscription.representation;

import com.subscriptiondevices.api.device.FabricationType;
import com.subscriptiondevices.api.device.SimCard;
import com.subscriptiondevices.platform.validation.Iccid;
import com.subscriptiondevices.platform.validation.Imsi;
import com.subscriptiondevices.platform.validation.SecretCode;

/**
 * A SIM's details as sent. ICCID and IMSI may come as JSON numbers or strings; either way every
 * digit is kept, as text.
 */
public record SimCardRequest(
        @Iccid String iccid,
        @Imsi String imsi,
        @SecretCode String pin,
        @SecretCode String puk,
        @SecretCode String pin2,
        @SecretCode String puk2,
        FabricationType fabricationType) {

    /** Whether it carries a PIN or PUK code: writing one needs {@code devices:secrets}. */
    public boolean hasSecretCodes() {
        return pin != null || puk != null || pin2 != null || puk2 != null;
    }

    SimCard toSimCard() {
        return new SimCard(iccid, imsi, pin, puk, pin2, puk2, fabricationType);
    }
}
