package com.subscriptiondevices.query.device.web;

import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;
import com.subscriptiondevices.api.identifier.Identifiers;
import com.subscriptiondevices.platform.validation.IdentifierRulesProperties;
import com.subscriptiondevices.platform.web.ApiText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The filters of a lookup across an org, in the normal form the read model keeps (null: not given).
 * Each identifier is accepted in any notation the device's POST accepts; a malformed one is a 400 with
 * its format's code, and several are named in one message.
 */
record LookupFilters(String macAddress, String serialNumber, String iccid, String imsi, String imei) {

    static LookupFilters of(
            String macAddress,
            String serialNumber,
            String iccid,
            String imsi,
            String imei,
            IdentifierRulesProperties rules) {
        if (!StringUtils.hasText(macAddress)
                && !StringUtils.hasText(serialNumber)
                && !StringUtils.hasText(iccid)
                && !StringUtils.hasText(imsi)
                && !StringUtils.hasText(imei)) {
            throw new DomainException(
                    ErrorCode.MISSING_QUERY_PARAMS,
                    "Give at least one of mac_address, serial_number, iccid, imsi, imei.");
        }
        Map<String, ErrorCode> problems = new LinkedHashMap<>();
        String mac = null;
        if (StringUtils.hasText(macAddress)) {
            mac = Identifiers.normalizeMac(macAddress).orElse(null);
            if (mac == null) {
                problems.put(
                        "mac_address '" + ApiText.echo(macAddress) + "' is not a MAC address (e.g. AA:BB:CC:DD:EE:FF)",
                        ErrorCode.INVALID_MAC_ADDRESS_FORMAT);
            }
        }
        String sim = StringUtils.hasText(iccid) ? iccid.trim() : null;
        if (sim != null && !Identifiers.isValidIccid(sim, rules.iccidLuhnCheck())) {
            problems.put(
                    "iccid '" + ApiText.echo(iccid)
                            + "' is not an ICCID (19 or 20 digits starting with 89, with a valid check" + " digit)",
                    ErrorCode.INVALID_ICCID_FORMAT);
        }
        String subscriber = StringUtils.hasText(imsi) ? imsi.trim() : null;
        if (subscriber != null && !Identifiers.isValidImsi(subscriber)) {
            problems.put(
                    "imsi '" + ApiText.echo(imsi) + "' is not an IMSI (14 or 15 digits)",
                    ErrorCode.INVALID_IMSI_FORMAT);
        }
        String terminal = null;
        if (StringUtils.hasText(imei)) {
            terminal = Identifiers.normalizeImei(imei).orElse(null);
            if (terminal == null) {
                problems.put(
                        "imei '" + ApiText.echo(imei) + "' is not an IMEI (15 digits with a valid check digit, or"
                                + " AA-BBBBBB-CCCCCC-D)",
                        ErrorCode.INVALID_IMEI_FORMAT);
            }
        }
        if (!problems.isEmpty()) {
            List<ErrorCode> codes =
                    new ArrayList<>(problems.values().stream().distinct().toList());
            throw new DomainException(
                    codes.size() == 1 ? codes.get(0) : ErrorCode.INVALID_PARAMETER,
                    String.join("; ", problems.keySet()) + ".");
        }
        return new LookupFilters(
                mac, StringUtils.hasText(serialNumber) ? serialNumber.trim() : null, sim, subscriber, terminal);
    }

    static String normalizedMac(String macAddress) {
        return Identifiers.normalizeMac(macAddress)
                .orElseThrow(() -> new DomainException(
                        ErrorCode.INVALID_MAC_ADDRESS_FORMAT,
                        "mac_address '" + ApiText.echo(macAddress)
                                + "' is not a MAC address (e.g. AA:BB:CC:DD:EE:FF)."));
    }

    /** The filters as the query of a link to another page of the same lookup. */
    UriComponentsBuilder query(UriComponentsBuilder path) {
        add(path, "mac_address", macAddress);
        add(path, "serial_number", serialNumber);
        add(path, "iccid", iccid);
        add(path, "imsi", imsi);
        add(path, "imei", imei);
        return path;
    }

    private static void add(UriComponentsBuilder path, String name, String value) {
        if (value != null) {
            path.queryParam(name, value);
        }
    }
}
