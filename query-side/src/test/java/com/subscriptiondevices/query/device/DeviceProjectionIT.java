package com.subscriptiondevices.query.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.api.device.AcquisitionType;
import com.subscriptiondevices.api.device.AppliedOperation;
import com.subscriptiondevices.api.device.DeviceAdded;
import com.subscriptiondevices.api.device.DeviceCategory;
import com.subscriptiondevices.api.device.DeviceDetails;
import com.subscriptiondevices.api.device.DeviceDetailsChanged;
import com.subscriptiondevices.api.device.DeviceId;
import com.subscriptiondevices.api.device.DeviceView;
import com.subscriptiondevices.api.device.FabricationType;
import com.subscriptiondevices.api.device.FindDevice;
import com.subscriptiondevices.api.device.FindDevicesByIdentifier;
import com.subscriptiondevices.api.device.FindSubscriptionDevices;
import com.subscriptiondevices.api.device.SimCard;
import com.subscriptiondevices.api.subscription.FindSubscription;
import com.subscriptiondevices.api.subscription.SubscriptionCreated;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import com.subscriptiondevices.platform.testing.TestDatabases;
import com.subscriptiondevices.query.QuerySideApplication;
import com.subscriptiondevices.readmodel.Replay;
import com.subscriptiondevices.readmodel.device.DeviceModel;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** The device projection on PostgreSQL: events in, rows of the live version and query answers out. */
@SpringBootTest(
        classes = QuerySideApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"devices.security.dev-jwt-secret=projection-tests-secret-0123456789abcdef"})
@ActiveProfiles("postgres")
class DeviceProjectionIT {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry properties) {
        properties.add("spring.datasource.url", TestDatabases::main);
        properties.add("spring.datasource.username", TestDatabases::user);
    }

    @Autowired
    DeviceModel model;

    @Autowired
    DeviceQueries queries;

    @Autowired
    TransactionTemplate transaction;

    private final SubscriptionId subscription = SubscriptionId.random();
    private final String org = "org-" + UUID.randomUUID();
    private final String mac = randomMac();

    @Test
    void a_registered_subscription_and_its_devices_are_found_by_id_by_subscription_and_by_mac() {
        DeviceId device = DeviceId.random();
        apply(new SubscriptionCreated(subscription, org, legacyId(), 4711));
        apply(new DeviceAdded(subscription, device, legacyId(), DeviceCategory.OTHER, terminal("SN-1", mac)));

        assertThat(queries.handle(new FindSubscription(org, subscription))).isPresent();
        DeviceView found =
                queries.handle(new FindDevice(org, subscription, device)).orElseThrow();
        assertThat(found.version()).isEqualTo(1);
        assertThat(found.details().serialNumber()).isEqualTo("SN-1");
        assertThat(found.details().insurableAmount()).isEqualByComparingTo("199.9");
        assertThat(queries.handle(new FindSubscriptionDevices(org, subscription, mac))
                        .devices())
                .extracting(DeviceView::id)
                .containsExactly(device);
        assertThat(queries.handle(new FindDevicesByIdentifier(org, mac, null)))
                .extracting(DeviceView::id)
                .containsExactly(device);
        assertThat(queries.handle(new FindDevicesByIdentifier(org, null, "SN-1")))
                .hasSize(1);
    }

    @Test
    void another_org_sees_neither_the_subscription_nor_its_devices() {
        DeviceId device = DeviceId.random();
        apply(new SubscriptionCreated(subscription, org, legacyId(), 4711));
        apply(new DeviceAdded(subscription, device, legacyId(), DeviceCategory.OTHER, terminal("SN-2", mac)));

        String stranger = "other-" + org;
        assertThat(queries.handle(new FindSubscription(stranger, subscription))).isEmpty();
        assertThat(queries.handle(new FindDevice(stranger, subscription, device)))
                .isEmpty();
        assertThat(queries.handle(new FindSubscriptionDevices(stranger, subscription, null))
                        .subscriptionFound())
                .isFalse();
        assertThat(queries.handle(new FindDevicesByIdentifier(stranger, mac, null)))
                .isEmpty();
    }

    @Test
    void a_change_moves_the_lookup_keys_and_the_version() {
        DeviceId device = DeviceId.random();
        String newMac = randomMac();
        apply(new SubscriptionCreated(subscription, org, legacyId(), 4711));
        apply(new DeviceAdded(subscription, device, legacyId(), DeviceCategory.OTHER, terminal("SN-3", mac)));
        apply(new DeviceDetailsChanged(
                subscription,
                device,
                2,
                terminal("SN-4", newMac),
                List.of(new AppliedOperation("replace", "/serial_number", null, "TYPO"))));

        assertThat(queries.handle(new FindDevicesByIdentifier(org, mac, null))).isEmpty();
        assertThat(queries.handle(new FindDevicesByIdentifier(org, newMac, "SN-4")))
                .singleElement()
                .satisfies(view -> assertThat(view.version()).isEqualTo(2));
    }

    @Test
    void handling_the_same_event_twice_leaves_one_row() {
        DeviceId device = DeviceId.random();
        long legacyId = legacyId();
        apply(new SubscriptionCreated(subscription, org, legacyId(), 4711));
        DeviceAdded added =
                new DeviceAdded(subscription, device, legacyId, DeviceCategory.OTHER, terminal("SN-5", mac));
        apply(added);
        apply(added);

        assertThat(queries.handle(new FindSubscriptionDevices(org, subscription, null))
                        .devices())
                .hasSize(1);
    }

    @Test
    void a_sim_keeps_every_digit_and_its_codes_in_the_read_model() {
        DeviceId device = DeviceId.random();
        SimCard sim = new SimCard(
                "89340114115512831440", "214035453370793", "0123", "01234567", null, null, FabricationType.ESIM);
        apply(new SubscriptionCreated(subscription, org, legacyId(), 4711));
        apply(new DeviceAdded(
                subscription,
                device,
                legacyId(),
                DeviceCategory.SIM,
                terminal(null, null).withDeviceAdditionalDetails(sim)));

        DeviceView found =
                queries.handle(new FindDevice(org, subscription, device)).orElseThrow();
        assertThat(found.category()).isEqualTo(DeviceCategory.SIM);
        assertThat(found.details().deviceAdditionalDetails()).isEqualTo(sim);
    }

    /** Through the projection of the live version, in a transaction of its own, as a command would. */
    private void apply(Object event) {
        Replay projection = new Replay(model.projection(DeviceModel.SCHEMA));
        transaction.executeWithoutResult(status -> projection.apply(GenericEventMessage.asEventMessage(event)));
    }

    private static DeviceDetails terminal(String serial, String mac) {
        return new DeviceDetails(
                "ROUTER-X1",
                null,
                null,
                null,
                null,
                null,
                Instant.parse("2026-01-15T09:00:00Z"),
                null,
                null,
                serial,
                mac,
                null,
                AcquisitionType.FINANCED,
                List.of(),
                new BigDecimal("199.90"),
                4711,
                null,
                null);
    }

    private static long legacyId() {
        return ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
    }

    private static String randomMac() {
        StringBuilder mac = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            mac.append(i == 0 ? "" : ":")
                    .append(String.format("%02X", ThreadLocalRandom.current().nextInt(256)));
        }
        return mac.toString();
    }
}
