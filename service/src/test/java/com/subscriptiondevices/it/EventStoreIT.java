package com.subscriptiondevices.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the event store keeps: JSON in bytea, the request's correlation id and user in every event. */
class EventStoreIT extends PostgresIT {

    @Test
    void the_request_id_is_echoed_and_stored_with_the_user_in_the_events_metadata() {
        Api.Response created = api.post(
                "/v2/orgs/yoigo/subscriptions",
                fullToken(),
                "{\"legacy_account_id\": 5}",
                Map.of("X-Request-Id", "audit-trail-42"));

        assertThat(created.header("X-Request-Id")).isEqualTo("audit-trail-42");
        String metadata = lastEventMetadata(created.json().get("id").asString());
        assertThat(metadata)
                .contains("\"correlationId\":\"audit-trail-42\"")
                .contains("\"userName\":\"agent@shop.example\"");
    }

    @Test
    void a_request_without_an_id_gets_one_generated() {
        Api.Response response = api.get("/v2/orgs/yoigo/devices?serial_number=x", fullToken());
        assertThat(response.header("X-Request-Id")).matches("[0-9a-f-]{36}");
        Api.Response insane =
                api.get("/v2/orgs/yoigo/devices?serial_number=x", fullToken(), Map.of("X-Request-Id", "x".repeat(300)));
        assertThat(insane.header("X-Request-Id")).matches("[0-9a-f-]{36}");
    }

    @Test
    void payloads_are_json_in_bytea_and_no_large_object_is_ever_created() {
        String subscription = subscription(ORG);
        api.post(devicesPath(ORG, subscription), fullToken(), Fixtures.sim(Fixtures.iccid(), Fixtures.imsi()));

        assertThat(jdbc.sql("select data_type from information_schema.columns"
                                + " where table_name = 'domainevententry' and column_name = 'payload'")
                        .query(String.class)
                        .single())
                .isEqualTo("bytea");
        assertThat(jdbc.sql("select count(*) from pg_largeobject_metadata")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(lastEventPayload(subscription)).startsWith("{").contains("\"iccid\"");
        assertThat(jdbc.sql("select payloadrevision from domainevententry where aggregateidentifier = ?"
                                + " order by sequencenumber desc limit 1")
                        .param(subscription)
                        .query(String.class)
                        .single())
                .isEqualTo("1");
    }

    @Test
    void read_models_keep_no_position_and_the_replacement_process_keeps_its_own_in_the_token_store() {
        subscription(ORG);
        assertThat(jdbc.sql("select count(*) from tokenentry where processorname in"
                                + " ('device-projection', 'v1-device-projection')")
                        .query(Long.class)
                        .single())
                .as("written with the events, read models have no position to keep")
                .isZero();
        eventually(
                "the process stores its position",
                () -> jdbc.sql(
                                        "select count(*) from tokenentry"
                                                + " where processorname = 'SimReplacementProcessProcessor' and token is not null")
                                .query(Long.class)
                                .single()
                        > 0);
    }

    @Test
    void the_global_index_is_handed_out_one_by_one() {
        String subscription = subscription(ORG);
        api.post(devicesPath(ORG, subscription), fullToken(), Fixtures.terminal(Fixtures.mac(), "S"));
        assertThat(jdbc.sql("select increment_by from pg_sequences where sequencename like 'domainevententry%'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select cache_size from pg_sequences where sequencename like 'domainevententry%'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }
}
