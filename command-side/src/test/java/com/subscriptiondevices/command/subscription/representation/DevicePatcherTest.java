package com.subscriptiondevices.command.subscription.representation;

import static com.subscriptiondevices.command.subscription.TestDevices.COMMITMENT_ID;
import static com.subscriptiondevices.command.subscription.TestDevices.ICCID;
import static com.subscriptiondevices.command.subscription.TestDevices.IMSI;
import static com.subscriptiondevices.command.subscription.TestDevices.LONG_ICCID;
import static com.subscriptiondevices.command.subscription.TestDevices.PHONE_ID;
import static com.subscriptiondevices.command.subscription.TestDevices.PHONE_LEGACY_ID;
import static com.subscriptiondevices.command.subscription.TestDevices.SIM_ID;
import static com.subscriptiondevices.command.subscription.TestDevices.SIM_LEGACY_ID;
import static com.subscriptiondevices.command.subscription.TestDevices.SUBSCRIPTION_ID;
import static com.subscriptiondevices.command.subscription.TestDevices.phone;
import static com.subscriptiondevices.command.subscription.TestDevices.sim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.subscriptiondevices.api.device.AppliedOperation;
import com.subscriptiondevices.api.device.Commitment;
import com.subscriptiondevices.api.device.DeviceCategory;
import com.subscriptiondevices.api.device.DeviceDetails;
import com.subscriptiondevices.api.device.DeviceView;
import com.subscriptiondevices.api.device.FabricationType;
import com.subscriptiondevices.api.device.SimCard;
import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;
import com.subscriptiondevices.command.subscription.TestDevices;
import java.math.BigDecimal;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON Patch work on its own: what a patch document becomes, or why it is refused. */
class DevicePatcherTest {

    private final DevicePatcher patcher = TestDevicePatchers.devicePatcher();

    private static DeviceView aPhone() {
        return new DeviceView(PHONE_ID, PHONE_LEGACY_ID, SUBSCRIPTION_ID, DeviceCategory.OTHER, phone().build(), 1);
    }

