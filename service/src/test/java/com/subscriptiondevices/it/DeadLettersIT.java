package com.subscriptiondevices.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.api.device.DeviceAdded;
import com.subscriptiondevices.platform.security.Scopes;
import com.subscriptiondevices.platform.testing.TestDatabases;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * An event the device projection cannot handle goes to its dead-letter queue; the projection goes on
 * with every other subscription, and an operator retries the letter once the cause is fixed. The
 * failure comes from a deliberately faulty handler in the projection's processing group (same
 * processor, same queue), for devices with the serial number {@value #FAILING_SERIAL}. A database of
 * its own, so no other test's processors meet that handler's events.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Import(DeadLettersIT.FaultyProjection.class)
class DeadLettersIT extends ServiceIT {

    static final String FAILING_SERIAL = "FAIL-ME";

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry properties) {
        properties.add("spring.datasource.url", () -> TestDatabases.dedicated("deadletters"));
        // Were a write to wait for its dead-lettered event, it would now wait longer than the client's
        // 30 s: the tests below would fail instead of passing slowly.
        properties.add("devices.read-your-writes.timeout", () -> "60s");
    }

    @Autowired
    FaultyDeviceHandler faulty;

    @Test
    void an_event_the_projection_cannot_handle_waits_in_the_queue_and_the_projection_goes_on() {
        faulty.fail(Fault.FAILED_STATEMENT);
        String broken = subscription(ORG);
        Api.Response added =
                api.post(devicesPath(ORG, broken), fullToken(), Fixtures.terminal(Fixtures.mac(), FAILING_SERIAL));
        assertThat(added.status())
                .as("the write stands, and answers: the processor moved past its event")
                .isEqualTo(201);
        String failedDevice = added.json().get("id").asString();

        List<JsonNode> letters = lettersOf(broken);
        assertThat(letters).hasSize(1);
        JsonNode letter = letters.get(0);
        assertThat(letter.get("processing_group").asString()).isEqualTo("device-projection");
        assertThat(letter.get("sequence_identifier").asString()).isEqualTo(broken);
        assertThat(letter.get("event_type").asString()).isEqualTo("DeviceAdded");
        assertThat(letter.get("event_id").asString()).isEqualTo(eventId(broken, 1));
        assertThat(letter.get("aggregate_id").asString()).isEqualTo(broken);
        assertThat(letter.get("sequence_number").asLong()).isEqualTo(1);
        assertThat(letter.get("enqueued_at").asString()).endsWith("Z");
        assertThat(letter.get("cause_type").asString()).isEqualTo(sqlFailureType(letter));
        assertThat(letter.get("cause_message").asString()).contains("division by zero");
        assertThat(letter.has("payload")).isFalse();
        assertThat(api.get(devicesPath(ORG, broken) + "/" + failedDevice, fullToken())
                        .status())
                .as("the failed event left nothing in the read model")
                .isEqualTo(404);
        assertThat(api.get("/v1/orgs/yoigo/subscriptions/" + broken + "/devices", fullToken())
                        .json())
                .as("the V1 projection, a processing group of its own, handled it")
                .hasSize(1);

        Api.Response second =
                api.post(devicesPath(ORG, broken), fullToken(), Fixtures.terminal(Fixtures.mac(), Fixtures.serial()));
        assertThat(second.status()).isEqualTo(201);
        String waitingDevice = second.json().get("id").asString();
        letters = lettersOf(broken);
        assertThat(letters)
                .as("later events of the subscription wait behind its first dead letter")
                .hasSize(2);
        assertThat(letters.get(1).get("sequence_number").asLong()).isEqualTo(2);
        assertThat(letters.get(1).get("cause_type").isNull()).isTrue();
        assertThat(api.get(devicesPath(ORG, broken) + "/" + waitingDevice, fullToken())
                        .status())
                .isEqualTo(404);

        String healthy = subscription(ORG);
        String healthyDevice = addTerminal(healthy);
        assertThat(api.get(devicesPath(ORG, healthy) + "/" + healthyDevice, fullToken())
                        .status())
                .as("every other subscription is projected as ever")
                .isEqualTo(200);
        assertThat(lettersOf(healthy)).isEmpty();

        faulty.fail(Fault.NONE);
        Api.Response retried = retry(letter.get("id").asString());
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.json().get("id").asString())
                .isEqualTo(letter.get("id").asString());
        assertThat(retried.json().get("outcome").asString()).isEqualTo("PROCESSED");
        assertThat(lettersOf(broken)).as("the letter and the one behind it").isEmpty();
        assertThat(api.get(devicesPath(ORG, broken) + "/" + failedDevice, fullToken())
                        .status())
                .isEqualTo(200);
        assertThat(api.get(devicesPath(ORG, broken) + "/" + waitingDevice, fullToken())
                        .status())
                .isEqualTo(200);
        String later = addTerminal(broken);
        assertThat(api.get(devicesPath(ORG, broken) + "/" + later, fullToken()).status())
                .as("the subscription is projected at once again")
                .isEqualTo(200);
        assertThat(lettersOf(broken)).isEmpty();
    }

    @Test
    void a_retry_that_fails_again_keeps_the_letters_with_the_new_cause() {
        faulty.fail(Fault.FAILED_STATEMENT);
        String broken = subscription(ORG);
        String failedDevice = api.post(
                        devicesPath(ORG, broken), fullToken(), Fixtures.terminal(Fixtures.mac(), FAILING_SERIAL))
                .json()
                .get("id")
                .asString();
        api.post(devicesPath(ORG, broken), fullToken(), Fixtures.terminal(Fixtures.mac(), Fixtures.serial()));
        List<JsonNode> letters = lettersOf(broken);
        assertThat(letters).hasSize(2);

        faulty.fail(Fault.EXCEPTION);
        // the letter waiting behind: its sequence is retried from its first letter
        Api.Response retried = retry(letters.get(1).get("id").asString());
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.json().get("outcome").asString()).isEqualTo("FAILED");
        assertThat(retried.json().get("cause_type").asString()).isEqualTo(IllegalStateException.class.getName());
        assertThat(retried.json().get("cause_message").asString()).isEqualTo("The read model is still broken");

        List<JsonNode> after = lettersOf(broken);
        assertThat(after)
                .extracting(l -> l.get("id").asString())
                .containsExactly(
                        letters.get(0).get("id").asString(),
                        letters.get(1).get("id").asString());
        assertThat(after.get(0).get("cause_type").asString()).isEqualTo(IllegalStateException.class.getName());
        assertThat(after.get(0).get("cause_message").asString()).isEqualTo("The read model is still broken");
        assertThat(Instant.parse(after.get(0).get("last_touched").asString()))
                .isAfterOrEqualTo(
                        Instant.parse(letters.get(0).get("last_touched").asString()));
        assertThat(api.get(devicesPath(ORG, broken) + "/" + failedDevice, fullToken())
                        .status())
                .isEqualTo(404);

        faulty.fail(Fault.NONE);
        assertThat(retry(letters.get(0).get("id").asString())
                        .json()
                        .get("outcome")
                        .asString())
                .isEqualTo("PROCESSED");
        assertThat(lettersOf(broken)).isEmpty();
        assertThat(api.get(devicesPath(ORG, broken) + "/" + failedDevice, fullToken())
                        .status())
                .isEqualTo(200);
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
        assertThat(group.json().get("error").get("message").asString()).contains("v1-device-projection");
        assertThat(api.get("/admin/dead-letters?processing_group=v1-device-projection", adminToken())
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

    /** The subscription's dead letters in the device projection, in the order the list gives them. */
    private List<JsonNode> lettersOf(String subscriptionId) {
        Api.Response listed = api.get("/admin/dead-letters?processing_group=device-projection", adminToken());
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        List<JsonNode> letters = new ArrayList<>();
        for (JsonNode letter : listed.json()) {
            if (subscriptionId.equals(letter.get("aggregate_id").asString())) {
                letters.add(letter);
            }
        }
        return letters;
    }

    private String eventId(String subscriptionId, long sequenceNumber) {
        return jdbc.sql("select eventidentifier from domainevententry where aggregateidentifier = ?"
                        + " and sequencenumber = ?")
                .param(subscriptionId)
                .param(sequenceNumber)
                .query(String.class)
                .single();
    }

    /** Spring's translation of PostgreSQL's error, whichever subclass it picks: a real exception type. */
    private static String sqlFailureType(JsonNode letter) {
        String type = letter.get("cause_type").asString();
        assertThat(type).startsWith("org.springframework.dao.").doesNotContain("ThrowableCause");
        return type;
    }

    enum Fault {
        NONE,
        /** A statement that fails, as a projection's own would: PostgreSQL then refuses the rest of the transaction. */
        FAILED_STATEMENT,
        EXCEPTION
    }

    /**
     * The faulty handler, in the device projection's processing group and ahead of the projection in
     * it. A plain class brought in by {@code @Import}, not a component: the service's component scan
     * covers the test classes, and must not hand this handler to every other test's context.
     */
    static class FaultyProjection {

        @Bean
        FaultyDeviceHandler faultyDeviceHandler(JdbcClient jdbc) {
            return new FaultyDeviceHandler(jdbc);
        }
    }

    @ProcessingGroup("device-projection")
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class FaultyDeviceHandler {

        private final JdbcClient jdbc;
        private volatile Fault fault = Fault.NONE;

        FaultyDeviceHandler(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        void fail(Fault fault) {
            this.fault = fault;
        }

        @EventHandler
        void on(DeviceAdded event) {
            if (!FAILING_SERIAL.equals(event.details().serialNumber())) {
                return;
            }
            switch (fault) {
                case FAILED_STATEMENT ->
                    jdbc.sql("select 1 / 0").query(Integer.class).single();
                case EXCEPTION -> throw new IllegalStateException("The read model is still broken");
                case NONE -> {}
            }
        }
    }
}
