package com.subscriptiondevices.query.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.api.device.AcquisitionType;
import com.subscriptiondevices.api.device.AppliedOperation;
import com.subscriptiondevices.api.device.DeviceAdded;
import com.subscriptiondevices.api.device.DeviceCategory;
import com.subscriptiondevices.api.device.DeviceDetails;
import com.subscriptiondevices.api.device.DeviceDetailsChanged;
import com.subscriptiondevices.api.device.DeviceId;
import com.subscriptiondevices.api.device.DevicePage;
import com.subscriptiondevices.api.device.DeviceView;
import com.subscriptiondevices.api.device.FabricationType;
import com.subscriptiondevices.api.device.FindDevice;
import com.subscriptiondevices.api.device.FindDevicesByIdentifier;
import com.subscriptiondevices.api.device.FindSubscriptionDevices;
import com.subscriptiondevices.api.device.SimCard;
import com.subscriptiondevices.api.device.SubscriptionDevices;
import com.subscriptiondevices.api.simreplacement.SimReplaced;
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

    /** IMEIs with valid check digits; each test looks them up in an org of its own. */
    private static final String IMEI = "490154203237518";

    private static final String OTHER_IMEI = "356938035643809";

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
        assertThat(queries.handle(new FindSubscriptionDevices(org, subscription, mac, 0, 100))
                        .devices())
                .extracting(DeviceView::id)
                .containsExactly(device);
        assertThat(queries.handle(new FindDevicesByIdentifier(org, mac, null, null, null, null, 0, 100))
                        .devices())
                .extracting(DeviceView::id)
                .containsExactly(device);
        assertThat(queries.handle(new FindDevicesByIdentifier(org, null, "SN-1", null, null, null, 0, 100))
                        .devices())
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
        assertThat(queries.handle(new FindSubscriptionDevices(stranger, subscription, null, 0, 100))
                        .subscriptionFound())
                .isFalse();
        assertThat(queries.handle(new FindDevicesByIdentifier(stranger, mac, null, null, null, null, 0, 100))
                        .devices())
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

        assertThat(queries.handle(new FindDevicesByIdentifier(org, mac, null, null, null, null, 0, 100))
                        .devices())
                .isEmpty();
        assertThat(queries.handle(new FindDevicesByIdentifier(org, newMac, "SN-4", null, null, null, 0, 100))
                        .devices())
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

        assertThat(queries.handle(new FindSubscriptionDevices(org, subscription, null, 0, 100))
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

    @Test
    void a_sim_is_found_across_the_org_by_iccid_and_by_imsi_and_its_swap_moves_both() {
        DeviceId device = DeviceId.random();
        String iccid = "8934" + ThreadLocalRandom.current().nextLong(100_000_000_000_000L, 999_999_999_999_999L);
        String imsi = "21403" + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
        SimCard sim = new SimCard(iccid, imsi, null, null, null, null, FabricationType.PSIM);
        apply(new SubscriptionCreated(subscription, org, legacyId(), 4711));
        apply(new DeviceAdded(
                subscription,
                device,
                legacyId(),
                DeviceCategory.SIM,
                terminal(null, null).withDeviceAdditionalDetails(sim)));

        assertThat(byKey(org, iccid, null, null)).extracting(DeviceView::id).containsExactly(device);
        assertThat(byKey(org, null, imsi, null)).extracting(DeviceView::id).containsExactly(device);
        assertThat(byKey(org, iccid, imsi, null)).hasSize(1);
        assertThat(byKey(org, iccid, imsi + "0", null))
                .as("every key given must match")
                .isEmpty();
        assertThat(byKey("other-" + org, iccid, null, null)).isEmpty();

        String newIccid = iccid + "1";
        String newImsi = "21403" + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
        apply(new SimReplaced(
                subscription,
                device,
                UUID.randomUUID(),
                2,
                iccid,
                newIccid,
                newImsi,
                FabricationType.ESIM,
                null,
                null,
                null,
                null));
        assertThat(byKey(org, iccid, null, null)).isEmpty();
        assertThat(byKey(org, null, imsi, null)).isEmpty();
        assertThat(byKey(org, newIccid, newImsi, null)).singleElement().satisfies(view -> assertThat(view.version())
                .isEqualTo(2));
    }

    @Test
    void a_terminal_is_found_by_imei_and_a_change_of_it_moves_the_key() {
        DeviceId device = DeviceId.random();
        apply(new SubscriptionCreated(subscription, org, legacyId(), 4711));
        apply(new DeviceAdded(
                subscription, device, legacyId(), DeviceCategory.OTHER, withImei(terminal("SN-6", mac), IMEI)));
        assertThat(byKey(org, null, null, IMEI)).extracting(DeviceView::id).containsExactly(device);

        apply(new DeviceDetailsChanged(
                subscription,
                device,
                2,
                withImei(terminal("SN-6", mac), OTHER_IMEI),
                List.of(new AppliedOperation("replace", "/imei", null, null))));
        assertThat(byKey(org, null, null, IMEI)).isEmpty();
        assertThat(byKey(org, null, null, OTHER_IMEI)).hasSize(1);
    }

    @Test
    void a_page_holds_the_matches_in_legacy_id_order_and_counts_them_all_even_past_the_end() {
        String serial = "SN-" + UUID.randomUUID();
        apply(new SubscriptionCreated(subscription, org, legacyId(), 4711));
        long first = legacyId();
        List<DeviceId> devices = List.of(DeviceId.random(), DeviceId.random(), DeviceId.random());
        // added out of legacy id order: the page follows legacy ids, not arrival
        apply(new DeviceAdded(subscription, devices.get(2), first + 2, DeviceCategory.OTHER, terminal(serial, null)));
        apply(new DeviceAdded(subscription, devices.get(0), first, DeviceCategory.OTHER, terminal(serial, null)));
        apply(new DeviceAdded(subscription, devices.get(1), first + 1, DeviceCategory.OTHER, terminal(serial, null)));

        DevicePage firstPage = queries.handle(new FindDevicesByIdentifier(org, null, serial, null, null, null, 0, 2));
        assertThat(firstPage.devices()).extracting(DeviceView::id).containsExactly(devices.get(0), devices.get(1));
        assertThat(firstPage.total()).isEqualTo(3);
        DevicePage secondPage = queries.handle(new FindDevicesByIdentifier(org, null, serial, null, null, null, 2, 2));
        assertThat(secondPage.devices()).extracting(DeviceView::id).containsExactly(devices.get(2));
        assertThat(secondPage.total()).isEqualTo(3);
        DevicePage pastTheEnd = queries.handle(new FindDevicesByIdentifier(org, null, serial, null, null, null, 7, 2));
        assertThat(pastTheEnd.devices()).isEmpty();
        assertThat(pastTheEnd.total()).isEqualTo(3);

        SubscriptionDevices ofSubscription = queries.handle(new FindSubscriptionDevices(org, subscription, null, 1, 1));
        assertThat(ofSubscription.devices()).extracting(DeviceView::id).containsExactly(devices.get(1));
        assertThat(ofSubscription.total()).isEqualTo(3);
        assertThat(queries.handle(new FindSubscriptionDevices(org, subscription, null, 3, 1))
                        .total())
                .isEqualTo(3);
    }

    private List<DeviceView> byKey(String org, String iccid, String imsi, String imei) {
        return queries.handle(new FindDevicesByIdentifier(org, null, null, iccid, imsi, imei, 0, 100))
                .devices();
    }

    private static DeviceDetails withImei(DeviceDetails details, String imei) {
        return new DeviceDetails(
                details.catalogueCommercialDeviceId(),
                details.catalogueDeviceId(),
                details.reservationId(),
                details.signatureProcessId(),
                details.shippingOrderId(),
                details.pickupOrderId(),
                details.inStoreDeliveryDate(),
                details.inStoreReturnedDate(),
                details.manufacturingInfo(),
                details.serialNumber(),
                details.macAddress(),
                imei,
                details.acquisitionType(),
                details.commitments(),
                details.insurableAmount(),
                details.legacyAccountId(),
                details.contractDocumentId(),
                details.deviceAdditionalDetails());
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
