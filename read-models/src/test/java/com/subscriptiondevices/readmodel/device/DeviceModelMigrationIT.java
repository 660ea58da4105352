package com.subscriptiondevices.readmodel.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.api.device.DeviceDetails;
import com.subscriptiondevices.api.device.FabricationType;
import com.subscriptiondevices.api.device.SimCard;
import com.subscriptiondevices.readmodel.Devices;
import com.subscriptiondevices.readmodel.ScratchSchema;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The device read model's migrations on PostgreSQL: rows a version written before the SIM and terminal
 * identifier columns existed get their keys from their details, exactly as the projection writes them
 * now, and devices written before they carried their org get their subscription's, so a live version
 * needs no rebuild to answer the new lookups.
 */
class DeviceModelMigrationIT {

    private final ScratchSchema scratch = new ScratchSchema("device_model_migration");
    private final String schema = scratch.name();
    private final JdbcClient jdbc = scratch.jdbc();

    @AfterEach
    void dropSchema() {
        scratch.drop();
    }

    @Test
    void rows_from_before_the_identifier_and_org_columns_get_their_keys_from_their_details_and_their_org() {
        migrate("2");
        SimCard card = new SimCard(
                "89340114115512831440", "214035453370793", "0123", "01234567", null, null, FabricationType.ESIM);
        // a text member that looks like a key, quoted inside a value: not a key
        DeviceDetails sim = Devices.details("\"iccid\":\"8900000000000000000\"", null, card, null);
        DeviceDetails terminal = Devices.details("SN-1", "490154203237518", null, null);
        UUID simId = insertAsVersion2(sim, "yoigo");
        UUID terminalId = insertAsVersion2(terminal, "masmovil");

        migrate(null);

        assertThat(keys(simId)).containsExactly("89340114115512831440", "214035453370793", null);
        assertThat(keys(terminalId)).containsExactly(null, null, "490154203237518");
        assertThat(jdbc.sql("select org from " + schema + ".device_view order by device_id")
                        .query(String.class)
                        .list())
                .as("each device in its subscription's org")
                .containsExactlyInAnyOrder("yoigo", "masmovil");
        assertThat(jdbc.sql("select indexname from pg_indexes where schemaname = ? and tablename = 'device_view'")
                        .param(schema)
                        .query(String.class)
                        .list())
                .containsExactlyInAnyOrder(
                        "device_view_pkey",
                        "device_view_subscription",
                        "device_view_org_mac",
                        "device_view_org_serial",
                        "device_view_org_iccid",
                        "device_view_org_imsi",
                        "device_view_org_imei");
    }

    private void migrate(String target) {
        scratch.migrate("db/read-models/device", target);
    }

    private UUID insertAsVersion2(DeviceDetails details, String org) {
        UUID id = UUID.randomUUID();
        UUID subscription = UUID.randomUUID();
        jdbc.sql("insert into " + schema + ".subscription_view (subscription_id, org, legacy_id, legacy_account_id)"
                        + " values (?, ?, 1, 4711)")
                .params(subscription, org)
                .update();
        jdbc.sql("insert into " + schema + ".device_view (device_id, subscription_id, legacy_id, category,"
                        + " mac_address, serial_number, version, details) values (?, ?, 1, 'OTHER', null, ?, 1, ?)")
                .params(id, subscription, details.serialNumber(), DeviceRows.json(details))
                .update();
        return id;
    }

    private List<String> keys(UUID deviceId) {
        return jdbc.sql("select iccid, imsi, imei from " + schema + ".device_view where device_id = ?")
                .param(deviceId)
                .query((rs, row) -> java.util.Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3)))
                .single();
    }
}
