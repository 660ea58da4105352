package com.subscriptiondevices.query.v1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.subscriptiondevices.api.device.AcquisitionType;
import com.subscriptiondevices.api.device.AppliedOperation;
import com.subscriptiondevices.api.device.DeviceAdded;
import com.subscriptiondevices.api.device.DeviceCategory;
import com.subscriptiondevices.api.device.DeviceDetails;
import com.subscriptiondevices.api.device.DeviceDetailsChanged;
import com.subscriptiondevices.api.device.DeviceId;
import com.subscriptiondevices.api.device.FabricationType;
import com.subscriptiondevices.api.device.SimCard;
import com.subscriptiondevices.api.simreplacement.ChangeRequestStatus;
import com.subscriptiondevices.api.simreplacement.SignatureType;
import com.subscriptiondevices.api.simreplacement.SimReplaced;
import com.subscriptiondevices.api.simreplacement.SimReplacementRejected;
import com.subscriptiondevices.api.simreplacement.SimReplacementRequested;
import com.subscriptiondevices.api.subscription.SubscriptionCreated;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import com.subscriptiondevices.api.v1.FindV1Device;
import com.subscriptiondevices.api.v1.FindV1Devices;
import com.subscriptiondevices.api.v1.SubscriptionRef;
import com.subscriptiondevices.api.v1.V1ChangeRequestView;
import com.subscriptiondevices.api.v1.V1DeviceView;
import com.subscriptiondevices.api.v1.V1Devices;
import com.subscriptiondevices.platform.testing.TestDatabases;
import com.subscriptiondevices.query.QuerySideApplication;
import com.subscriptiondevices.readmodel.Replay;
import com.subscriptiondevices.readmodel.v1.V1Model;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** The V1 device projection on PostgreSQL: events in, rows of the live version and V1 query answers out. */
@SpringBootTest(
        classes = QuerySideApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"devices.security.dev-jwt-secret=projection-tests-secret-0123456789abcdef"})
@ActiveProfiles("postgres")
class V1DeviceProjectionIT {