    private static DeviceView aSim(String iccid) {
        return new DeviceView(
                SIM_ID,
                SIM_LEGACY_ID,
                SUBSCRIPTION_ID,
                DeviceCategory.SIM,
                sim(iccid, IMSI).build(),
                1);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(Runnable patching, ErrorCode code) {
        return assertThatThrownBy(patching::run)
                .isInstanceOf(DomainException.class)
                .satisfies(failure ->
                        assertThat(((DomainException) failure).code()).isEqualTo(code));
    }

    @Test
    void keeps_op_path_from_and_reason_of_every_operation_in_order() {
        DevicePatcher.Patched patched = patcher.apply(
                aPhone(),
                """
                [{"op":"test","path":"/serial_number","value":"SN-1"},
                 {"op":"copy","from":"/serial_number","path":"/reservation_id","reason":"same as the box"},
                 {"op":"move","from":"/catalogue_device_id","path":"/shipping_order_id","reason":"misfiled"},
                 {"op":"remove","path":"/contract_document_id"},
                 {"op":"add","path":"/pickup_order_id","value":"PO-1","reason":""}]
                """,
                false);

        assertThat(patched.operations())
                .containsExactly(
                        new AppliedOperation("test", "/serial_number", null, null),
                        new AppliedOperation("copy", "/reservation_id", "/serial_number", "same as the box"),
                        new AppliedOperation("move", "/shipping_order_id", "/catalogue_device_id", "misfiled"),
                        new AppliedOperation("remove", "/contract_document_id", null, null),
                        new AppliedOperation("add", "/pickup_order_id", null, ""));
    }

    @Test
    void a_move_takes_the_value_away_from_where_it_was() {
        DevicePatcher.Patched patched = patcher.apply(
                aPhone(), "[{\"op\":\"move\",\"from\":\"/serial_number\",\"path\":\"/contract_document_id\"}]", false);

        assertThat(patched.details().serialNumber()).isNull();
        assertThat(patched.details().contractDocumentId()).isEqualTo("SN-1");
    }

    @Test
    void a_copy_leaves_the_value_where_it_was() {
        DevicePatcher.Patched patched = patcher.apply(
                aPhone(), "[{\"op\":\"copy\",\"from\":\"/serial_number\",\"path\":\"/reservation_id\"}]", false);

        assertThat(patched.details().serialNumber()).isEqualTo("SN-1");
        assertThat(patched.details().reservationId()).isEqualTo("SN-1");
    }

    @Test
    void a_patch_changes_only_what_it_names() {
        DevicePatcher.Patched patched =
                patcher.apply(aPhone(), "[{\"op\":\"replace\",\"path\":\"/serial_number\",\"value\":\"SN-2\"}]", false);

        assertThat(patched.details()).isEqualTo(phone().serialNumber("SN-2").build());
    }

    @Test
    void an_iccid_given_as_a_json_number_keeps_every_digit() {
        DevicePatcher.Patched patched = patcher.apply(
                aSim(LONG_ICCID),
                "[{\"op\":\"replace\",\"path\":\"/device_additional_details\",\"value\":" + "{\"iccid\":" + LONG_ICCID
                        + ",\"imsi\":" + IMSI + ",\"fabrication_type\":\"eSIM\"}}]",
                true);

        SimCard card = patched.details().deviceAdditionalDetails();
        assertThat(card.iccid()).isEqualTo(LONG_ICCID);
        assertThat(card.imsi()).isEqualTo(IMSI);
        assertThat(card.fabricationType()).isEqualTo(FabricationType.ESIM);
    }

    @Test
    void identifiers_come_out_in_their_normal_form() {
        DevicePatcher.Patched patched = patcher.apply(
                aPhone(),
                """
                [{"op":"replace","path":"/mac_address","value":"0a1b.2c3d.4e5f"},
                 {"op":"replace","path":"/imei","value":"35-209900-176148-1"},
                 {"op":"replace","path":"/insurable_amount","value":1.5E+2}]
                """,
                false);

        assertThat(patched.details().macAddress()).isEqualTo("0A:1B:2C:3D:4E:5F");
        assertThat(patched.details().imei()).isEqualTo("352099001761481");
        assertThat(patched.details().insurableAmount()).isEqualTo(new BigDecimal("150"));
    }

    @Test
    void a_test_compares_with_the_values_as_the_device_is_shown_exactly() {
        // the phone is shown with the amount 100.5 (normalized), legacy account 777 and a commitment 55
        DevicePatcher.Patched patched = patcher.apply(
                aPhone(),
                """
                [{"op":"test","path":"/insurable_amount","value":100.5},
                 {"op":"test","path":"/legacy_account_id","value":777},
                 {"op":"test","path":"/commitments/0/legacy_id","value":55},
                 {"op":"replace","path":"/serial_number","value":"SN-2"}]
                """,
                false);

        assertThat(patched.details().serialNumber()).isEqualTo("SN-2");
        assertThat(patched.details().insurableAmount()).isEqualTo(new BigDecimal("100.5"));
        assertRefused(
                () -> patcher.apply(
                        aPhone(), "[{\"op\":\"test\",\"path\":\"/insurable_amount\",\"value\":\"100.5\"}]", false),
                ErrorCode.INVALID_PATCH);
    }

    @Test
    void a_commitment_added_without_an_id_is_given_one_and_the_others_keep_theirs() {
        DevicePatcher.Patched patched = patcher.apply(
                aPhone(), "[{\"op\":\"add\",\"path\":\"/commitments/-\",\"value\":{\"legacy_id\":56}}]", false);

        assertThat(patched.details().commitments()).hasSize(2);
        assertThat(patched.details().commitments().get(0).id()).isEqualTo(COMMITMENT_ID);
        Commitment added = patched.details().commitments().get(1);
        assertThat(added.id()).isNotNull().isNotEqualTo(COMMITMENT_ID);
        assertThat(added.legacyId()).isEqualTo(56L);
    }

    @Test
    void without_secrets_the_patch_sees_the_sim_without_its_codes() {
        DevicePatcher.Patched patched = patcher.apply(
                aSim(ICCID),
                "[{\"op\":\"test\",\"path\":\"/device_additional_details\",\"value\":" + "{\"iccid\":\"" + ICCID
                        + "\",\"imsi\":\"" + IMSI + "\",\"fabrication_type\":\"pSIM\"}}]",
                false);

        assertThat(patched.details()).isEqualTo(sim(ICCID, IMSI).build());
    }

    @Test
    void with_secrets_the_patch_sees_the_codes() {
        DevicePatcher.Patched patched = patcher.apply(
                aSim(ICCID),
                "[{\"op\":\"test\",\"path\":\"/device_additional_details/pin\",\"value\":\"1234\"}]",
                true);

        assertThat(patched.details().deviceAdditionalDetails().pin()).isEqualTo("1234");
    }

    @Test
    void without_secrets_codes_given_with_the_whole_sim_are_ignored() {
        DevicePatcher.Patched patched = patcher.apply(
                aSim(ICCID),
                "[{\"op\":\"replace\",\"path\":\"/device_additional_details\",\"value\":"
                        + "{\"iccid\":\"" + ICCID + "\",\"imsi\":\"" + IMSI
                        + "\",\"pin\":\"0000\",\"puk\":\"00000000\",\"pin2\":\"1111\",\"puk2\":\"11111111\"}}]",
                false);

        assertThat(patched.details().deviceAdditionalDetails())
                .isEqualTo(new SimCard(ICCID, IMSI, "1234", "12345678", null, null, null));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[{\"op\":\"test\",\"path\":\"/device_additional_details/puk\",\"value\":\"12345678\"}]",
                "[{\"op\":\"remove\",\"path\":\"/device_additional_details/pin2\"}]",
                "[{\"op\":\"add\",\"path\":\"/device_additional_details/puk2\",\"value\":\"12345678\"}]",
                "[{\"op\":\"copy\",\"from\":\"/device_additional_details/pin\",\"path\":\"/serial_number\"}]",
                "[{\"op\":\"move\",\"from\":\"/device_additional_details/puk\",\"path\":\"/serial_number\"}]"
            })
    void every_operation_on_a_code_needs_the_secrets_permission(String document) {
        assertRefused(() -> patcher.apply(aSim(ICCID), document, false), ErrorCode.MISSING_PERMISSIONS);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "not json",
                "null",
                "{}",
                "[{\"op\":\"replace\",\"path\":\"/serial_number\",\"value\":\"SN-2\"}",
                "[\"replace\"]",
                "[{\"path\":\"/serial_number\",\"value\":\"SN-2\"}]",
                "[{\"op\":\"rename\",\"path\":\"/serial_number\",\"value\":\"SN-2\"}]",
                "[{\"op\":\"replace\",\"value\":\"SN-2\"}]",
                "[{\"op\":\"replace\",\"path\":7,\"value\":\"SN-2\"}]",
                "[{\"op\":\"replace\",\"path\":\"/serial_number\",\"value\":\"SN-2\",\"reason\":null}]",
                "[{\"op\":\"replace\",\"path\":\"/serial_number\",\"value\":\"SN-2\",\"reason\":[\"a\"]}]",
                "[{\"op\":\"replace\",\"path\":\"/serial_number\",\"value\":\"SN-2\",\"comment\":\"x\"}]",
                "[{\"op\":\"replace\",\"path\":\"/no_such_member\",\"value\":\"x\"}]",
                "[{\"op\":\"add\",\"path\":\"/no_such_member\",\"value\":\"x\"}]",
                "[{\"op\":\"move\",\"from\":\"/id\",\"path\":\"/serial_number\"}]",
                "[{\"op\":\"replace\",\"path\":\"\",\"value\":[]}]",
                "[{\"op\":\"replace\",\"path\":\"/legacy_account_id\",\"value\":\"many\"}]",
                "[{\"op\":\"replace\",\"path\":\"/acquisition_type\",\"value\":\"STOLEN\"}]",
                "[{\"op\":\"replace\",\"path\":\"/in_store_delivery_date\",\"value\":\"yesterday\"}]"
            })
    void a_document_that_is_no_applicable_json_patch_is_an_invalid_patch(String document) {
        assertRefused(() -> patcher.apply(aPhone(), document, false), ErrorCode.INVALID_PATCH);
    }

    @Test
    void a_missing_document_is_an_invalid_patch() {
        assertRefused(() -> patcher.apply(aPhone(), null, false), ErrorCode.INVALID_PATCH);
    }

    @Test
    void replacing_the_whole_document_cannot_change_the_id() {
        String document = "[{\"op\":\"replace\",\"path\":\"\",\"value\":"
                + "{\"id\":\"0b8f7a51-3c1d-4f0e-8a6b-2d9c4e5f6a09\",\"legacy_id\":" + PHONE_LEGACY_ID
                + ",\"category\":\"OTHER\",\"status\":\"ACTIVE\",\"catalogue_commercial_device_id\":\"X\","
                + "\"legacy_account_id\":777}}]";

        assertRefused(() -> patcher.apply(aPhone(), document, false), ErrorCode.INVALID_PATCH)
                .hasMessageContaining("'/id' is read-only");
    }

    @Test
    void replacing_the_whole_document_may_change_everything_else() {
        String document = "[{\"op\":\"replace\",\"path\":\"\",\"value\":"
                + "{\"id\":\"" + PHONE_ID + "\",\"legacy_id\":" + PHONE_LEGACY_ID
                + ",\"category\":\"OTHER\",\"status\":\"ACTIVE\",\"catalogue_commercial_device_id\":\"X\","
                + "\"legacy_account_id\":778}}]";

        DevicePatcher.Patched patched = patcher.apply(aPhone(), document, false);

        assertThat(patched.details())
                .isEqualTo(new TestDevices.Details()
                        .catalogueCommercialDeviceId("X")
                        .legacyAccountId(778)
                        .build());
    }

    @Test
    void a_patch_must_leave_the_device_a_json_object() {
        String document = "[{\"op\":\"copy\",\"from\":\"/serial_number\",\"path\":\"\"}]";

        assertRefused(() -> patcher.apply(aPhone(), document, false), ErrorCode.INVALID_PATCH)
                .hasMessageContaining("JSON object");
    }

    @Test
    void a_test_on_a_read_only_member_is_allowed() {
        DevicePatcher.Patched patched = patcher.apply(
                aPhone(),
                "[{\"op\":\"test\",\"path\":\"/legacy_id\",\"value\":" + PHONE_LEGACY_ID + "},"
                        + "{\"op\":\"test\",\"path\":\"/status\",\"value\":\"ACTIVE\"},"
                        + "{\"op\":\"replace\",\"path\":\"/serial_number\",\"value\":\"SN-2\"}]",
                false);

        assertThat(patched.details().serialNumber()).isEqualTo("SN-2");
    }

    @Test
    void a_failing_test_refuses_the_patch_and_says_why() {
        assertRefused(
                        () -> patcher.apply(
                                aPhone(), "[{\"op\":\"test\",\"path\":\"/serial_number\",\"value\":\"SN-9\"}]", false),
                        ErrorCode.INVALID_PATCH)
                .hasMessageContaining("cannot be applied");
    }

    @Test
    void violations_of_one_format_rule_carry_its_code() {
        assertRefused(
                        () -> patcher.apply(
                                aPhone(), "[{\"op\":\"replace\",\"path\":\"/mac_address\",\"value\":\"zz\"}]", false),
                        ErrorCode.INVALID_MAC_ADDRESS_FORMAT)
                .hasMessageContaining("mac_address");
    }

    @Test
    void a_patched_iccid_is_checked_against_its_format() {
        String document = "[{\"op\":\"replace\",\"path\":\"/device_additional_details\",\"value\":"
                + "{\"iccid\":\"8934000000000000003\",\"imsi\":\"" + IMSI + "\"}}]";
        assertRefused(() -> patcher.apply(aSim(ICCID), document, true), ErrorCode.INVALID_ICCID_FORMAT);
    }

    @Test
    void violations_of_different_rules_are_an_invalid_body() {
        assertRefused(
                        () -> patcher.apply(
                                aPhone(),
                                "[{\"op\":\"replace\",\"path\":\"/mac_address\",\"value\":\"zz\"},"
                                        + "{\"op\":\"replace\",\"path\":\"/imei\",\"value\":\"123\"}]",
                                false),
                        ErrorCode.INVALID_BODY)
                .hasMessageContaining("mac_address")
                .hasMessageContaining("imei");
    }

    @Test
    void a_negative_amount_is_an_invalid_body() {
        assertRefused(
                () -> patcher.apply(
                        aPhone(), "[{\"op\":\"replace\",\"path\":\"/insurable_amount\",\"value\":-1}]", false),
                ErrorCode.INVALID_BODY);
    }

    @Test
    void an_amount_in_exponent_form_beyond_the_bounds_is_refused_before_it_is_written_out() {
        assertRefused(
                        () -> patcher.apply(
                                aPhone(),
                                "[{\"op\":\"replace\",\"path\":\"/insurable_amount\",\"value\":1e1000000}]",
                                false),
                        ErrorCode.INVALID_BODY)
                .hasMessageContaining("insurable_amount");
        assertRefused(
                () -> patcher.apply(
                        aPhone(), "[{\"op\":\"replace\",\"path\":\"/insurable_amount\",\"value\":1e-7}]", false),
                ErrorCode.INVALID_BODY);
    }

    @Test
    void removing_the_legacy_account_id_is_an_invalid_body() {
        assertRefused(
                        () -> patcher.apply(aPhone(), "[{\"op\":\"remove\",\"path\":\"/legacy_account_id\"}]", false),
                        ErrorCode.INVALID_BODY)
                .hasMessageContaining("legacy_account_id");
    }

    @Test
    void the_patched_details_are_what_the_aggregate_decides_on() {
        DeviceDetails expected = phone().serialNumber(null)
                .macAddress(null)
                .imei(null)
                .insurableAmount(null)
                .build();
        DevicePatcher.Patched patched = patcher.apply(
                aPhone(),
                """
                [{"op":"remove","path":"/serial_number"},
                 {"op":"replace","path":"/mac_address","value":null},
                 {"op":"remove","path":"/imei"},
                 {"op":"remove","path":"/insurable_amount"}]
                """,
                false);

        assertThat(patched.details()).isEqualTo(expected);
    }
}
