package com.subscriptiondevices.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.api.simreplacement.SimReplacementRequested;
import com.subscriptiondevices.command.simreplacement.provisioning.NetworkProvisioning;
import com.subscriptiondevices.command.simreplacement.provisioning.SwapRequest;
import com.subscriptiondevices.platform.security.Scopes;
import com.subscriptiondevices.platform.testing.TestDatabases;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * An event the SIM replacement process cannot handle goes to its dead-letter queue; the process goes
 * on with every other replacement, later events of the same replacement wait behind it, and an operator
 * retries the letter once the cause is fixed. A transient failure of the database is retried by the
 * process itself and never dead-lettered. The failures come from a faulty network port around the
 * simulated one (asked from the process's handler), for swaps to the ICCIDs it is told to fail. A
 * database of its own, so no other test's process meets those failures.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Import(DeadLettersIT.FaultyNetworkConfiguration.class)
class DeadLettersIT extends ServiceIT {

    static final String GROUP = "SimReplacementProcessProcessor";

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry properties) {
        properties.add("spring.datasource.url", () -> TestDatabases.dedicated("deadletters"));
    }

    @Autowired
    FaultyNetwork network;

    @Test
    void an_event_the_process_cannot_handle_waits_in_the_queue_and_the_process_goes_on() {
        Sim sim = sim();
        String newIccid = Fixtures.iccid();
        network.fail(newIccid, Fault.FAILED_STATEMENT);
        Api.Response accepted = replace(sim, newIccid);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String request = requestOf(sim);

        eventually(
                "the failed event and the one behind it wait",
                () -> lettersOf(request).size() == 2);
        List<JsonNode> letters = lettersOf(request);
        JsonNode letter = letters.get(0);
        assertThat(letter.get("processing_group").asString()).isEqualTo(GROUP);
        assertThat(letter.get("sequence_identifier").asString()).isEqualTo(request);
        assertThat(letter.get("event_type").asString()).isEqualTo("SimReplacementRequested");
        assertThat(letter.get("aggregate_id").asString()).isEqualTo(sim.subscriptionId());
        assertThat(letter.get("event_id").asString()).isEqualTo(eventId(sim.subscriptionId(), 2));
        assertThat(letter.get("sequence_number").asLong()).isEqualTo(2);
        assertThat(letter.get("enqueued_at").asString()).endsWith("Z");
        assertThat(letter.get("cause_type").asString())
                .startsWith("org.springframework.dao.")
                .doesNotContain("ThrowableCause");
        assertThat(letter.get("cause_message").asString()).contains("division by zero");
        assertThat(letter.has("payload")).isFalse();
        assertThat(letters.get(1).get("event_type").asString())
                .as("the network's answer waits behind the event the process failed on")
                .isEqualTo("SimReplaced");
        assertThat(letters.get(1).get("cause_type").isNull()).isTrue();
        assertThat(v1ChangeRequest(sim).get("status").asString())
                .as("the replacement itself is processed: the device and its read models are not the process's")
                .isEqualTo("PROCESSED");

        Sim other = sim();
        assertThat(replace(other, Fixtures.iccid()).status()).isEqualTo(202);
        eventually(
                "every other replacement goes on as ever",
                () -> v1ChangeRequest(other).get("status").asString().equals("PROCESSED"));
        assertThat(lettersOf(requestOf(other))).isEmpty();

        network.fail(newIccid, Fault.NONE);
        Api.Response retried = retry(letter.get("id").asString());
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.json().get("id").asString())
                .isEqualTo(letter.get("id").asString());
        assertThat(retried.json().get("outcome").asString()).isEqualTo("PROCESSED");
        assertThat(lettersOf(request)).as("the letter and the one behind it").isEmpty();
        assertThat(processesWaitingFor(request))
                .as("the process saw the answer and ended")
                .isZero();
    }

    @Test
    void an_event_that_cannot_be_read_is_a_letter_of_its_own_and_the_process_goes_on() {
        // a replacement request whose stored payload is not JSON at all
        String unreadable = UUID.randomUUID().toString();
        storeUnreadableEvent(UUID.randomUUID().toString(), unreadable, SimReplacementRequested.class);

        Sim sim = sim();
        assertThat(replace(sim, Fixtures.iccid()).status()).isEqualTo(202);
        // only the process asks the network, whose answer processes the request
        eventually(
                "the process goes past the unreadable event and asks the network for a later replacement",
                () -> v1ChangeRequest(sim).get("status").asString().equals("PROCESSED"));
        String request = requestOf(sim);
        eventually("that replacement's process sees the answer and ends", () -> processesWaitingFor(request) == 0);

        List<JsonNode> letters = lettersOf(unreadable);
        assertThat(letters)
                .as("the unreadable event, once, as a sequence of its own")
                .hasSize(1);
        assertThat(letters.get(0).get("event_id").asString()).isEqualTo(unreadable);
        assertThat(letters.get(0).get("event_type").asString()).isEqualTo("SimReplacementRequested");
        assertThat(letters.get(0).get("cause_message").asString()).containsIgnoringCase("deserializ");
    }

    @Test
    void a_retry_that_fails_again_keeps_the_letters_with_the_new_cause() {
        Sim sim = sim();
        String newIccid = Fixtures.iccid();
        network.fail(newIccid, Fault.FAILED_STATEMENT);
        assertThat(replace(sim, newIccid).status()).isEqualTo(202);
        String request = requestOf(sim);
        eventually("two letters wait", () -> lettersOf(request).size() == 2);
        List<JsonNode> letters = lettersOf(request);

        network.fail(newIccid, Fault.EXCEPTION);
        // the letter waiting behind: its sequence is retried from its first letter
        Api.Response retried = retry(letters.get(1).get("id").asString());
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.json().get("outcome").asString()).isEqualTo("FAILED");
        assertThat(retried.json().get("cause_type").asString()).isEqualTo(IllegalStateException.class.getName());
        assertThat(retried.json().get("cause_message").asString()).isEqualTo("The network port is still broken");

        List<JsonNode> after = lettersOf(request);
        assertThat(after)
                .extracting(l -> l.get("id").asString())
                .containsExactly(
                        letters.get(0).get("id").asString(),
                        letters.get(1).get("id").asString());
        assertThat(after.get(0).get("cause_type").asString()).isEqualTo(IllegalStateException.class.getName());
        assertThat(after.get(0).get("cause_message").asString()).isEqualTo("The network port is still broken");
        assertThat(Instant.parse(after.get(0).get("last_touched").asString()))
                .isAfterOrEqualTo(
                        Instant.parse(letters.get(0).get("last_touched").asString()));

        network.fail(newIccid, Fault.NONE);
        assertThat(retry(letters.get(0).get("id").asString())
                        .json()
                        .get("outcome")
                        .asString())
                .isEqualTo("PROCESSED");
        assertThat(lettersOf(request)).isEmpty();
    }

    @Test
    void a_transient_failure_is_retried_by_the_process_and_never_dead_lettered() {
        Sim sim = sim();
        String newIccid = Fixtures.iccid();
        network.failTransiently(newIccid, 2);
        assertThat(replace(sim, newIccid).status()).isEqualTo(202);

        eventually(
                "the process retried and the network swapped the SIM",
                () -> v1ChangeRequest(sim).get("status").asString().equals("PROCESSED"));
        assertThat(network.asked(newIccid))
                .as("asked again after each transient failure")
                .isGreaterThanOrEqualTo(3);
        assertThat(lettersOf(requestOf(sim))).isEmpty();
        assertThat(api.get("/admin/dead-letters", adminToken()).json())
                .allSatisfy(letter ->
                        assertThat(letter.get("aggregate_id").asString()).isNotEqualTo(sim.subscriptionId()));
    }

    @Test
    void dead_letters_need_the_admin_scope() {
        Api.Response anonymous = api.get("/admin/dead-letters", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.errorCode()).isEqualTo("UNAUTHORIZED");
        Api.Response reader = api.get("/admin/dead-letters", fullToken());
        assertThat(reader.status()).isEqualTo(403);
        assertThat(reader.errorCode()).isEqualTo("MISSING_PERMISSIONS");
        assertThat(reader.json().get("error").get("message").asString()).contains(Scopes.ADMIN);

        String path = "/admin/dead-letters/" + UUID.randomUUID() + "/retry";
        assertThat(api.post(path, null, "").errorCode()).isEqualTo("UNAUTHORIZED");
        Api.Response refused = api.post(path, fullToken(), "");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("MISSING_PERMISSIONS");
    }

    @Test
    void an_unknown_or_malformed_id_and_an_unknown_processing_group_are_refused() {
        Api.Response unknown = retry(UUID.randomUUID().toString());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("DEAD_LETTER_NOT_FOUND");
        assertThat(unknown.json().get("error").get("reference").asString())
                .endsWith("/docs/errors#DEAD_LETTER_NOT_FOUND");

        Api.Response malformed = retry("not-a-dead-letter");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errorCode()).isEqualTo("INVALID_PARAMETER");

        Api.Response group = api.get("/admin/dead-letters?processing_group=nope", adminToken());
        assertThat(group.status()).isEqualTo(400);
        assertThat(group.errorCode()).isEqualTo("INVALID_PARAMETER");
        assertThat(group.json().get("error").get("message").asString()).contains(GROUP);
        assertThat(api.get("/admin/dead-letters?processing_group=" + GROUP, adminToken())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void the_openapi_document_describes_the_dead_letter_endpoints() {
        JsonNode paths = api.get("/v3/api-docs", null).json().get("paths");
        JsonNode list = paths.get("/admin/dead-letters").get("get");
        JsonNode retry = paths.get("/admin/dead-letters/{id}/retry").get("post");
        assertThat(list.get("tags").get(0).asString()).isEqualTo("Operations");
        assertThat(list.get("responses").has("200")).isTrue();
        assertThat(retry.get("responses").get("200").toString()).contains("RetryResult");
        assertThat(retry.get("responses").get("404").toString())
                .contains("DEAD_LETTER_NOT_FOUND")
                .contains("#/components/schemas/ErrorResponse");
    }

    private String adminToken() {
        return token(Scopes.ADMIN);
    }

    private Api.Response retry(String id) {
        return api.post("/admin/dead-letters/" + id + "/retry", adminToken(), "");
    }

    /** The replacement request's dead letters, in the order the list gives them. */
    private List<JsonNode> lettersOf(String request) {
        Api.Response listed = api.get("/admin/dead-letters?processing_group=" + GROUP, adminToken());
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        List<JsonNode> letters = new ArrayList<>();
        for (JsonNode letter : listed.json()) {
            if (request.equals(letter.get("sequence_identifier").asString())) {
                letters.add(letter);
            }
        }
        return letters;
    }

    /** The id of the SIM's (only) replacement request, from its event. */
    private String requestOf(Sim sim) {
        String payload = jdbc.sql("select convert_from(payload, 'UTF8') from domainevententry"
                        + " where aggregateidentifier = ? and payloadtype like '%SimReplacementRequested'")
                .param(sim.subscriptionId())
                .query(String.class)
                .single();
        return Api.JSON.readTree(payload).get("requestId").asString();
    }

    private JsonNode v1ChangeRequest(Sim sim) {
        return api.get(sim.v1Path() + "?only_active=false", fullToken())
                .json()
                .get("subscription_device_change_requests")
                .get(0);
    }

    private long processesWaitingFor(String request) {
        return jdbc.sql("select count(*) from associationvalueentry where associationvalue = ?")
                .param(request)
                .query(Long.class)
                .single();
    }

    private String eventId(String subscriptionId, long sequenceNumber) {
        return jdbc.sql("select eventidentifier from domainevententry where aggregateidentifier = ?"
                        + " and sequencenumber = ?")
                .param(subscriptionId)
                .param(sequenceNumber)
                .query(String.class)
                .single();
    }

    enum Fault {
        NONE,
        /**
         * The network is asked (and answers), then a statement fails, as the process's own could:
         * PostgreSQL then refuses the rest of the transaction unless the handler ran in a savepoint.
         */
        FAILED_STATEMENT,
        EXCEPTION
    }

    /**
     * The network port the process uses, failing for the ICCIDs it is told to. A plain class brought in
     * by {@code @Import}, not a component: the service's component scan covers the test classes, and
     * must not hand this port to every other test's context.
     */
    static class FaultyNetworkConfiguration {

        @Bean
        @Primary
        FaultyNetwork faultyNetwork(
                @Qualifier("simulatedNetworkProvisioning") NetworkProvisioning simulated, JdbcClient jdbc) {
            return new FaultyNetwork(simulated, jdbc);
        }
    }

    static class FaultyNetwork implements NetworkProvisioning {

        private final NetworkProvisioning simulated;
        private final JdbcClient jdbc;
        private final java.util.Map<String, Fault> faults = new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.Map<String, AtomicInteger> transientFailures =
                new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.Map<String, AtomicInteger> asked = new java.util.concurrent.ConcurrentHashMap<>();

        FaultyNetwork(NetworkProvisioning simulated, JdbcClient jdbc) {
            this.simulated = simulated;
            this.jdbc = jdbc;
        }

        void fail(String newIccid, Fault fault) {
            faults.put(newIccid, fault);
        }

        void failTransiently(String newIccid, int times) {
            transientFailures.put(newIccid, new AtomicInteger(times));
        }

        int asked(String newIccid) {
            return asked.getOrDefault(newIccid, new AtomicInteger()).get();
        }

        @Override
        public void requestSwap(SwapRequest request) {
            asked.computeIfAbsent(request.newIccid(), iccid -> new AtomicInteger())
                    .incrementAndGet();
            AtomicInteger transientLeft = transientFailures.get(request.newIccid());
            if (transientLeft != null && transientLeft.getAndDecrement() > 0) {
                throw new QueryTimeoutException("The database took too long (a transient failure)");
            }
            switch (faults.getOrDefault(request.newIccid(), Fault.NONE)) {
                case FAILED_STATEMENT -> {
                    simulated.requestSwap(request);
                    jdbc.sql("select 1 / 0").query(Integer.class).single();
                }
                case EXCEPTION -> throw new IllegalStateException("The network port is still broken");
                case NONE -> simulated.requestSwap(request);
            }
        }
    }
}
