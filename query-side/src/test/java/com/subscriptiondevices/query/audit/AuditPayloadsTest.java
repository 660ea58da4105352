package com.subscriptiondevices.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditPayloadsTest {

    @Test
    void field_names_become_snake_case_at_any_depth_and_values_stay_as_they_are() {
        Map<String, Object> stored = Map.of(
                "deviceId",
                "d-1",
                "details",
                Map.of(
                        "inStoreReturnedDate",
                        "2026-01-01T00:00:00Z",
                        "insurableAmount",
                        new BigDecimal("199.90"),
                        "commitments",
                        List.of(Map.of("expirationDate", "2027-01-15T00:00:00Z", "legacyId", 9))),
                "operations",
                List.of(Map.of("op", "add", "path", "/in_store_returned_date")));

        Map<String, Object> shown = AuditPayloads.snakeCase(stored);

        assertThat(shown).containsOnlyKeys("device_id", "details", "operations");
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) shown.get("details");
        assertThat(details).containsOnlyKeys("in_store_returned_date", "insurable_amount", "commitments");
        assertThat(details.get("insurable_amount")).isEqualTo(new BigDecimal("199.90"));
        assertThat(details.get("commitments"))
                .isEqualTo(List.of(Map.of("expiration_date", "2027-01-15T00:00:00Z", "legacy_id", 9)));
        assertThat(shown.get("operations"))
                .as("values are never renamed, even when they look like field names")
                .isEqualTo(List.of(Map.of("op", "add", "path", "/in_store_returned_date")));
    }

    @Test
    void pin_and_puk_codes_are_masked_at_any_depth_and_nothing_else_is() {
        Map<String, Object> stored = Map.of(
                "pin",
                "0123",
                "new_iccid",
                "8934011411551283144",
                "details",
                Map.of("device_additional_details", Map.of("iccid", "89340", "pin", "0123", "puk", "01234567")),
                "cards",
                List.of(Map.of("pin2", "1111", "puk2", "22222222", "pinned", "yes")));

        Map<String, Object> masked = AuditPayloads.masked(stored);

        assertThat(masked.get("pin")).isEqualTo(AuditPayloads.MASK);
        assertThat(masked.get("new_iccid")).isEqualTo("8934011411551283144");
        assertThat(masked.get("details"))
                .isEqualTo(Map.of("device_additional_details", Map.of("iccid", "89340", "pin", "****", "puk", "****")));
        assertThat(masked.get("cards")).isEqualTo(List.of(Map.of("pin2", "****", "puk2", "****", "pinned", "yes")));
        assertThat(stored.get("pin")).as("the stored tree is left alone").isEqualTo("0123");
    }

    @Test
    void a_code_that_is_null_stays_null_rather_than_pretending_a_code_exists() {
        Map<String, Object> stored = new HashMap<>();
        stored.put("pin", "0123");
        stored.put("pin2", null);

        Map<String, Object> masked = AuditPayloads.masked(stored);

        assertThat(masked).containsEntry("pin", "****").containsEntry("pin2", null);
    }
}
