package com.subscriptiondevices.command.subscription;

import static com.subscriptiondevices.command.subscription.TestDevices.DELIVERED;
import static com.subscriptiondevices.command.subscription.TestDevices.ICCID;
import static com.subscriptiondevices.command.subscription.TestDevices.IMEI;
import static com.subscriptiondevices.command.subscription.TestDevices.IMSI;
import static com.subscriptiondevices.command.subscription.TestDevices.LEGACY_ACCOUNT_ID;
import static com.subscriptiondevices.command.subscription.TestDevices.ORG;
import static com.subscriptiondevices.command.subscription.TestDevices.OTHER_ICCID;
import static com.subscriptiondevices.command.subscription.TestDevices.OTHER_ID;
import static com.subscriptiondevices.command.subscription.TestDevices.OTHER_IMSI;
import static com.subscriptiondevices.command.subscription.TestDevices.OTHER_LEGACY_ID;
import static com.subscriptiondevices.command.subscription.TestDevices.OTHER_ORG;
import static com.subscriptiondevices.command.subscription.TestDevices.PHONE_ID;
import static com.subscriptiondevices.command.subscription.TestDevices.PHONE_LEGACY_ID;
import static com.subscriptiondevices.command.subscription.TestDevices.SIM_ID;
import static com.subscriptiondevices.command.subscription.TestDevices.SIM_LEGACY_ID;
import static com.subscriptiondevices.command.subscription.TestDevices.SUBSCRIPTION_ID;
import static com.subscriptiondevices.command.subscription.TestDevices.SUBSCRIPTION_LEGACY_ID;
import static com.subscriptiondevices.command.subscription.TestDevices.phone;
import static com.subscriptiondevices.command.subscription.TestDevices.sim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;

import com.subscriptiondevices.api.device.AddDevice;
import com.subscriptiondevices.api.device.AppliedOperation;
import com.subscriptiondevices.api.device.DeviceAdded;
import com.subscriptiondevices.api.device.DeviceCategory;
import com.subscriptiondevices.api.device.DeviceDetails;
import com.subscriptiondevices.api.device.DeviceDetailsChanged;
import com.subscriptiondevices.api.device.DeviceId;
import com.subscriptiondevices.api.device.DeviceStatus;
import com.subscriptiondevices.api.device.DeviceView;
import com.subscriptiondevices.api.device.FabricationType;
import com.subscriptiondevices.api.device.PatchDevice;
import com.subscriptiondevices.api.device.SimCard;
import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;
import com.subscriptiondevices.api.subscription.CreateSubscription;
import com.subscriptiondevices.api.subscription.SubscriptionCreated;
import com.subscriptiondevices.command.subscription.representation.TestDevicePatchers;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rules of a subscription and its devices, command in, events (or a refusal) out. */
class SubscriptionTest {

