package com.subscriptiondevices.command.simreplacement.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.api.device.DeviceId;
import com.subscriptiondevices.api.device.FabricationType;
import com.subscriptiondevices.api.simreplacement.RejectSimReplacement;
import com.subscriptiondevices.api.simreplacement.SignatureType;
import com.subscriptiondevices.api.simreplacement.SimReplaced;
import com.subscriptiondevices.api.simreplacement.SimReplacementRejected;
import com.subscriptiondevices.api.simreplacement.SimReplacementRequested;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import com.subscriptiondevices.command.simreplacement.provisioning.NetworkProvisioning;
import com.subscriptiondevices.command.simreplacement.provisioning.SwapRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The process manager of a SIM replacement: it asks the network, asks again until it answers, gives up
 * at the timeout, and ends with the replacement.
 */
class SimReplacementProcessTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final Duration RETRY_INTERVAL = Duration.ofSeconds(30);
    private static final Instant START = Instant.parse("2025-01-15T09:00:00Z");

    private static final SubscriptionId SUBSCRIPTION_ID = SubscriptionId.of("5d3e0c39-6a57-4e8f-9d2b-1f1c2a0e7a01");
    private static final DeviceId DEVICE_ID = DeviceId.of(UUID.fromString("0b8f7a51-3c1d-4f0e-8a6b-2d9c4e5f6a02"));
    private static final DeviceId OTHER_DEVICE_ID =
            DeviceId.of(UUID.fromString("0b8f7a51-3c1d-4f0e-8a6b-2d9c4e5f6a03"));
    private static final UUID REQUEST_ID = UUID.fromString("a11ce000-0000-4000-8000-000000000001");
    private static final UUID OTHER_REQUEST_ID = UUID.fromString("a11ce000-0000-4000-8000-000000000002");

    private static final String ICCID = "8934000000000000002";
    private static final String IMSI = "214010000000001";
    private static final String NEW_ICCID = "8934000000000000036";
    private static final String NEW_IMSI = "214010000000003";
    private static final String OTHER_ICCID = "8934000000000000010";
    private static final String OTHER_IMSI = "214010000000002";
    private static final String OTHER_NEW_ICCID = "8934000000000000044";
    private static final String OTHER_NEW_IMSI = "214010000000004";

    private static final String CORRELATION_ID = "req-1";
    private static final Map<String, String> CORRELATED = Map.of("correlationId", CORRELATION_ID);

    private SagaTestFixture<SimReplacementProcess> fixture;
    private RecordingNetwork network;

    /** A fake network provisioning port: it records what it is asked and never answers by itself. */
    static final class RecordingNetwork implements NetworkProvisioning {

        private final List<SwapRequest> requests = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void requestSwap(SwapRequest request) {
            requests.add(request);
        }

        List<SwapRequest> requests() {
            return List.copyOf(requests);
        }
    }

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(SimReplacementProcess.class);
        network = new RecordingNetwork();
        fixture.registerResource(network);
        fixture.registerResource(new ProvisioningSettings(TIMEOUT, RETRY_INTERVAL));
        // The fixture registers its StubDeadlineManager and a CommandGateway over its recording command bus
        // as resources already: deadlines and dispatched commands are the fixture's to check.
    }

    private static SimReplacementRequested requested() {
        return requested(DEVICE_ID, REQUEST_ID, ICCID, IMSI, NEW_ICCID, NEW_IMSI);
    }

    private static SimReplacementRequested requested(
            DeviceId device, UUID requestId, String iccid, String imsi, String newIccid, String newImsi) {
        return new SimReplacementRequested(
                SUBSCRIPTION_ID,
                device,
                requestId,
                "shop-assistant",
                "card broken",
                "DOC-1",
                FabricationType.PSIM,
                "SIG-1",
                SignatureType.DIGITAL,
                iccid,
                imsi,
                newIccid,
                newImsi);
    }

    private static SwapRequest swap() {
        return new SwapRequest(
                REQUEST_ID, SUBSCRIPTION_ID, DEVICE_ID, ICCID, IMSI, NEW_ICCID, NEW_IMSI, CORRELATION_ID);
    }

    private static SimReplaced replaced(UUID requestId) {
        return new SimReplaced(
                SUBSCRIPTION_ID,
                DEVICE_ID,
                requestId,
                2,
                ICCID,
                NEW_ICCID,
                NEW_IMSI,
                FabricationType.PSIM,
                "4321",
                "87654321",
                null,
                null);
    }

    private static SimReplacementRejected rejected(UUID requestId, String reason) {
        return new SimReplacementRejected(SUBSCRIPTION_ID, DEVICE_ID, requestId, NEW_ICCID, reason);
    }

    private static RejectSimReplacement noAnswer(DeviceId device, UUID requestId) {
        return new RejectSimReplacement(SUBSCRIPTION_ID, device, requestId, "NO_ANSWER_FROM_NETWORK");
    }

    // ---- the start

    @Test
    void a_request_starts_the_process_which_asks_the_network_once_for_the_swap() {
        fixture.givenCurrentTime(START)
                .whenPublishingA(requested(), CORRELATED)
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1)
                .expectAssociationWith("requestId", REQUEST_ID)
                .expectNoDispatchedCommands();

        assertThat(network.requests()).containsExactly(swap());
    }

    @Test
    void the_request_schedules_the_timeout_and_the_first_retry() {
        fixture.givenCurrentTime(START)
                .whenPublishingA(requested(), CORRELATED)
                .expectScheduledDeadlineWithName(TIMEOUT, SimReplacementProcess.TIMEOUT)
                .expectScheduledDeadlineWithName(RETRY_INTERVAL, SimReplacementProcess.RETRY)
                .expectScheduledDeadlineWithName(START.plus(TIMEOUT), SimReplacementProcess.TIMEOUT)
                .expectScheduledDeadlineWithName(START.plus(RETRY_INTERVAL), SimReplacementProcess.RETRY);
    }

    @Test
    void without_a_correlation_id_the_swap_request_carries_none() {
        fixture.givenNoPriorActivity().whenPublishingA(requested()).expectActiveSagas(1);

        assertThat(network.requests())
                .containsExactly(new SwapRequest(
                        REQUEST_ID, SUBSCRIPTION_ID, DEVICE_ID, ICCID, IMSI, NEW_ICCID, NEW_IMSI, null));
    }

    // ---- asking again

    @Test
    void before_the_retry_interval_the_network_is_not_asked_again() {
        fixture.givenCurrentTime(START)
                .andThenAPublished(requested(), CORRELATED)
                .whenTimeElapses(RETRY_INTERVAL.minusMillis(1))
                .expectTriggeredDeadlines()
                .expectNoDispatchedCommands();

        assertThat(network.requests()).containsExactly(swap());
    }

    @Test
    void after_the_retry_interval_the_network_is_asked_again_and_the_retry_is_rescheduled() {
        fixture.givenCurrentTime(START)
                .andThenAPublished(requested(), CORRELATED)
                .whenTimeElapses(RETRY_INTERVAL)
                .expectSuccessfulHandlerExecution()
                .expectTriggeredDeadlinesWithName(SimReplacementProcess.RETRY)
                .expectScheduledDeadlineWithName(
                        START.plus(RETRY_INTERVAL.multipliedBy(2)), SimReplacementProcess.RETRY)
                .expectScheduledDeadlineWithName(START.plus(TIMEOUT), SimReplacementProcess.TIMEOUT)
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();

        assertThat(network.requests()).containsExactly(swap(), swap());
    }

    @Test
    void the_network_is_asked_again_every_retry_interval_until_it_answers() {
        fixture.givenCurrentTime(START)
                .andThenAPublished(requested(), CORRELATED)
                .whenTimeElapses(RETRY_INTERVAL.multipliedBy(4))
                .expectTriggeredDeadlinesWithName(
                        SimReplacementProcess.RETRY,
                        SimReplacementProcess.RETRY,
                        SimReplacementProcess.RETRY,
                        SimReplacementProcess.RETRY)
                .expectNoDispatchedCommands();

        assertThat(network.requests()).hasSize(5).containsOnly(swap());
    }

    // ---- giving up

    @Test
    void just_before_the_timeout_nothing_is_rejected() {
        fixture.givenCurrentTime(START)
                .andThenAPublished(requested(), CORRELATED)
                .whenTimeElapses(TIMEOUT.minusMillis(1))
                .expectNoDispatchedCommands()
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(START.plus(TIMEOUT), SimReplacementProcess.TIMEOUT);
    }

    @Test
    void at_the_timeout_without_an_answer_the_replacement_is_rejected_for_no_answer_from_the_network() {
        fixture.givenCurrentTime(START)
                .andThenAPublished(requested(), CORRELATED)
                .whenTimeElapses(TIMEOUT)
                .expectSuccessfulHandlerExecution()
                .expectDispatchedCommands(noAnswer(DEVICE_ID, REQUEST_ID));
    }

    @Test
    void the_process_ends_when_the_rejection_for_no_answer_is_recorded() throws Exception {
        fixture.givenCurrentTime(START)
                .andThenAPublished(requested(), CORRELATED)
                .andThenTimeElapses(TIMEOUT)
                .whenPublishingA(rejected(REQUEST_ID, SimReplacementProcess.NO_ANSWER))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines()
                .expectNoDispatchedCommands();
    }

    // ---- the end

    @Test
    void a_swapped_sim_ends_the_process_and_no_deadline_remains() {
        fixture.givenCurrentTime(START)
                .andThenAPublished(requested(), CORRELATED)
                .whenPublishingA(replaced(REQUEST_ID))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines()
                .expectNoDispatchedCommands();
    }

    @Test
    void after_a_swap_time_passing_neither_asks_the_network_nor_rejects() {
        fixture.givenCurrentTime(START)
                .andThenAPublished(requested(), CORRELATED)
                .andThenAPublished(replaced(REQUEST_ID))
                .whenTimeElapses(TIMEOUT.multipliedBy(2))
                .expectTriggeredDeadlines()
                .expectNoDispatchedCommands();

        assertThat(network.requests()).containsExactly(swap());
    }

    @Test
    void a_refusal_by_the_network_ends_the_process_and_no_deadline_remains() {
        fixture.givenCurrentTime(START)
                .andThenAPublished(requested(), CORRELATED)
                .whenPublishingA(rejected(REQUEST_ID, "REJECTED_BY_NETWORK"))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines()
                .expectNoDispatchedCommands();
    }

    @Test
    void after_a_refusal_time_passing_neither_asks_the_network_nor_rejects_again() {
        fixture.givenCurrentTime(START)
                .andThenAPublished(requested(), CORRELATED)
                .andThenAPublished(rejected(REQUEST_ID, "REJECTED_BY_NETWORK"))
                .whenTimeElapses(TIMEOUT.multipliedBy(2))
                .expectTriggeredDeadlines()
                .expectNoDispatchedCommands();

        assertThat(network.requests()).containsExactly(swap());
    }

    // ---- other requests

    @Test
    void a_swap_of_another_request_does_not_end_the_process() {
        fixture.givenCurrentTime(START)
                .andThenAPublished(requested(), CORRELATED)
                .whenPublishingA(replaced(OTHER_REQUEST_ID))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(START.plus(TIMEOUT), SimReplacementProcess.TIMEOUT)
                .expectScheduledDeadlineWithName(START.plus(RETRY_INTERVAL), SimReplacementProcess.RETRY)
                .expectNoDispatchedCommands();
    }

    @Test
    void a_refusal_of_another_request_does_not_end_the_process() {
        fixture.givenCurrentTime(START)
                .andThenAPublished(requested(), CORRELATED)
                .whenPublishingA(rejected(OTHER_REQUEST_ID, "REJECTED_BY_NETWORK"))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(START.plus(TIMEOUT), SimReplacementProcess.TIMEOUT)
                .expectScheduledDeadlineWithName(START.plus(RETRY_INTERVAL), SimReplacementProcess.RETRY)
                .expectNoDispatchedCommands();
    }

    @Test
    void each_request_has_its_own_process_and_its_own_timeout() {
        fixture.givenCurrentTime(START)
                .andThenAPublished(requested(), CORRELATED)
                .andThenAPublished(
                        requested(
                                OTHER_DEVICE_ID,
                                OTHER_REQUEST_ID,
                                OTHER_ICCID,
                                OTHER_IMSI,
                                OTHER_NEW_ICCID,
                                OTHER_NEW_IMSI),
                        Map.of("correlationId", "req-2"))
                .andThenAPublished(replaced(REQUEST_ID))
                .whenTimeElapses(TIMEOUT)
                .expectActiveSagas(1)
                .expectAssociationWith("requestId", OTHER_REQUEST_ID)
                .expectDispatchedCommands(noAnswer(OTHER_DEVICE_ID, OTHER_REQUEST_ID));
    }
}
