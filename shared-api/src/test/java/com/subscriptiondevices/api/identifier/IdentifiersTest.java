package com.subscriptiondevices.api.identifier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {

    @ParameterizedTest
    @ValueSource(
            strings = {"aa:bb:cc:dd:ee:0f", "AA-BB-CC-DD-EE-0F", "aabb.ccdd.ee0f", "AABBCCDDEE0F", " aa:bb:cc:dd:ee:0f "
            })
    void every_common_mac_notation_normalizes_to_upper_case_colons(String mac) {
        assertThat(Identifiers.normalizeMac(mac)).contains("AA:BB:CC:DD:EE:0F");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "aa:bb:cc:dd:ee",
                "aa:bb-cc:dd:ee:ff",
                "gg:bb:cc:dd:ee:ff",
                "aabbccddeeff00",
                "",
                "aa:bb:cc:dd:ee:ff:"
            })
    void malformed_mac_addresses_have_no_normal_form(String mac) {
        assertThat(Identifiers.normalizeMac(mac)).isEmpty();
    }

    @Test
    void imei_is_accepted_plain_or_in_display_form_and_stored_as_fifteen_digits() {
        assertThat(Identifiers.normalizeImei("490154203237518")).contains("490154203237518");
        assertThat(Identifiers.normalizeImei("49-015420-323751-8")).contains("490154203237518");
    }

    @Test
    void imei_with_a_wrong_check_digit_or_shape_is_refused() {
        assertThat(Identifiers.normalizeImei("490154203237517")).isEmpty();
        assertThat(Identifiers.normalizeImei("4901542032375")).isEmpty();
        assertThat(Identifiers.normalizeImei("490-15420-323751-8")).isEmpty();
    }

    @Test
    void iccid_needs_19_or_20_digits_from_89_and_a_luhn_check_digit_unless_switched_off() {
        assertThat(Identifiers.isValidIccid("8934011411551283144", true)).isTrue();
        assertThat(Identifiers.isValidIccid("89340114115512831441", true)).isFalse();
        assertThat(Identifiers.isValidIccid("89340114115512831440", true)).isTrue();
        // the seed's example fails the check digit, and passes only with the check switched off
        assertThat(Identifiers.isValidIccid("8934011411551283145", true)).isFalse();
        assertThat(Identifiers.isValidIccid("8934011411551283145", false)).isTrue();
        assertThat(Identifiers.isValidIccid("7934011411551283144", false)).isFalse();
        assertThat(Identifiers.isValidIccid("893401141155128314", false)).isFalse();
    }

    @Test
    void imsi_has_14_or_15_digits_and_codes_4_to_8() {
        assertThat(Identifiers.isValidImsi("214035453370793")).isTrue();
        assertThat(Identifiers.isValidImsi("21403545337079")).isTrue();
        assertThat(Identifiers.isValidImsi("2140354533707931")).isFalse();
        assertThat(Identifiers.isValidImsi("21403545337079a")).isFalse();
        assertThat(Identifiers.isValidSecretCode("0123")).isTrue();
        assertThat(Identifiers.isValidSecretCode("123")).isFalse();
    }

    @Test
    void a_phone_number_is_e164_with_a_plus_a_country_code_not_starting_with_0_and_5_to_15_digits() {
        assertThat(Identifiers.isValidMsisdn("+34600123456")).isTrue();
        assertThat(Identifiers.isValidMsisdn("+12345")).isTrue();
        assertThat(Identifiers.isValidMsisdn("+123456789012345")).isTrue();
        assertThat(Identifiers.isValidMsisdn("+1234567890123456"))
                .as("16 digits")
                .isFalse();
        assertThat(Identifiers.isValidMsisdn("+1234")).as("4 digits").isFalse();
        assertThat(Identifiers.isValidMsisdn("34600123456")).as("no plus").isFalse();
        assertThat(Identifiers.isValidMsisdn("+034600123456")).isFalse();
        assertThat(Identifiers.isValidMsisdn("+34 600 123 456")).isFalse();
        assertThat(Identifiers.isValidMsisdn("+3460012345\u0661"))
                .as("ASCII digits only")
                .isFalse();
    }
}