    private FixtureConfiguration<Subscription> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Subscription.class);
        fixture.registerAnnotatedCommandHandler(
                new DevicePatchHandler(fixture.getRepository(), TestDevicePatchers.devicePatcher()));
    }

    private static SubscriptionCreated subscriptionCreated() {
        return new SubscriptionCreated(SUBSCRIPTION_ID, ORG, SUBSCRIPTION_LEGACY_ID, LEGACY_ACCOUNT_ID);
    }

    private static DeviceAdded phoneAdded() {
        return phoneAdded(phone().build());
    }

    private static DeviceAdded phoneAdded(DeviceDetails details) {
        return new DeviceAdded(SUBSCRIPTION_ID, PHONE_ID, PHONE_LEGACY_ID, DeviceCategory.OTHER, details);
    }

    private static DeviceAdded simAdded() {
        return new DeviceAdded(
                SUBSCRIPTION_ID,
                SIM_ID,
                SIM_LEGACY_ID,
                DeviceCategory.SIM,
                sim(ICCID, IMSI).build());
    }

    private TestExecutor<Subscription> givenAPhone() {
        return fixture.given(subscriptionCreated(), phoneAdded());
    }

    private TestExecutor<Subscription> givenASim() {
        return fixture.given(subscriptionCreated(), simAdded());
    }

    private static DeviceView phoneView(DeviceDetails details, long version) {
        return new DeviceView(PHONE_ID, PHONE_LEGACY_ID, SUBSCRIPTION_ID, DeviceCategory.OTHER, details, version);
    }

    private static DeviceView simView(DeviceDetails details, long version) {
        return new DeviceView(SIM_ID, SIM_LEGACY_ID, SUBSCRIPTION_ID, DeviceCategory.SIM, details, version);
    }

    private static AddDevice addDevice(DeviceId id, long legacyId, DeviceCategory category, DeviceDetails details) {
        return new AddDevice(SUBSCRIPTION_ID, ORG, id, legacyId, category, details);
    }

    private static PatchDevice patch(DeviceId device, String document) {
        return new PatchDevice(SUBSCRIPTION_ID, ORG, device, null, document, false);
    }

    private static PatchDevice patchWithSecrets(DeviceId device, String document) {
        return new PatchDevice(SUBSCRIPTION_ID, ORG, device, null, document, true);
    }

    private static PatchDevice patchAtVersion(DeviceId device, long expectedVersion, String document) {
        return new PatchDevice(SUBSCRIPTION_ID, ORG, device, expectedVersion, document, false);
    }

    private static String replace(String path, String jsonValue) {
        return "[{\"op\":\"replace\",\"path\":\"" + path + "\",\"value\":" + jsonValue + "}]";
    }

    /** A {@link DomainException} carrying this error code. */
    private static Matcher<DomainException> domainError(ErrorCode code) {
        return new FeatureMatcher<DomainException, ErrorCode>(equalTo(code), "a DomainException with code", "code") {
            @Override
            protected ErrorCode featureValueOf(DomainException actual) {
                return actual.code();
            }
        };
    }

    @Test
    void creating_a_subscription_records_its_org_and_identities() {
        fixture.givenNoPriorActivity()
                .when(new CreateSubscription(SUBSCRIPTION_ID, ORG, SUBSCRIPTION_LEGACY_ID, LEGACY_ACCOUNT_ID, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SubscriptionCreated(SUBSCRIPTION_ID, ORG, SUBSCRIPTION_LEGACY_ID, LEGACY_ACCOUNT_ID));
    }

    @Test
    void adding_a_device_records_it_and_answers_it_at_version_1() {
        DeviceDetails details = phone().build();
        fixture.given(subscriptionCreated())
                .when(addDevice(PHONE_ID, PHONE_LEGACY_ID, DeviceCategory.OTHER, details))
                .expectSuccessfulHandlerExecution()
                .expectEvents(phoneAdded(details))
                .expectResultMessagePayload(phoneView(details, 1))
                .expectState(
                        state -> assertThat(state.device(ORG, PHONE_ID, 1L)).isEqualTo(phoneView(details, 1)));
    }

    @Test
    void adding_a_sim_records_it_with_its_iccid_and_imsi() {
        DeviceDetails details = sim(ICCID, IMSI).build();
        fixture.given(subscriptionCreated())
                .when(addDevice(SIM_ID, SIM_LEGACY_ID, DeviceCategory.SIM, details))
                .expectSuccessfulHandlerExecution()
                .expectEvents(simAdded())
                .expectResultMessagePayload(simView(details, 1));
    }

    @Test
    void a_second_device_is_added_next_to_the_first() {
        DeviceDetails second = phone().serialNumber("SN-2").build();
        fixture.given(subscriptionCreated(), phoneAdded())
                .when(addDevice(OTHER_ID, OTHER_LEGACY_ID, DeviceCategory.OTHER, second))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DeviceAdded(SUBSCRIPTION_ID, OTHER_ID, OTHER_LEGACY_ID, DeviceCategory.OTHER, second))
                .expectResultMessagePayload(
                        new DeviceView(OTHER_ID, OTHER_LEGACY_ID, SUBSCRIPTION_ID, DeviceCategory.OTHER, second, 1));
    }

    @Test
    void a_subscription_of_another_org_does_not_exist_for_adding_a_device() {
        fixture.given(subscriptionCreated())
                .when(new AddDevice(
                        SUBSCRIPTION_ID, OTHER_ORG, PHONE_ID, PHONE_LEGACY_ID, DeviceCategory.OTHER, phone().build()))
                .expectException(domainError(ErrorCode.SUBSCRIPTION_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void a_device_cannot_be_added_to_a_subscription_that_was_never_created() {
        fixture.givenNoPriorActivity()
                .when(addDevice(PHONE_ID, PHONE_LEGACY_ID, DeviceCategory.OTHER, phone().build()))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void rejects_a_second_device_with_the_same_id() {
        fixture.given(subscriptionCreated(), phoneAdded())
                .when(addDevice(PHONE_ID, OTHER_LEGACY_ID, DeviceCategory.OTHER, phone().build()))
                .expectException(domainError(ErrorCode.DEVICE_ALREADY_EXISTS))
                .expectExceptionMessage(containsString(PHONE_ID.toString()))
                .expectNoEvents();
    }

    @Test
    void rejects_a_second_device_with_the_same_legacy_id() {
        fixture.given(subscriptionCreated(), phoneAdded())
                .when(addDevice(OTHER_ID, PHONE_LEGACY_ID, DeviceCategory.OTHER, phone().build()))
                .expectException(domainError(ErrorCode.DEVICE_ALREADY_EXISTS))
                .expectExceptionMessage(containsString("legacy_id " + PHONE_LEGACY_ID))
                .expectNoEvents();
    }

    @Test
    void rejects_a_sim_without_device_additional_details() {
        fixture.given(subscriptionCreated())
                .when(addDevice(SIM_ID, SIM_LEGACY_ID, DeviceCategory.SIM, phone().build()))
                .expectException(domainError(ErrorCode.INVALID_BODY))
                .expectNoEvents();
    }

    @Test
    void rejects_a_sim_without_iccid() {
        fixture.given(subscriptionCreated())
                .when(addDevice(
                        SIM_ID,
                        SIM_LEGACY_ID,
                        DeviceCategory.SIM,
                        sim(null, IMSI).build()))
                .expectException(domainError(ErrorCode.INVALID_BODY))
                .expectNoEvents();
    }

    @Test
    void rejects_a_sim_without_imsi() {
        fixture.given(subscriptionCreated())
                .when(addDevice(
                        SIM_ID,
                        SIM_LEGACY_ID,
                        DeviceCategory.SIM,
                        sim(ICCID, null).build()))
                .expectException(domainError(ErrorCode.INVALID_BODY))
                .expectNoEvents();
    }

    @Test
    void rejects_device_additional_details_on_a_device_that_is_not_a_sim() {
        fixture.given(subscriptionCreated())
                .when(addDevice(
                        PHONE_ID,
                        PHONE_LEGACY_ID,
                        DeviceCategory.OTHER,
                        sim(ICCID, IMSI).build()))
                .expectException(domainError(ErrorCode.INVALID_BODY))
                .expectNoEvents();
    }

    @Test
    void rejects_a_returned_date_before_the_delivery_date() {
        DeviceDetails details =
                phone().inStoreReturnedDate(DELIVERED.minusSeconds(1)).build();
        fixture.given(subscriptionCreated())
                .when(addDevice(PHONE_ID, PHONE_LEGACY_ID, DeviceCategory.OTHER, details))
                .expectException(domainError(ErrorCode.INVALID_BODY))
                .expectExceptionMessage(containsString("in_store_returned_date"))
                .expectNoEvents();
    }

    @Test
    void accepts_a_device_returned_the_moment_it_was_delivered() {
        DeviceDetails details = phone().inStoreReturnedDate(DELIVERED).build();
        fixture.given(subscriptionCreated())
                .when(addDevice(PHONE_ID, PHONE_LEGACY_ID, DeviceCategory.OTHER, details))
                .expectSuccessfulHandlerExecution()
                .expectEvents(phoneAdded(details));
    }

    @Test
    void rejects_an_iccid_already_used_by_another_device_of_the_subscription() {
        fixture.given(subscriptionCreated(), simAdded())
                .when(addDevice(
                        OTHER_ID,
                        OTHER_LEGACY_ID,
                        DeviceCategory.SIM,
                        sim(ICCID, OTHER_IMSI).build()))
                .expectException(domainError(ErrorCode.ICCID_IN_USE))
                .expectExceptionMessage(containsString(ICCID))
                .expectNoEvents();
    }

    @Test
    void accepts_a_second_sim_with_another_iccid() {
        DeviceDetails second = sim(OTHER_ICCID, OTHER_IMSI).build();
        fixture.given(subscriptionCreated(), simAdded())
                .when(addDevice(OTHER_ID, OTHER_LEGACY_ID, DeviceCategory.SIM, second))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DeviceAdded(SUBSCRIPTION_ID, OTHER_ID, OTHER_LEGACY_ID, DeviceCategory.SIM, second));
    }

    @Test
    void patching_the_serial_number_records_the_new_details_at_version_2_with_the_operation_and_its_reason() {
        DeviceDetails changed = phone().serialNumber("SN-2").build();
        givenAPhone()
                .when(
                        patch(
                                PHONE_ID,
                                """
                        [{"op":"replace","path":"/serial_number","value":"SN-2","reason":"typo on the box label"}]
                        """))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DeviceDetailsChanged(
                        SUBSCRIPTION_ID,
                        PHONE_ID,
                        2,
                        changed,
                        List.of(new AppliedOperation("replace", "/serial_number", null, "typo on the box label"))))
                .expectResultMessagePayload(phoneView(changed, 2))
                .expectState(
                        state -> assertThat(state.device(ORG, PHONE_ID, 2L)).isEqualTo(phoneView(changed, 2)));
    }

    @Test
    void a_patch_records_every_operation_in_order_with_its_from_and_reason() {
        DeviceDetails changed =
                phone().serialNumber(null).contractDocumentId("SN-1").build();
        givenAPhone()
                .when(
                        patch(
                                PHONE_ID,
                                """
                        [{"op":"test","path":"/serial_number","value":"SN-1"},
                         {"op":"move","from":"/serial_number","path":"/contract_document_id","reason":"wrong field"}]
                        """))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DeviceDetailsChanged(
                        SUBSCRIPTION_ID,
                        PHONE_ID,
                        2,
                        changed,
                        List.of(
                                new AppliedOperation("test", "/serial_number", null, null),
                                new AppliedOperation(
                                        "move", "/contract_document_id", "/serial_number", "wrong field"))));
    }

    @Test
    void a_later_patch_goes_to_the_next_version() {
        DeviceDetails second = phone().serialNumber("SN-2").build();
        DeviceDetails third = phone().serialNumber("SN-3").build();
        givenAPhone()
                .andGiven(new DeviceDetailsChanged(SUBSCRIPTION_ID, PHONE_ID, 2, second, List.of()))
                .when(patch(PHONE_ID, replace("/serial_number", "\"SN-3\"")))
                .expectEvents(new DeviceDetailsChanged(
                        SUBSCRIPTION_ID,
                        PHONE_ID,
                        3,
                        third,
                        List.of(new AppliedOperation("replace", "/serial_number", null, null))))
                .expectResultMessagePayload(phoneView(third, 3))
                .expectState(
                        state -> assertThat(state.device(ORG, PHONE_ID, 3L)).isEqualTo(phoneView(third, 3)));
    }

    @Test
    void a_patch_that_changes_nothing_records_nothing_and_answers_the_same_version() {
        givenAPhone()
                .when(patch(PHONE_ID, replace("/serial_number", "\"SN-1\"")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(phoneView(phone().build(), 1))
                .expectState(
                        state -> assertThat(state.device(ORG, PHONE_ID, 1L)).isEqualTo(phoneView(phone().build(), 1)));
    }

    @Test
    void amounts_that_differ_only_in_trailing_zeros_are_no_change() {
        givenAPhone()
                .when(patch(PHONE_ID, replace("/insurable_amount", "100.5")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(phoneView(phone().build(), 1));
    }

    @Test
    void a_mac_address_and_an_imei_in_another_notation_are_no_change() {
        givenAPhone()
                .when(
                        patch(
                                PHONE_ID,
                                """
                        [{"op":"replace","path":"/mac_address","value":"aa-bb-cc-dd-ee-ff"},
                         {"op":"replace","path":"/imei","value":"49-015420-323751-8"}]
                        """))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(phoneView(phone().build(), 1));
    }

    @Test
    void a_patched_mac_address_is_recorded_in_its_normal_form() {
        DeviceDetails changed = phone().macAddress("0A:1B:2C:3D:4E:5F").build();
        givenAPhone()
                .when(patch(PHONE_ID, replace("/mac_address", "\"0a1b.2c3d.4e5f\"")))
                .expectEvents(new DeviceDetailsChanged(
                        SUBSCRIPTION_ID,
                        PHONE_ID,
                        2,
                        changed,
                        List.of(new AppliedOperation("replace", "/mac_address", null, null))));
    }

    @Test
    void accepts_a_patch_on_the_version_the_client_saw() {
        DeviceDetails changed = phone().serialNumber("SN-2").build();
        givenAPhone()
                .when(patchAtVersion(PHONE_ID, 1, replace("/serial_number", "\"SN-2\"")))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(phoneView(changed, 2));
    }

    @Test
    void rejects_a_patch_on_a_stale_version() {
        givenAPhone()
                .when(patchAtVersion(PHONE_ID, 5, replace("/serial_number", "\"SN-2\"")))
                .expectException(domainError(ErrorCode.STALE_VERSION))
                .expectExceptionMessage(containsString("version 1"))
                .expectNoEvents();
    }

    @Test
    void the_version_a_client_saw_is_the_one_rebuilt_from_the_events() {
        DeviceDetails second = phone().serialNumber("SN-2").build();
        givenAPhone()
                .andGiven(new DeviceDetailsChanged(SUBSCRIPTION_ID, PHONE_ID, 2, second, List.of()))
                .when(patchAtVersion(PHONE_ID, 1, replace("/serial_number", "\"SN-3\"")))
                .expectException(domainError(ErrorCode.STALE_VERSION))
                .expectExceptionMessage(containsString("version 2, not 1"))
                .expectNoEvents();
    }

    @Test
    void rejects_a_patch_of_a_device_the_subscription_does_not_have() {
        givenAPhone()
                .when(patch(OTHER_ID, replace("/serial_number", "\"SN-2\"")))
                .expectException(domainError(ErrorCode.DEVICE_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void a_subscription_of_another_org_does_not_exist_for_patching_a_device() {
        givenAPhone()
                .when(new PatchDevice(
                        SUBSCRIPTION_ID, OTHER_ORG, PHONE_ID, null, replace("/serial_number", "\"SN-2\""), true))
                .expectException(domainError(ErrorCode.SUBSCRIPTION_NOT_FOUND))
                .expectNoEvents();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "/id                               | \"0b8f7a51-3c1d-4f0e-8a6b-2d9c4e5f6a09\"",
                "/legacy_id                        | 99",
                "/status                           | \"INACTIVE\"",
                "/category                         | \"OTHER\"",
                "/device_additional_details/iccid  | \"" + OTHER_ICCID + "\"",
                "/device_additional_details/imsi   | \"" + OTHER_IMSI + "\""
            })
    void rejects_a_change_of_a_read_only_path(String path, String value) {
        givenASim()
                .when(patchWithSecrets(SIM_ID, replace(path, value)))
                .expectException(domainError(ErrorCode.INVALID_PATCH))
                .expectExceptionMessage(containsString(path))
                .expectNoEvents();
    }

    @Test
    void rejects_moving_a_read_only_member_away() {
        givenAPhone()
                .when(patch(PHONE_ID, "[{\"op\":\"move\",\"from\":\"/legacy_id\",\"path\":\"/serial_number\"}]"))
                .expectException(domainError(ErrorCode.INVALID_PATCH))
                .expectNoEvents();
    }

    @Test
    void rejects_a_new_iccid_given_with_the_whole_sim() {
        givenASim()
                .when(patchWithSecrets(
                        SIM_ID,
                        replace(
                                "/device_additional_details",
                                "{\"iccid\":\"" + OTHER_ICCID + "\",\"imsi\":\"" + IMSI
                                        + "\",\"fabrication_type\":\"pSIM\"}")))
                .expectException(domainError(ErrorCode.INVALID_PATCH))
                .expectExceptionMessage(containsString("read-only"))
                .expectNoEvents();
    }

    @Test
    void a_failing_test_operation_rejects_the_whole_patch() {
        givenAPhone()
                .when(
                        patch(
                                PHONE_ID,
                                """
                        [{"op":"replace","path":"/serial_number","value":"SN-2"},
                         {"op":"test","path":"/imei","value":"352099001761481"}]
                        """))
                .expectException(domainError(ErrorCode.INVALID_PATCH))
                .expectNoEvents();
    }

    @Test
    void a_result_with_an_invalid_mac_address_is_refused_with_its_format_code() {
        givenAPhone()
                .when(patch(PHONE_ID, replace("/mac_address", "\"zz\"")))
                .expectException(domainError(ErrorCode.INVALID_MAC_ADDRESS_FORMAT))
                .expectExceptionMessage(containsString("mac_address"))
                .expectNoEvents();
    }

    @Test
    void a_result_with_an_invalid_imei_is_refused_with_its_format_code() {
        givenAPhone()
                .when(patch(PHONE_ID, replace("/imei", "\"490154203237519\"")))
                .expectException(domainError(ErrorCode.INVALID_IMEI_FORMAT))
                .expectNoEvents();
    }

    @Test
    void a_result_without_its_required_catalogue_id_is_an_invalid_body() {
        givenAPhone()
                .when(patch(PHONE_ID, "[{\"op\":\"remove\",\"path\":\"/catalogue_commercial_device_id\"}]"))
                .expectException(domainError(ErrorCode.INVALID_BODY))
                .expectExceptionMessage(containsString("catalogue_commercial_device_id"))
                .expectNoEvents();
    }

    @Test
    void a_result_with_a_returned_date_before_the_delivery_date_is_an_invalid_body() {
        givenAPhone()
                .when(patch(PHONE_ID, replace("/in_store_returned_date", "\"2024-04-30T10:00:00Z\"")))
                .expectException(domainError(ErrorCode.INVALID_BODY))
                .expectExceptionMessage(containsString("in_store_returned_date"))
                .expectNoEvents();
    }

    @Test
    void returning_a_device_in_a_shop_is_recorded() {
        Instant returned = Instant.parse("2024-06-01T09:30:00Z");
        DeviceDetails changed = phone().inStoreReturnedDate(returned).build();
        givenAPhone()
                .when(patch(
                        PHONE_ID,
                        "[{\"op\":\"add\",\"path\":\"/in_store_returned_date\",\"value\":\"2024-06-01T09:30:00Z\"}]"))
                .expectEvents(new DeviceDetailsChanged(
                        SUBSCRIPTION_ID,
                        PHONE_ID,
                        2,
                        changed,
                        List.of(new AppliedOperation("add", "/in_store_returned_date", null, null))))
                .expectResultMessagePayloadMatching(allOf(
                        instanceOf(DeviceView.class),
                        new FeatureMatcher<DeviceView, Object>(
                                equalTo(DeviceStatus.INACTIVE), "a device with status", "status") {
                            @Override
                            protected Object featureValueOf(DeviceView actual) {
                                return actual.status();
                            }
                        }));
    }

    @Test
    void device_additional_details_cannot_be_added_to_a_device_that_is_not_a_sim() {
        givenAPhone()
                .when(patch(
                        PHONE_ID,
                        "[{\"op\":\"add\",\"path\":\"/device_additional_details\",\"value\":{\"iccid\":\"" + ICCID
                                + "\",\"imsi\":\"" + IMSI + "\"}}]"))
                .expectException(domainError(ErrorCode.INVALID_BODY))
                .expectNoEvents();
    }

    @Test
    void a_sim_cannot_lose_its_device_additional_details() {
        givenASim()
                .when(patchWithSecrets(SIM_ID, "[{\"op\":\"remove\",\"path\":\"/device_additional_details\"}]"))
                .expectException(domainError(ErrorCode.INVALID_BODY))
                .expectNoEvents();
    }

    @Test
    void patching_a_pin_needs_the_secrets_permission() {
        givenASim()
                .when(patch(SIM_ID, replace("/device_additional_details/pin", "\"4321\"")))
                .expectException(domainError(ErrorCode.MISSING_PERMISSIONS))
                .expectNoEvents();
    }

    @Test
    void with_the_secrets_permission_a_patch_changes_the_pin() {
        DeviceDetails changed = sim(ICCID, IMSI)
                .deviceAdditionalDetails(new SimCard(ICCID, IMSI, "4321", "12345678", null, null, FabricationType.PSIM))
                .build();
        givenASim()
                .when(patchWithSecrets(SIM_ID, replace("/device_additional_details/pin", "\"4321\"")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DeviceDetailsChanged(
                        SUBSCRIPTION_ID,
                        SIM_ID,
                        2,
                        changed,
                        List.of(new AppliedOperation("replace", "/device_additional_details/pin", null, null))))
                .expectResultMessagePayload(simView(changed, 2));
    }

    @Test
    void with_the_secrets_permission_a_pin_must_still_be_a_code_of_digits() {
        givenASim()
                .when(patchWithSecrets(SIM_ID, replace("/device_additional_details/pin", "\"12\"")))
                .expectException(domainError(ErrorCode.INVALID_SECRET_CODE_FORMAT))
                .expectNoEvents();
    }

    @Test
    void without_the_secrets_permission_replacing_the_whole_sim_keeps_its_codes() {
        DeviceDetails changed = sim(ICCID, IMSI)
                .deviceAdditionalDetails(new SimCard(ICCID, IMSI, "1234", "12345678", null, null, FabricationType.ESIM))
                .build();
        givenASim()
                .when(patch(
                        SIM_ID,
                        replace(
                                "/device_additional_details",
                                "{\"iccid\":\"" + ICCID + "\",\"imsi\":\"" + IMSI
                                        + "\",\"pin\":\"9999\",\"puk\":\"99999999\",\"pin2\":\"8888\","
                                        + "\"fabrication_type\":\"eSIM\"}")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DeviceDetailsChanged(
                        SUBSCRIPTION_ID,
                        SIM_ID,
                        2,
                        changed,
                        List.of(new AppliedOperation("replace", "/device_additional_details", null, null))));
    }

    @Test
    void without_the_secrets_permission_a_change_elsewhere_keeps_the_codes() {
        DeviceDetails changed = sim(ICCID, IMSI).reservationId("R-1").build();
        givenASim()
                .when(patch(SIM_ID, "[{\"op\":\"add\",\"path\":\"/reservation_id\",\"value\":\"R-1\"}]"))
                .expectEvents(new DeviceDetailsChanged(
                        SUBSCRIPTION_ID,
                        SIM_ID,
                        2,
                        changed,
                        List.of(new AppliedOperation("add", "/reservation_id", null, null))))
                .expectResultMessagePayload(simView(changed, 2));
    }

    @Test
    void a_reason_that_is_not_a_string_is_an_invalid_patch() {
        givenAPhone()
                .when(patch(
                        PHONE_ID,
                        "[{\"op\":\"replace\",\"path\":\"/serial_number\",\"value\":\"SN-2\",\"reason\":42}]"))
                .expectException(domainError(ErrorCode.INVALID_PATCH))
                .expectExceptionMessage(containsString("reason"))
                .expectNoEvents();
    }

    @Test
    void an_operation_with_an_unknown_member_is_an_invalid_patch() {
        givenAPhone()
                .when(patch(
                        PHONE_ID,
                        "[{\"op\":\"replace\",\"path\":\"/serial_number\",\"value\":\"SN-2\",\"why\":\"x\"}]"))
                .expectException(domainError(ErrorCode.INVALID_PATCH))
                .expectExceptionMessage(containsString("why"))
                .expectNoEvents();
    }

    @Test
    void a_body_that_is_not_a_json_array_is_an_invalid_patch() {
        givenAPhone()
                .when(patch(PHONE_ID, "{\"op\":\"replace\",\"path\":\"/serial_number\",\"value\":\"SN-2\"}"))
                .expectException(domainError(ErrorCode.INVALID_PATCH))
                .expectNoEvents();
    }

    @Test
    void a_body_that_is_not_json_is_an_invalid_patch() {
        givenAPhone()
                .when(patch(PHONE_ID, "[{\"op\":\"replace\","))
                .expectException(domainError(ErrorCode.INVALID_PATCH))
                .expectNoEvents();
    }

    @Test
    void a_patch_adding_an_unknown_member_is_an_invalid_patch() {
        givenAPhone()
                .when(patch(PHONE_ID, "[{\"op\":\"add\",\"path\":\"/colour\",\"value\":\"red\"}]"))
                .expectException(domainError(ErrorCode.INVALID_PATCH))
                .expectNoEvents();
    }

    @Test
    void a_patched_amount_is_recorded_in_its_normal_form() {
        DeviceDetails changed = phone().insurableAmount(new BigDecimal("250")).build();
        givenAPhone()
                .when(patch(PHONE_ID, replace("/insurable_amount", "250.00")))
                .expectEvents(new DeviceDetailsChanged(
                        SUBSCRIPTION_ID,
                        PHONE_ID,
                        2,
                        changed,
                        List.of(new AppliedOperation("replace", "/insurable_amount", null, null))))
                .expectResultMessagePayloadMatching(
                        new FeatureMatcher<DeviceView, String>(
                                equalTo("250"), "a device whose insurable amount reads", "insurable_amount") {
                            @Override
                            protected String featureValueOf(DeviceView actual) {
                                return actual.details().insurableAmount().toPlainString();
                            }
                        });
    }

    @Test
    void a_patch_of_one_member_keeps_the_others() {
        DeviceDetails changed = phone().catalogueDeviceId("CD-PHONE-2").build();
        givenAPhone()
                .when(patch(PHONE_ID, replace("/catalogue_device_id", "\"CD-PHONE-2\"")))
                .expectResultMessagePayloadMatching(
                        new FeatureMatcher<DeviceView, String>(equalTo(IMEI), "a device whose imei is", "imei") {
                            @Override
                            protected String featureValueOf(DeviceView actual) {
                                return actual.details().imei();
                            }
                        })
                .expectEvents(new DeviceDetailsChanged(
                        SUBSCRIPTION_ID,
                        PHONE_ID,
                        2,
                        changed,
                        List.of(new AppliedOperation("replace", "/catalogue_device_id", null, null))));
    }
}
