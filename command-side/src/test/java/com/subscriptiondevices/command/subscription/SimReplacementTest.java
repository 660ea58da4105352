package com.subscriptiondevices.command.subscription;

import static com.subscriptiondevices.command.subscription.TestDevices.DELIVERED;
import static com.subscriptiondevices.command.subscription.TestDevices.ICCID;
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
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.subscriptiondevices.api.device.AppliedOperation;
import com.subscriptiondevices.api.device.DeviceAdded;
import com.subscriptiondevices.api.device.DeviceCategory;
import com.subscriptiondevices.api.device.DeviceDetails;
import com.subscriptiondevices.api.device.DeviceDetailsChanged;
import com.subscriptiondevices.api.device.DeviceId;
import com.subscriptiondevices.api.device.DeviceStatus;
import com.subscriptiondevices.api.device.DeviceView;
import com.subscriptiondevices.api.device.FabricationType;
import com.subscriptiondevices.api.device.SimCard;
import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;
import com.subscriptiondevices.api.simreplacement.CompleteSimReplacement;
import com.subscriptiondevices.api.simreplacement.RejectSimReplacement;
import com.subscriptiondevices.api.simreplacement.RequestSimReplacement;
import com.subscriptiondevices.api.simreplacement.SignatureType;
import com.subscriptiondevices.api.simreplacement.SimReplaced;
import com.subscriptiondevices.api.simreplacement.SimReplacementRejected;
import com.subscriptiondevices.api.simreplacement.SimReplacementRequested;
import com.subscriptiondevices.api.subscription.SubscriptionCreated;
import com.subscriptiondevices.command.subscription.representation.TestDevicePatchers;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules of a SIM replacement on the subscription: a request is recorded pending or refused with its
 * code, and the network's answer (success or refusal) ends it.
 */
class SimReplacementTest {

    private static final UUID REQUEST_ID = UUID.fromString("a11ce000-0000-4000-8000-000000000001");
    private static final UUID NEXT_REQUEST_ID = UUID.fromString("a11ce000-0000-4000-8000-000000000002");
    private static final UUID UNKNOWN_REQUEST_ID = UUID.fromString("a11ce000-0000-4000-8000-00000000dead");
    private static final DeviceId UNKNOWN_DEVICE_ID =
            DeviceId.of(UUID.fromString("0b8f7a51-3c1d-4f0e-8a6b-2d9c4e5f6aff"));

    /** 19 digits, Luhn-valid: the SIM the device is to get. */
    private static final String NEW_ICCID = "8934000000000000036";

    private static final String NEW_IMSI = "214010000000003";
    /** Another 19-digit Luhn-valid ICCID, free in the subscription. */
    private static final String THIRD_ICCID = "8934000000000000044";

    private static final String THIRD_IMSI = "214010000000004";

    private static final String USER = "shop-assistant";
    private static final String REASON = "card broken";
    private static final String SIGNATURE_PROCESS = "SIG-1";
    private static final String CONTRACT_DOCUMENT = "DOC-SIM-1";

    private static final String NEW_PIN = "4321";
    private static final String NEW_PUK = "87654321";
    private static final String NEW_PIN2 = "5678";
    private static final String NEW_PUK2 = "11223344";

