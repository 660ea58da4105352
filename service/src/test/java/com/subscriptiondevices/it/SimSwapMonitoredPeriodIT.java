package com.subscriptiondevices.it;

import static com.subscriptiondevices.it.SimSwapCalls.assertCamara;
import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.platform.security.Scopes;
import com.subscriptiondevices.platform.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The SIM swap checks under local rules that keep SIM changes for 30 days
 * ({@code devices.sim-swap.monitored-period=30}), on the service's moved clock; and the read model the
 * checks read equals a replay of the event store. A database of its own, so the verification covers
 * only this test's events.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SimSwapMonitoredPeriodIT extends ServiceIT {

    @DynamicPropertySource
    static void thirtyDaysOnItsOwnDatabase(DynamicPropertyRegistry properties) {
        properties.add("spring.datasource.url", () -> TestDatabases.dedicated("simswap"));
        properties.add("devices.sim-swap.monitored-period", () -> "30");
    }

    private SimSwapCalls calls;

    @BeforeEach
    void calls() {
        calls = new SimSwapCalls(api, tokens, fullToken());
    }

    @Test
    void a_change_older_than_the_monitored_period_is_told_as_null_with_the_period() {
        String number = Fixtures.msisdn();
        calls.numbered(ORG, number);
        Instant change = calls.latest(number);

        movable().at(change.plus(Duration.ofDays(29)));
        Api.Response within = calls.retrieve(calls.bank(), number);
        assertThat(Instant.parse(within.json().get("latestSimChange").asString()))
                .isEqualTo(change);
        assertThat(within.json().has("monitoredPeriod")).isFalse();

        movable().at(change.plus(Duration.ofDays(31)));
        Api.Response beyond = calls.retrieve(calls.bank(), number);
        assertThat(beyond.status()).isEqualTo(200);
        assertThat(beyond.json().get("latestSimChange").isNull()).isTrue();
        assertThat(beyond.json().get("monitoredPeriod").asInt()).isEqualTo(30);
    }

    @Test
    void a_check_may_look_back_as_far_as_the_monitored_period_and_no_further() {
        String number = Fixtures.msisdn();
        calls.numbered(ORG, number);
        Instant change = calls.latest(number);

        movable().at(change.plus(Duration.ofDays(29)));
        assertThat(calls.check(calls.bank(), number, 720).json().get("swapped").asBoolean())
                .isTrue();
        assertThat(calls.check(calls.bank(), number, 240).json().get("swapped").asBoolean())
                .as("the default 240 hours is within 30 days")
                .isFalse();
        assertCamara(calls.check(calls.bank(), number, 721), 400, "OUT_OF_RANGE");
        assertCamara(calls.check(calls.bank(), number, 2400), 400, "OUT_OF_RANGE");

        movable().at(change.plus(Duration.ofDays(31)));
        assertThat(calls.check(calls.bank(), number, 720).json().get("swapped").asBoolean())
                .isFalse();
        assertCamara(calls.check(calls.line(number, Scopes.SIM_SWAP_CHECK), null, 721), 400, "OUT_OF_RANGE");
    }

    @Test
    void the_read_model_the_checks_read_equals_a_replay_of_the_event_store() {
        String number = Fixtures.msisdn();
        String subscription = calls.numbered(ORG, number);
        api.post(devicesPath(ORG, subscription), fullToken(), Fixtures.sim(Fixtures.iccid(), Fixtures.imsi()));
        String moved = Fixtures.msisdn();
        api.patch(
                "/v2/orgs/" + ORG + "/subscriptions/" + subscription,
                fullToken(),
                "[{\"op\":\"replace\",\"path\":\"/msisdn\",\"value\":\"" + moved + "\"}]",
                java.util.Map.of());
        calls.numbered(OTHER_ORG, number);

        Api.Response verified = api.get("/admin/projections/sim-swap-projection/verify", token(Scopes.ADMIN));
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        assertThat(verified.json().get("checked").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(verified.json().get("differing").asLong())
                .as(verified.toString())
                .isZero();
        assertThat(api.get("/admin/projections/device-projection/verify", token(Scopes.ADMIN))
                        .json()
                        .get("differing")
                        .asLong())
                .as("the subscriptions' numbers and the devices' keys too")
                .isZero();
    }
}
