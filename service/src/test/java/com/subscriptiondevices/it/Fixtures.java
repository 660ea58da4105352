package com.subscriptiondevices.it;

import com.subscriptiondevices.api.identifier.Identifiers;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Request bodies with fresh identifiers, so tests never collide with each other or with earlier runs. */
final class Fixtures {

    private Fixtures() {}

    /** A valid ICCID: 89, 17 random digits, and the Luhn check digit. */
    static String iccid() {
        StringBuilder digits = new StringBuilder("89");
        for (int i = 0; i < 16; i++) {
            digits.append(ThreadLocalRandom.current().nextInt(10));
        }
        digits.append(luhnCheckDigit(digits.toString()));
        return digits.toString();
    }

    static String imsi() {
        return "21403" + String.format("%010d", ThreadLocalRandom.current().nextLong(10_000_000_000L));
    }

    /** A Spanish mobile number in E.164 form, random enough never to be taken. */
    static String msisdn() {
        return "+346" + String.format("%011d", ThreadLocalRandom.current().nextLong(100_000_000_000L));
    }

    /** A valid IMEI: 14 random digits and the Luhn check digit. */
    static String imei() {
        StringBuilder digits = new StringBuilder("35");
        for (int i = 0; i < 12; i++) {
            digits.append(ThreadLocalRandom.current().nextInt(10));
        }
        return digits.append(luhnCheckDigit(digits.toString())).toString();
    }

    static String mac() {
        StringBuilder mac = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                mac.append(':');
            }
            mac.append(String.format("%02X", ThreadLocalRandom.current().nextInt(256)));
        }
        return mac.toString();
    }

    static String serial() {
        return "SN-" + UUID.randomUUID();
    }

    static String terminal(String mac, String serial) {
        return terminal(mac, serial, "49-015420-323751-8");
    }

    static String terminal(String mac, String serial, String imei) {
        return """
                {"catalogue_commercial_device_id": "ROUTER-X1", "legacy_account_id": 4711,
                 "mac_address": "%s", "serial_number": "%s", "imei": "%s",
                 "acquisition_type": "FINANCED", "insurable_amount": 199.90,
                 "in_store_delivery_date": "2026-01-15T10:00:00+01:00",
                 "manufacturing_info": {"id_type": "SERIAL_NUMBER", "id": "%s"},
                 "commitments": [{"legacy_id": 9, "expiration_date": "2027-01-15T00:00:00Z"}]}"""
                .formatted(mac, serial, imei, serial);
    }

    static String sim(String iccid, String imsi) {
        return """
                {"catalogue_commercial_device_id": "P045A1SNC", "legacy_account_id": 4711, "category": "SIM",
                 "device_additional_details": {"iccid": %s, "imsi": %s, "pin": "0123", "puk": "01234567",
                 "fabrication_type": "eSIM"}}"""
                .formatted(iccid, imsi);
    }

    static int luhnCheckDigit(String payload) {
        for (int digit = 0; ; digit++) {
            if (Identifiers.luhnValid(payload + digit)) {
                return digit;
            }
        }
    }
}