    private FixtureConfiguration<Subscription> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Subscription.class);
        fixture.registerAnnotatedCommandHandler(
                new DevicePatchHandler(fixture.getRepository(), TestDevicePatchers.devicePatcher()));
    }

    // ---- events and commands

    private static SubscriptionCreated subscriptionCreated() {
        return new SubscriptionCreated(SUBSCRIPTION_ID, ORG, SUBSCRIPTION_LEGACY_ID, LEGACY_ACCOUNT_ID);
    }

    private static DeviceDetails simDetails() {
        return sim(ICCID, IMSI).contractDocumentId(CONTRACT_DOCUMENT).build();
    }

    private static DeviceAdded simAdded() {
        return simAdded(simDetails());
    }

    private static DeviceAdded simAdded(DeviceDetails details) {
        return new DeviceAdded(SUBSCRIPTION_ID, SIM_ID, SIM_LEGACY_ID, DeviceCategory.SIM, details);
    }

    /** A second SIM of the same subscription, holding {@code OTHER_ICCID}. */
    private static DeviceAdded otherSimAdded() {
        return new DeviceAdded(
                SUBSCRIPTION_ID,
                OTHER_ID,
                OTHER_LEGACY_ID,
                DeviceCategory.SIM,
                sim(OTHER_ICCID, OTHER_IMSI).build());
    }

    private static DeviceAdded phoneAdded() {
        return new DeviceAdded(SUBSCRIPTION_ID, PHONE_ID, PHONE_LEGACY_ID, DeviceCategory.OTHER, phone().build());
    }

    private TestExecutor<Subscription> givenASim() {
        return fixture.given(subscriptionCreated(), simAdded());
    }

    private TestExecutor<Subscription> givenASimWithAPendingReplacement() {
        return fixture.given(subscriptionCreated(), simAdded(), requested());
    }

    /** The SIM device asks to swap ICCID/IMSI for NEW_ICCID/NEW_IMSI, naming its current SIM. */
    private static RequestSimReplacement request() {
        return request(SIM_ID, REQUEST_ID, DeviceCategory.SIM, ICCID, IMSI, NEW_ICCID, NEW_IMSI);
    }

    private static RequestSimReplacement request(
            DeviceId device,
            UUID requestId,
            DeviceCategory category,
            String iccid,
            String imsi,
            String newIccid,
            String newImsi) {
        return request(ORG, device, requestId, category, iccid, imsi, newIccid, newImsi);
    }

    private static RequestSimReplacement request(
            String org,
            DeviceId device,
            UUID requestId,
            DeviceCategory category,
            String iccid,
            String imsi,
            String newIccid,
            String newImsi) {
        return new RequestSimReplacement(
                SUBSCRIPTION_ID,
                org,
                device,
                requestId,
                category,
                USER,
                REASON,
                FabricationType.PSIM,
                SIGNATURE_PROCESS,
                SignatureType.DIGITAL,
                iccid,
                imsi,
                newIccid,
                newImsi);
    }

    private static SimReplacementRequested requested() {
        return requested(SIM_ID, REQUEST_ID, ICCID, IMSI, NEW_ICCID, NEW_IMSI, CONTRACT_DOCUMENT);
    }

    private static SimReplacementRequested requested(
            DeviceId device,
            UUID requestId,
            String iccid,
            String imsi,
            String newIccid,
            String newImsi,
            String contractDocument) {
        return new SimReplacementRequested(
                SUBSCRIPTION_ID,
                device,
                requestId,
                USER,
                REASON,
                contractDocument,
                FabricationType.PSIM,
                SIGNATURE_PROCESS,
                SignatureType.DIGITAL,
                iccid,
                imsi,
                newIccid,
                newImsi);
    }

    private static CompleteSimReplacement complete(UUID requestId) {
        return new CompleteSimReplacement(SUBSCRIPTION_ID, SIM_ID, requestId, NEW_PIN, NEW_PUK, NEW_PIN2, NEW_PUK2);
    }

    private static SimReplaced replaced() {
        return replaced(2);
    }

    private static SimReplaced replaced(long version) {
        return new SimReplaced(
                SUBSCRIPTION_ID,
                SIM_ID,
                REQUEST_ID,
                version,
                ICCID,
                NEW_ICCID,
                NEW_IMSI,
                FabricationType.PSIM,
                NEW_PIN,
                NEW_PUK,
                NEW_PIN2,
                NEW_PUK2);
    }

    private static RejectSimReplacement reject(UUID requestId, String reason) {
        return new RejectSimReplacement(SUBSCRIPTION_ID, SIM_ID, requestId, reason);
    }

    private static SimReplacementRejected rejected(String reason) {
        return new SimReplacementRejected(SUBSCRIPTION_ID, SIM_ID, REQUEST_ID, NEW_ICCID, reason);
    }

    private static DeviceView simView(DeviceDetails details, long version) {
        return new DeviceView(SIM_ID, SIM_LEGACY_ID, SUBSCRIPTION_ID, DeviceCategory.SIM, details, version);
    }

    /** The SIM device's details once the network put the new card in: the new identity and codes. */
    private static DeviceDetails simDetailsAfterTheSwap() {
        return simDetails()
                .withDeviceAdditionalDetails(
                        new SimCard(NEW_ICCID, NEW_IMSI, NEW_PIN, NEW_PUK, NEW_PIN2, NEW_PUK2, FabricationType.PSIM));
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

    // ---- the request

    @Test
    void a_request_is_recorded_pending_with_the_devices_current_sim_and_contract_document() {
        givenASim().when(request()).expectSuccessfulHandlerExecution().expectEvents(requested());
    }

    @Test
    void the_iccid_and_imsi_being_replaced_may_be_left_out_and_are_taken_from_the_device() {
        givenASim()
                .when(request(SIM_ID, REQUEST_ID, DeviceCategory.SIM, null, null, NEW_ICCID, NEW_IMSI))
                .expectSuccessfulHandlerExecution()
                .expectEvents(requested());
    }

    @Test
    void the_imsi_alone_may_be_left_out() {
        givenASim()
                .when(request(SIM_ID, REQUEST_ID, DeviceCategory.SIM, ICCID, null, NEW_ICCID, NEW_IMSI))
                .expectSuccessfulHandlerExecution()
                .expectEvents(requested());
    }

    @Test
    void a_request_changes_nothing_on_the_device_until_the_network_answers() {
        givenASim().when(request()).expectEvents(requested()).expectState(state -> assertThat(
                        state.device(ORG, SIM_ID, 1L))
                .isEqualTo(simView(simDetails(), 1)));
    }

    @Test
    void a_request_with_another_category_than_the_devices_is_a_category_mismatch() {
        givenASim()
                .when(request(SIM_ID, REQUEST_ID, DeviceCategory.OTHER, ICCID, IMSI, NEW_ICCID, NEW_IMSI))
                .expectException(domainError(ErrorCode.CATEGORY_MISMATCH))
                .expectNoEvents();
    }

    @Test
    void a_device_returned_in_a_shop_is_not_active_and_gets_no_new_sim() {
        DeviceDetails returned = sim(ICCID, IMSI)
                .inStoreDeliveryDate(DELIVERED)
                .inStoreReturnedDate(DELIVERED.plusSeconds(3600))
                .build();
        assertThat(returned.status()).isEqualTo(DeviceStatus.INACTIVE);
        fixture.given(subscriptionCreated(), simAdded(returned))
                .when(request())
                .expectException(domainError(ErrorCode.DEVICE_NOT_ACTIVE))
                .expectNoEvents();
    }

    @Test
    void a_device_returned_after_it_was_added_gets_no_new_sim() {
        DeviceDetails returned = sim(ICCID, IMSI).inStoreReturnedDate(DELIVERED).build();
        fixture.given(
                        subscriptionCreated(),
                        simAdded(),
                        new DeviceDetailsChanged(
                                SUBSCRIPTION_ID,
                                SIM_ID,
                                2,
                                returned,
                                List.of(new AppliedOperation("add", "/in_store_returned_date", null, null))))
                .when(request())
                .expectException(domainError(ErrorCode.DEVICE_NOT_ACTIVE))
                .expectNoEvents();
    }

    @Test
    void a_second_request_while_one_is_pending_is_refused() {
        givenASimWithAPendingReplacement()
                .when(request(SIM_ID, NEXT_REQUEST_ID, DeviceCategory.SIM, ICCID, IMSI, THIRD_ICCID, THIRD_IMSI))
                .expectException(domainError(ErrorCode.PENDING_CHANGE_REQUEST))
                .expectNoEvents();
    }

    @Test
    void a_request_naming_another_iccid_than_the_devices_is_a_sim_mismatch() {
        givenASim()
                .when(request(SIM_ID, REQUEST_ID, DeviceCategory.SIM, THIRD_ICCID, IMSI, NEW_ICCID, NEW_IMSI))
                .expectException(domainError(ErrorCode.SIM_MISMATCH))
                .expectNoEvents();
    }

    @Test
    void a_request_naming_another_imsi_than_the_devices_is_a_sim_mismatch() {
        givenASim()
                .when(request(SIM_ID, REQUEST_ID, DeviceCategory.SIM, ICCID, THIRD_IMSI, NEW_ICCID, NEW_IMSI))
                .expectException(domainError(ErrorCode.SIM_MISMATCH))
                .expectNoEvents();
    }

    @Test
    void a_request_naming_only_a_wrong_imsi_is_a_sim_mismatch() {
        givenASim()
                .when(request(SIM_ID, REQUEST_ID, DeviceCategory.SIM, null, THIRD_IMSI, NEW_ICCID, NEW_IMSI))
                .expectException(domainError(ErrorCode.SIM_MISMATCH))
                .expectNoEvents();
    }

    @Test
    void a_device_without_a_sim_has_no_sim_to_replace() {
        fixture.given(subscriptionCreated(), phoneAdded())
                .when(request(PHONE_ID, REQUEST_ID, DeviceCategory.OTHER, null, null, NEW_ICCID, NEW_IMSI))
                .expectException(domainError(ErrorCode.SIM_MISMATCH))
                .expectNoEvents();
    }

    @Test
    void a_new_iccid_equal_to_the_current_one_is_an_invalid_body() {
        givenASim()
                .when(request(SIM_ID, REQUEST_ID, DeviceCategory.SIM, ICCID, IMSI, ICCID, NEW_IMSI))
                .expectException(domainError(ErrorCode.INVALID_BODY))
                .expectExceptionMessage(containsString("new_iccid"))
                .expectNoEvents();
    }

    @Test
    void a_new_iccid_equal_to_the_current_one_is_an_invalid_body_even_when_the_iccid_is_left_out() {
        givenASim()
                .when(request(SIM_ID, REQUEST_ID, DeviceCategory.SIM, null, null, ICCID, NEW_IMSI))
                .expectException(domainError(ErrorCode.INVALID_BODY))
                .expectNoEvents();
    }

    @Test
    void a_new_iccid_held_by_another_device_of_the_subscription_is_in_use() {
        fixture.given(subscriptionCreated(), simAdded(), otherSimAdded())
                .when(request(SIM_ID, REQUEST_ID, DeviceCategory.SIM, ICCID, IMSI, OTHER_ICCID, NEW_IMSI))
                .expectException(domainError(ErrorCode.ICCID_IN_USE))
                .expectExceptionMessage(containsString(OTHER_ICCID))
                .expectNoEvents();
    }

    @Test
    void a_new_iccid_pending_on_another_device_of_the_subscription_is_in_use() {
        fixture.given(
                        subscriptionCreated(),
                        simAdded(),
                        otherSimAdded(),
                        requested(OTHER_ID, NEXT_REQUEST_ID, OTHER_ICCID, OTHER_IMSI, NEW_ICCID, NEW_IMSI, null))
                .when(request())
                .expectException(domainError(ErrorCode.ICCID_IN_USE))
                .expectExceptionMessage(containsString(NEW_ICCID))
                .expectNoEvents();
    }

    @Test
    void a_subscription_of_another_org_does_not_exist_for_a_sim_replacement() {
        givenASim()
                .when(request(OTHER_ORG, SIM_ID, REQUEST_ID, DeviceCategory.SIM, ICCID, IMSI, NEW_ICCID, NEW_IMSI))
                .expectException(domainError(ErrorCode.SUBSCRIPTION_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void a_sim_replacement_of_a_device_the_subscription_does_not_have_is_refused() {
        givenASim()
                .when(request(UNKNOWN_DEVICE_ID, REQUEST_ID, DeviceCategory.SIM, ICCID, IMSI, NEW_ICCID, NEW_IMSI))
                .expectException(domainError(ErrorCode.DEVICE_NOT_FOUND))
                .expectNoEvents();
    }

    // ---- the network's success

    @Test
    void a_completed_replacement_records_the_new_sim_and_its_codes_at_the_next_version() {
        givenASimWithAPendingReplacement()
                .when(complete(REQUEST_ID))
                .expectSuccessfulHandlerExecution()
                .expectEvents(replaced());
    }

    @Test
    void after_a_completion_the_device_carries_the_new_iccid_imsi_and_codes() {
        givenASimWithAPendingReplacement()
                .when(complete(REQUEST_ID))
                .expectEvents(replaced())
                .expectState(state ->
                        assertThat(state.device(ORG, SIM_ID, 2L)).isEqualTo(simView(simDetailsAfterTheSwap(), 2)));
    }

    @Test
    void the_version_of_a_completion_follows_the_devices_latest_change() {
        DeviceDetails changed = sim(ICCID, IMSI)
                .contractDocumentId(CONTRACT_DOCUMENT)
                .reservationId("R-1")
                .build();
        fixture.given(
                        subscriptionCreated(),
                        simAdded(),
                        new DeviceDetailsChanged(
                                SUBSCRIPTION_ID,
                                SIM_ID,
                                2,
                                changed,
                                List.of(new AppliedOperation("add", "/reservation_id", null, null))),
                        requested())
                .when(complete(REQUEST_ID))
                .expectEvents(replaced(3))
                .expectState(state -> assertThat(state.device(ORG, SIM_ID, 3L).details())
                        .isEqualTo(changed.withDeviceAdditionalDetails(
                                simDetailsAfterTheSwap().deviceAdditionalDetails())));
    }

    @Test
    void after_a_completion_a_new_request_starts_from_the_new_sim() {
        fixture.given(subscriptionCreated(), simAdded(), requested(), replaced())
                .when(request(
                        SIM_ID, NEXT_REQUEST_ID, DeviceCategory.SIM, NEW_ICCID, NEW_IMSI, THIRD_ICCID, THIRD_IMSI))
                .expectSuccessfulHandlerExecution()
                .expectEvents(requested(
                        SIM_ID, NEXT_REQUEST_ID, NEW_ICCID, NEW_IMSI, THIRD_ICCID, THIRD_IMSI, CONTRACT_DOCUMENT));
    }

    @Test
    void after_a_completion_the_old_iccid_is_no_longer_the_devices() {
        fixture.given(subscriptionCreated(), simAdded(), requested(), replaced())
                .when(request(SIM_ID, NEXT_REQUEST_ID, DeviceCategory.SIM, ICCID, IMSI, THIRD_ICCID, THIRD_IMSI))
                .expectException(domainError(ErrorCode.SIM_MISMATCH))
                .expectNoEvents();
    }

    @Test
    void after_a_completion_the_new_iccid_is_in_use_by_the_device() {
        fixture.given(subscriptionCreated(), simAdded(), otherSimAdded(), requested(), replaced())
                .when(request(
                        OTHER_ID, NEXT_REQUEST_ID, DeviceCategory.SIM, OTHER_ICCID, OTHER_IMSI, NEW_ICCID, NEW_IMSI))
                .expectException(domainError(ErrorCode.ICCID_IN_USE))
                .expectNoEvents();
    }

    @Test
    void after_a_completion_the_old_iccid_is_free_for_another_device_of_the_subscription() {
        fixture.given(subscriptionCreated(), simAdded(), otherSimAdded(), requested(), replaced())
                .when(request(OTHER_ID, NEXT_REQUEST_ID, DeviceCategory.SIM, OTHER_ICCID, OTHER_IMSI, ICCID, IMSI))
                .expectSuccessfulHandlerExecution()
                .expectEvents(requested(OTHER_ID, NEXT_REQUEST_ID, OTHER_ICCID, OTHER_IMSI, ICCID, IMSI, null));
    }

    // ---- the network's refusal, or its silence

    @Test
    void a_rejected_replacement_records_the_reason_and_the_new_iccid() {
        givenASimWithAPendingReplacement()
                .when(reject(REQUEST_ID, "REJECTED_BY_NETWORK"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(rejected("REJECTED_BY_NETWORK"));
    }

    @Test
    void a_replacement_the_network_never_answered_is_rejected_with_that_reason() {
        givenASimWithAPendingReplacement()
                .when(reject(REQUEST_ID, "NO_ANSWER_FROM_NETWORK"))
                .expectEvents(rejected("NO_ANSWER_FROM_NETWORK"));
    }

    @Test
    void after_a_rejection_the_device_keeps_its_sim_and_version() {
        givenASimWithAPendingReplacement()
                .when(reject(REQUEST_ID, "REJECTED_BY_NETWORK"))
                .expectEvents(rejected("REJECTED_BY_NETWORK"))
                .expectState(state -> assertThat(state.device(ORG, SIM_ID, 1L)).isEqualTo(simView(simDetails(), 1)));
    }

    @Test
    void after_a_rejection_a_new_request_is_allowed_and_the_rejected_iccid_is_free_again() {
        fixture.given(subscriptionCreated(), simAdded(), requested(), rejected("REJECTED_BY_NETWORK"))
                .when(request(SIM_ID, NEXT_REQUEST_ID, DeviceCategory.SIM, ICCID, IMSI, NEW_ICCID, NEW_IMSI))
                .expectSuccessfulHandlerExecution()
                .expectEvents(requested(SIM_ID, NEXT_REQUEST_ID, ICCID, IMSI, NEW_ICCID, NEW_IMSI, CONTRACT_DOCUMENT));
    }

    @Test
    void after_a_rejection_the_device_still_answers_to_its_old_sim() {
        fixture.given(subscriptionCreated(), simAdded(), requested(), rejected("REJECTED_BY_NETWORK"))
                .when(request(
                        SIM_ID, NEXT_REQUEST_ID, DeviceCategory.SIM, NEW_ICCID, NEW_IMSI, THIRD_ICCID, THIRD_IMSI))
                .expectException(domainError(ErrorCode.SIM_MISMATCH))
                .expectNoEvents();
    }

    // ---- answers for a request that is not pending

    @Test
    void a_completion_for_an_unknown_request_changes_nothing() {
        givenASimWithAPendingReplacement()
                .when(complete(UNKNOWN_REQUEST_ID))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_completion_for_a_device_the_subscription_does_not_have_changes_nothing() {
        givenASimWithAPendingReplacement()
                .when(new CompleteSimReplacement(
                        SUBSCRIPTION_ID, UNKNOWN_DEVICE_ID, REQUEST_ID, NEW_PIN, NEW_PUK, NEW_PIN2, NEW_PUK2))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_completion_when_nothing_is_pending_changes_nothing() {
        givenASim()
                .when(complete(REQUEST_ID))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_second_completion_of_the_same_request_changes_nothing() {
        fixture.given(subscriptionCreated(), simAdded(), requested(), replaced())
                .when(complete(REQUEST_ID))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_completion_after_the_request_was_rejected_changes_nothing() {
        fixture.given(subscriptionCreated(), simAdded(), requested(), rejected("NO_ANSWER_FROM_NETWORK"))
                .when(complete(REQUEST_ID))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectState(state -> assertThat(state.device(ORG, SIM_ID, 1L)).isEqualTo(simView(simDetails(), 1)));
    }

    @Test
    void a_rejection_for_an_unknown_request_changes_nothing() {
        givenASimWithAPendingReplacement()
                .when(reject(UNKNOWN_REQUEST_ID, "REJECTED_BY_NETWORK"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_rejection_after_the_request_was_completed_changes_nothing() {
        fixture.given(subscriptionCreated(), simAdded(), requested(), replaced())
                .when(reject(REQUEST_ID, "NO_ANSWER_FROM_NETWORK"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectState(state ->
                        assertThat(state.device(ORG, SIM_ID, 2L)).isEqualTo(simView(simDetailsAfterTheSwap(), 2)));
    }

    @Test
    void a_second_rejection_of_the_same_request_changes_nothing() {
        fixture.given(subscriptionCreated(), simAdded(), requested(), rejected("REJECTED_BY_NETWORK"))
                .when(reject(REQUEST_ID, "NO_ANSWER_FROM_NETWORK"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void an_answer_for_an_earlier_request_does_not_end_the_pending_one() {
        fixture.given(
                        subscriptionCreated(),
                        simAdded(),
                        requested(),
                        rejected("REJECTED_BY_NETWORK"),
                        requested(SIM_ID, NEXT_REQUEST_ID, ICCID, IMSI, THIRD_ICCID, THIRD_IMSI, CONTRACT_DOCUMENT))
                .when(complete(REQUEST_ID))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
