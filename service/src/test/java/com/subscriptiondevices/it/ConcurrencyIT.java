package com.subscriptiondevices.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Racing writers: uniqueness holds (ICCIDs, phone numbers), and no update is lost. */
class ConcurrencyIT extends PostgresIT {

    @Test
    void of_several_devices_racing_for_one_iccid_in_different_subscriptions_exactly_one_wins() throws Exception {
        String iccid = Fixtures.iccid();
        List<String> subscriptions = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            subscriptions.add(subscription(i % 2 == 0 ? ORG : OTHER_ORG));
        }
        List<Api.Response> responses = race(
                subscriptions.size(),
                i -> api.post(
                        devicesPath(i % 2 == 0 ? ORG : OTHER_ORG, subscriptions.get(i)),
                        fullToken(),
                        Fixtures.sim(iccid, Fixtures.imsi())));

        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(responses)
                .filteredOn(r -> r.status() == 409)
                .hasSize(subscriptions.size() - 1)
                .allSatisfy(r -> assertThat(r.errorCode()).isEqualTo("ICCID_IN_USE"));
        assertThat(jdbc.sql("select count(*) from unique_claim where claim_kind = 'ICCID' and claim_value = ?")
                        .param(iccid)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void of_subscriptions_racing_for_one_phone_number_exactly_one_wins_and_only_it_is_checked() throws Exception {
        String number = Fixtures.msisdn();
        List<String> subscriptions = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            subscriptions.add(subscription(ORG));
        }
        List<Api.Response> responses = race(
                subscriptions.size(),
                i -> api.patch(
                        "/v2/orgs/" + ORG + "/subscriptions/" + subscriptions.get(i),
                        fullToken(),
                        "[{\"op\":\"add\",\"path\":\"/msisdn\",\"value\":\"" + number + "\"}]",
                        Map.of()));

        assertThat(responses).filteredOn(r -> r.status() == 200).hasSize(1);
        assertThat(responses)
                .filteredOn(r -> r.status() == 409)
                .hasSize(subscriptions.size() - 1)
                .allSatisfy(r -> assertThat(r.errorCode()).isEqualTo("MSISDN_IN_USE"));
        String winner = subscriptions.get(responses.indexOf(
                responses.stream().filter(r -> r.status() == 200).findFirst().orElseThrow()));
        assertThat(jdbc.sql("select owner_id from unique_claim where claim_kind = 'MSISDN' and claim_value = ?")
                        .param(number)
                        .query(String.class)
                        .list())
                .containsExactly(winner);
        assertThat(jdbc.sql("select subscription_id from sim_swap_model.sim_swap where msisdn = ?")
                        .param(number)
                        .query(String.class)
                        .list())
                .containsExactly(winner);
        assertThat(jdbc.sql("select count(*) from device_model.subscription_view where msisdn = ?")
                        .param(number)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void of_registrations_racing_for_one_phone_number_exactly_one_is_stored() throws Exception {
        String number = Fixtures.msisdn();

        List<Api.Response> responses = race(
                4,
                i -> api.post(
                        "/v2/orgs/" + (i % 2 == 0 ? ORG : OTHER_ORG) + "/subscriptions",
                        fullToken(),
                        "{\"legacy_account_id\": 4711, \"msisdn\": \"" + number + "\"}"));

        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() == 409).hasSize(3).allSatisfy(r -> assertThat(r.errorCode())
                .isEqualTo("MSISDN_IN_USE"));
        assertThat(jdbc.sql("select count(*) from sim_swap_model.sim_swap where msisdn = ?")
                        .param(number)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void concurrent_patches_without_if_match_each_apply_to_the_latest_state() throws Exception {
        String subscription = subscription(ORG);
        String deviceId = addTerminal(subscription);
        String path = devicesPath(ORG, subscription) + "/" + deviceId;
        String[] fields = {
            "reservation_id", "shipping_order_id", "pickup_order_id", "contract_document_id", "catalogue_device_id"
        };

        List<Api.Response> responses = race(
                fields.length,
                i -> api.patch(
                        path,
                        fullToken(),
                        "[{\"op\":\"add\",\"path\":\"/" + fields[i] + "\",\"value\":\"v" + i + "\"}]",
                        Map.of()));

        assertThat(responses)
                .allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(200));
        Api.Response read = api.get(path, fullToken());
        JsonNode device = read.json();
        for (int i = 0; i < fields.length; i++) {
            assertThat(device.get(fields[i]).asString()).isEqualTo("v" + i);
        }
        assertThat(read.header("ETag")).isEqualTo("\"" + (fields.length + 1) + "\"");
    }

    @Test
    void concurrent_patches_with_the_same_if_match_let_exactly_one_through() throws Exception {
        String subscription = subscription(ORG);
        String deviceId = addTerminal(subscription);
        String path = devicesPath(ORG, subscription) + "/" + deviceId;

        List<Api.Response> responses = race(
                4,
                i -> api.patch(
                        path,
                        fullToken(),
                        "[{\"op\":\"replace\",\"path\":\"/serial_number\",\"value\":\"W" + i + "\"}]",
                        Map.of("If-Match", "\"1\"")));

        assertThat(responses).filteredOn(r -> r.status() == 200).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() == 412).hasSize(3);
    }

    private interface Call {
        Api.Response send(int index);
    }

    private static List<Api.Response> race(int writers, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int index = i;
                Callable<Api.Response> task = () -> {
                    start.await();
                    return call.send(index);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<Api.Response> responses = new ArrayList<>();
            for (Future<Api.Response> future : futures) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
