package com.subscriptiondevices.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.platform.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A network that never answers in time: the replacement stays PENDING (and refuses a second one)
 * until the deadline rejects it. A database of its own, so no other test's process handles it.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SimReplacementDeadlineIT extends ServiceIT {

    @DynamicPropertySource
    static void slowNetworkOnItsOwnDatabase(DynamicPropertyRegistry properties) {
        properties.add("spring.datasource.url", () -> TestDatabases.dedicated("deadline"));
        properties.add("devices.provisioning.simulated.delay", () -> "1h");
        properties.add("devices.provisioning.retry-interval", () -> "1h");
        properties.add("devices.provisioning.timeout", () -> "2s");
    }

    @Test
    void without_an_answer_in_time_the_replacement_is_rejected_and_meanwhile_no_second_one_is_accepted() {
        String subscription = subscription(ORG);
        String iccid = Fixtures.iccid();
        String imsi = Fixtures.imsi();
        Api.Response device = api.post(devicesPath(ORG, subscription), fullToken(), Fixtures.sim(iccid, imsi));
        String v1Path = "/v1/orgs/yoigo/subscriptions/" + subscription + "/devices/"
                + device.json().get("legacy_id").asLong() + "/replacement";
        String body =
                "{\"category\":\"SIM\",\"subscription_device_change_request\":{\"new_iccid\":\"%s\",\"new_imsi\":\"%s\"}}";

        assertThat(api.post(v1Path, fullToken(), body.formatted(Fixtures.iccid(), Fixtures.imsi()))
                        .status())
                .isEqualTo(202);
        Api.Response second = api.post(v1Path, fullToken(), body.formatted(Fixtures.iccid(), Fixtures.imsi()));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("errors").get(0).get("code").asString()).isEqualTo("PENDING_CHANGE_REQUEST");

        eventually("the deadline rejects the replacement", () -> eventTypes(subscription)
                .contains("SimReplacementRejected"));
        assertThat(lastEventPayload(subscription)).contains("NO_ANSWER_FROM_NETWORK");
        String path =
                devicesPath(ORG, subscription) + "/" + device.json().get("id").asString();
        assertThat(api.get(path, fullToken())
                        .json()
                        .get("device_additional_details")
                        .get("iccid")
                        .asString())
                .isEqualTo(iccid);
        assertThat(api.post(v1Path, fullToken(), body.formatted(Fixtures.iccid(), Fixtures.imsi()))
                        .status())
                .as("after the rejection a new replacement may be asked for")
                .isEqualTo(202);
    }
}