    private static final Instant REQUESTED = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant SETTLED = Instant.parse("2026-03-01T10:05:00Z");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry properties) {
        properties.add("spring.datasource.url", TestDatabases::main);
        properties.add("spring.datasource.username", TestDatabases::user);
    }

    @Autowired
    V1Model model;

    @Autowired
    V1DeviceQueries queries;

    @Autowired
    TransactionTemplate transaction;

    private final SubscriptionId subscription = SubscriptionId.random();
    private final long subscriptionLegacyId = legacyId();
    private final String org = "org-" + UUID.randomUUID();
    private final SubscriptionRef byLegacyId = new SubscriptionRef(subscriptionLegacyId, null);

    @Test
    void a_device_shows_its_legacy_id_its_catalogue_id_and_is_activo_until_returned() {
        DeviceId device = DeviceId.random();
        long legacyId = legacyId();
        apply(new SubscriptionCreated(subscription, org, subscriptionLegacyId, 4711));
        apply(new DeviceAdded(subscription, device, legacyId, DeviceCategory.OTHER, terminal("CAT-1", null)));

        V1DeviceView shown = single(legacyId, true);
        assertThat(shown.id()).isEqualTo(legacyId);
        assertThat(shown.deviceId()).isEqualTo("CAT-1");
        assertThat(shown.status()).isEqualTo("ACTIVO");
        assertThat(shown.contractDocumentId()).isEqualTo("contract-1");
        assertThat(shown.deviceAdditionalDetails().serialNumber()).isEqualTo("SN-1");
        assertThat(shown.deviceAdditionalDetails().macAddress()).isEqualTo("AA:BB:CC:DD:EE:FF");
        assertThat(shown.deviceAdditionalDetails().imei()).isEqualTo("490154203237518");
        assertThat(shown.deviceAdditionalDetails().iccid()).isNull();

        apply(changed(device, terminal("CAT-1", Instant.parse("2026-02-01T10:00:00Z"))));

        assertThat(single(legacyId, false).status()).isEqualTo("INACTIVO");
        assertThat(queries.handle(new FindV1Device(org, byLegacyId, legacyId, true))
                        .devices())
                .isEmpty();
    }

    @Test
    void without_a_catalogue_device_id_the_commercial_one_is_the_device_id() {
        long legacyId = legacyId();
        apply(new SubscriptionCreated(subscription, org, subscriptionLegacyId, 4711));
        apply(new DeviceAdded(subscription, DeviceId.random(), legacyId, DeviceCategory.OTHER, terminal(null, null)));

        assertThat(single(legacyId, true).deviceId()).isEqualTo("ROUTER-X1");
    }

    @Test
    void only_active_leaves_out_returned_devices_and_every_change_request() {
        DeviceId active = DeviceId.random();
        DeviceId returned = DeviceId.random();
        long activeId = legacyId();
        long returnedId = legacyId();
        apply(new SubscriptionCreated(subscription, org, subscriptionLegacyId, 4711));
        apply(new DeviceAdded(subscription, active, activeId, DeviceCategory.SIM, simDevice(sim())));
        apply(new DeviceAdded(
                subscription,
                returned,
                returnedId,
                DeviceCategory.OTHER,
                terminal("CAT-2", Instant.parse("2026-02-01T10:00:00Z"))));
        apply(requested(active, UUID.randomUUID()), REQUESTED);

        List<V1DeviceView> onlyActive =
                queries.handle(new FindV1Devices(org, byLegacyId, null, true)).devices();
        assertThat(onlyActive).extracting(V1DeviceView::id).containsExactly(activeId);
        assertThat(onlyActive.get(0).subscriptionDeviceChangeRequests()).isEmpty();

        List<V1DeviceView> everything =
                queries.handle(new FindV1Devices(org, byLegacyId, null, false)).devices();
        assertThat(everything)
                .extracting(V1DeviceView::id, V1DeviceView::status)
                .containsExactlyInAnyOrder(tuple(activeId, "ACTIVO"), tuple(returnedId, "INACTIVO"));
        assertThat(everything).extracting(V1DeviceView::id).isSorted();
        assertThat(everything.stream()
                        .filter(d -> d.id() == activeId)
                        .findFirst()
                        .orElseThrow()
                        .subscriptionDeviceChangeRequests())
                .hasSize(1);
    }

    @Test
    void the_category_filter_keeps_only_that_category() {
        long simId = legacyId();
        long terminalId = legacyId();
        apply(new SubscriptionCreated(subscription, org, subscriptionLegacyId, 4711));
        apply(new DeviceAdded(subscription, DeviceId.random(), simId, DeviceCategory.SIM, simDevice(sim())));
        apply(new DeviceAdded(
                subscription, DeviceId.random(), terminalId, DeviceCategory.OTHER, terminal("CAT-3", null)));

        assertThat(queries.handle(new FindV1Devices(org, byLegacyId, DeviceCategory.SIM, true))
                        .devices())
                .extracting(V1DeviceView::id)
                .containsExactly(simId);
        assertThat(queries.handle(new FindV1Devices(org, byLegacyId, DeviceCategory.OTHER, true))
                        .devices())
                .extracting(V1DeviceView::id)
                .containsExactly(terminalId);
        assertThat(queries.handle(new FindV1Devices(org, byLegacyId, null, true))
                        .devices())
                .hasSize(2);
    }

    @Test
    void a_sim_shows_its_card_as_digit_strings_with_its_codes_and_fabrication_type() {
        long legacyId = legacyId();
        apply(new SubscriptionCreated(subscription, org, subscriptionLegacyId, 4711));
        apply(new DeviceAdded(subscription, DeviceId.random(), legacyId, DeviceCategory.SIM, simDevice(sim())));

        V1DeviceView shown = single(legacyId, true);
        assertThat(shown.category()).isEqualTo(DeviceCategory.SIM);
        V1DeviceView.AdditionalDetails card = shown.deviceAdditionalDetails();
        assertThat(card.iccid()).isEqualTo("89340114115512831440");
        assertThat(card.imsi()).isEqualTo("214035453370793");
        assertThat(card.pin()).isEqualTo("0123");
        assertThat(card.puk()).isEqualTo("01234567");
        assertThat(card.fabricationType()).isEqualTo("eSIM");
        assertThat(card.serialNumber()).isNull();
        assertThat(shown.withoutSecrets().deviceAdditionalDetails().pin()).isNull();
    }

    @Test
    void a_processed_replacement_gives_the_device_the_new_card_and_its_codes() {
        DeviceId device = DeviceId.random();
        long legacyId = legacyId();
        UUID request = UUID.randomUUID();
        apply(new SubscriptionCreated(subscription, org, subscriptionLegacyId, 4711));
        apply(new DeviceAdded(subscription, device, legacyId, DeviceCategory.SIM, simDevice(sim())));
        apply(requested(device, request), REQUESTED);

        V1ChangeRequestView pending =
                single(legacyId, false).subscriptionDeviceChangeRequests().get(0);
        assertThat(pending.status()).isEqualTo(ChangeRequestStatus.PENDING);
        assertThat(pending.requestDate()).isEqualTo(REQUESTED);
        assertThat(pending.userName()).isEqualTo("agent@shop.example");
        assertThat(pending.changeReason()).isEqualTo("sim lost");
        assertThat(pending.contractDocumentId()).isEqualTo("contract-9");
        assertThat(pending.fabricationType()).isEqualTo(FabricationType.ESIM);
        assertThat(pending.iccid()).isEqualTo("89340114115512831440");
        assertThat(pending.imsi()).isEqualTo("214035453370793");
        assertThat(pending.newIccid()).isEqualTo("89340114115512831457");
        assertThat(pending.newImsi()).isEqualTo("214035453370800");
        assertThat(pending.processedDate()).isNull();

        apply(
                new SimReplaced(
                        subscription,
                        device,
                        request,
                        2,
                        "89340114115512831440",
                        "89340114115512831457",
                        "214035453370800",
                        FabricationType.ESIM,
                        "9876",
                        "87654321",
                        "1111",
                        "22222222"),
                SETTLED);

        V1DeviceView replaced = single(legacyId, false);
        V1ChangeRequestView processed =
                replaced.subscriptionDeviceChangeRequests().get(0);
        assertThat(processed.status()).isEqualTo(ChangeRequestStatus.PROCESSED);
        assertThat(processed.processedDate()).isEqualTo(SETTLED);
        assertThat(processed.requestDate()).isEqualTo(REQUESTED);
        V1DeviceView.AdditionalDetails card = replaced.deviceAdditionalDetails();
        assertThat(card.iccid()).isEqualTo("89340114115512831457");
        assertThat(card.imsi()).isEqualTo("214035453370800");
        assertThat(card.pin()).isEqualTo("9876");
        assertThat(card.puk()).isEqualTo("87654321");
        assertThat(card.pin2()).isEqualTo("1111");
        assertThat(card.puk2()).isEqualTo("22222222");
        assertThat(card.fabricationType()).isEqualTo("eSIM");
    }

    @Test
    void a_rejected_replacement_keeps_the_card_and_says_why() {
        DeviceId device = DeviceId.random();
        long legacyId = legacyId();
        UUID request = UUID.randomUUID();
        apply(new SubscriptionCreated(subscription, org, subscriptionLegacyId, 4711));
        apply(new DeviceAdded(subscription, device, legacyId, DeviceCategory.SIM, simDevice(sim())));
        apply(requested(device, request), REQUESTED);
        apply(
                new SimReplacementRejected(
                        subscription, device, request, "89340114115512831457", "REJECTED_BY_NETWORK"),
                SETTLED);

        V1DeviceView kept = single(legacyId, false);
        V1ChangeRequestView rejected = kept.subscriptionDeviceChangeRequests().get(0);
        assertThat(rejected.status()).isEqualTo(ChangeRequestStatus.REJECTED);
        assertThat(rejected.rejectionReason()).isEqualTo("REJECTED_BY_NETWORK");
        assertThat(rejected.newIccid()).isEqualTo("89340114115512831457");
        assertThat(kept.deviceAdditionalDetails().iccid()).isEqualTo("89340114115512831440");
        assertThat(kept.deviceAdditionalDetails().pin()).isEqualTo("0123");
    }

    @Test
    void change_requests_are_listed_newest_first() {
        DeviceId device = DeviceId.random();
        long legacyId = legacyId();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        apply(new SubscriptionCreated(subscription, org, subscriptionLegacyId, 4711));
        apply(new DeviceAdded(subscription, device, legacyId, DeviceCategory.SIM, simDevice(sim())));
        apply(requested(device, first), REQUESTED);
        apply(new SimReplacementRejected(subscription, device, first, "89340114115512831457", "NO_ANSWER"), SETTLED);
        apply(requested(device, second), SETTLED.plusSeconds(60));

        assertThat(single(legacyId, false).subscriptionDeviceChangeRequests())
                .extracting(V1ChangeRequestView::status, V1ChangeRequestView::requestDate)
                .containsExactly(
                        tuple(ChangeRequestStatus.PENDING, SETTLED.plusSeconds(60)),
                        tuple(ChangeRequestStatus.REJECTED, REQUESTED));
    }

    @Test
    void a_subscription_is_found_by_legacy_id_and_by_uuid_but_never_under_another_org() {
        long legacyId = legacyId();
        apply(new SubscriptionCreated(subscription, org, subscriptionLegacyId, 4711));
        apply(new DeviceAdded(subscription, DeviceId.random(), legacyId, DeviceCategory.OTHER, terminal("C", null)));

        SubscriptionRef byUuid = new SubscriptionRef(null, subscription.value());
        assertThat(queries.handle(new FindV1Devices(org, byUuid, null, true)).devices())
                .extracting(V1DeviceView::id)
                .containsExactly(legacyId);
        assertThat(queries.handle(new FindV1Device(org, byUuid, legacyId, true)).devices())
                .hasSize(1);

        String stranger = "other-" + org;
        assertThat(queries.handle(new FindV1Devices(stranger, byLegacyId, null, true))
                        .subscriptionFound())
                .isFalse();
        assertThat(queries.handle(new FindV1Devices(stranger, byUuid, null, true))
                        .subscriptionFound())
                .isFalse();
        assertThat(queries.handle(new FindV1Device(stranger, byLegacyId, legacyId, true))
                        .subscriptionFound())
                .isFalse();
        assertThat(queries.handle(new FindV1Devices(org, new SubscriptionRef(legacyId(), null), null, true))
                        .subscriptionFound())
                .isFalse();
    }

    @Test
    void a_device_of_another_subscription_is_not_found_in_this_one() {
        SubscriptionId other = SubscriptionId.random();
        long otherLegacyId = legacyId();
        long deviceLegacyId = legacyId();
        apply(new SubscriptionCreated(subscription, org, subscriptionLegacyId, 4711));
        apply(new SubscriptionCreated(other, org, otherLegacyId, 4711));
        apply(new DeviceAdded(other, DeviceId.random(), deviceLegacyId, DeviceCategory.OTHER, terminal("C", null)));

        V1Devices found = queries.handle(new FindV1Device(org, byLegacyId, deviceLegacyId, false));
        assertThat(found.subscriptionFound()).isTrue();
        assertThat(found.devices()).isEmpty();
    }

    @Test
    void handling_the_same_events_twice_changes_nothing() {
        DeviceId device = DeviceId.random();
        long legacyId = legacyId();
        UUID request = UUID.randomUUID();
        SubscriptionCreated created = new SubscriptionCreated(subscription, org, subscriptionLegacyId, 4711);
        DeviceAdded added = new DeviceAdded(subscription, device, legacyId, DeviceCategory.SIM, simDevice(sim()));
        SimReplacementRequested requested = requested(device, request);
        SimReplacementRejected rejected =
                new SimReplacementRejected(subscription, device, request, "89340114115512831457", "NO_ANSWER");
        apply(created);
        apply(created);
        apply(added);
        apply(added);
        apply(requested, REQUESTED);
        apply(rejected, SETTLED);
        apply(requested, REQUESTED);
        apply(rejected, SETTLED);

        List<V1DeviceView> devices =
                queries.handle(new FindV1Devices(org, byLegacyId, null, false)).devices();
        assertThat(devices).hasSize(1);
        assertThat(devices.get(0).subscriptionDeviceChangeRequests())
                .singleElement()
                .satisfies(change -> assertThat(change.status()).isEqualTo(ChangeRequestStatus.REJECTED));
    }

    private V1DeviceView single(long deviceLegacyId, boolean onlyActive) {
        V1Devices found = queries.handle(new FindV1Device(org, byLegacyId, deviceLegacyId, onlyActive));
        assertThat(found.subscriptionFound()).isTrue();
        assertThat(found.devices()).hasSize(1);
        return found.devices().get(0);
    }

    private void apply(Object event) {
        apply(event, Instant.now());
    }

    /** Through the projection of the live version, in a transaction of its own, as a command would. */
    private void apply(Object event, Instant timestamp) {
        Replay projection = new Replay(model.projection(V1Model.SCHEMA));
        transaction.executeWithoutResult(
                status -> projection.apply(new GenericEventMessage<>(new GenericMessage<>(event), () -> timestamp)));
    }

    private SimReplacementRequested requested(DeviceId device, UUID request) {
        return new SimReplacementRequested(
                subscription,
                device,
                request,
                "agent@shop.example",
                "sim lost",
                "contract-9",
                FabricationType.ESIM,
                "signature-1",
                SignatureType.DIGITAL,
                "89340114115512831440",
                "214035453370793",
                "89340114115512831457",
                "214035453370800");
    }

    private DeviceDetailsChanged changed(DeviceId device, DeviceDetails details) {
        return new DeviceDetailsChanged(
                subscription,
                device,
                2,
                details,
                List.of(new AppliedOperation(
                        "add", "/in_store_returned_date", "2026-02-01T10:00:00Z", "SUBSCRIBER_REQUESTED")));
    }

    private static SimCard sim() {
        return new SimCard(
                "89340114115512831440", "214035453370793", "0123", "01234567", null, null, FabricationType.ESIM);
    }

    private static DeviceDetails simDevice(SimCard sim) {
        return new DeviceDetails(
                        "P045A1SNC",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        List.of(),
                        null,
                        4711,
                        null,
                        null)
                .withDeviceAdditionalDetails(sim);
    }

    private static DeviceDetails terminal(String catalogueDeviceId, Instant returned) {
        return new DeviceDetails(
                "ROUTER-X1",
                catalogueDeviceId,
                null,
                null,
                null,
                null,
                Instant.parse("2026-01-15T09:00:00Z"),
                returned,
                null,
                "SN-1",
                "AA:BB:CC:DD:EE:FF",
                "490154203237518",
                AcquisitionType.FINANCED,
                List.of(),
                null,
                4711,
                "contract-1",
                null);
    }

    private static long legacyId() {
        return ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
    }
}
