package com.subscriptiondevices.readmodel.v1;

import com.subscriptiondevices.api.simreplacement.ChangeRequestStatus;
import com.subscriptiondevices.api.v1.SubscriptionRef;
import com.subscriptiondevices.api.v1.V1DeviceView;
import com.subscriptiondevices.platform.data.WritePipeline;
import com.subscriptiondevices.readmodel.BatchedWrites;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The V1 read model in the tables of one version (one schema). Each write is one statement; upserts are
 * standard MERGE (PostgreSQL 15+ and H2). A replay's store batches its writes ({@link BatchedWrites}):
 * subscriptions, devices, a replaced SIM's card (the projection reads the card first, which sends what
 * came before), the devices' changes, change requests, then their outcomes.
 */
final class JdbcV1Store implements V1Store {

    private static final String DEVICE_COLUMNS = "d.device_id, d.subscription_id, d.legacy_id, d.category,"
            + " d.catalogue_device_id, d.status, d.contract_document_id, d.additional_details";

    private static final String REQUEST_COLUMNS = "r.request_id, r.device_id, r.subscription_id, r.status,"
            + " r.request_date, r.user_name, r.change_reason, r.contract_document_id, r.fabrication_type, r.iccid,"
            + " r.imsi, r.new_iccid, r.new_imsi, r.processed_date, r.rejection_reason";

    private final JdbcClient jdbc;
    private final String subscriptions;
    private final String devices;
    private final String requests;
    private final String mergeSubscription;
    private final String mergeDevice;
    private final String changeDevice;
    private final String changeAdditionalDetails;
    private final String mergeRequest;
    private final String markProcessed;
    private final String markRejected;
    private final BatchedWrites writes;

    /** The store of the version in {@code schema}, writing each change at once. */
    JdbcV1Store(JdbcClient jdbc, String schema) {
        this(jdbc, null, null, schema);
    }

    /** The live store of the version in {@code schema}, writing each change with the rest of the write. */
    JdbcV1Store(JdbcClient jdbc, WritePipeline pipeline, String schema) {
        this(jdbc, null, pipeline, schema);
    }

    /** With {@code batches}, the store of a replay, holding its writes back until a read or the commit. */
    JdbcV1Store(JdbcClient jdbc, JdbcOperations batches, String schema) {
        this(jdbc, batches, null, schema);
    }

    private JdbcV1Store(JdbcClient jdbc, JdbcOperations batches, WritePipeline pipeline, String schema) {
        this.jdbc = jdbc;
        this.subscriptions = schema + ".v1_subscription";
        this.devices = schema + ".v1_device";
        this.requests = schema + ".v1_change_request";
        this.mergeSubscription = "merge into " + subscriptions + " t using (select cast(? as uuid) as subscription_id,"
                + " cast(? as varchar(100)) as org, cast(? as bigint) as legacy_id) s"
                + " on t.subscription_id = s.subscription_id"
                + " when matched then update set org = s.org, legacy_id = s.legacy_id"
                + " when not matched then insert (subscription_id, org, legacy_id)"
                + " values (s.subscription_id, s.org, s.legacy_id)";
        this.mergeDevice = "merge into " + devices + " t using (select cast(? as uuid) as device_id,"
                + " cast(? as uuid) as subscription_id, cast(? as bigint) as legacy_id,"
                + " cast(? as varchar(10)) as category, cast(? as varchar(255)) as catalogue_device_id,"
                + " cast(? as varchar(10)) as status, cast(? as varchar(255)) as contract_document_id,"
                + " cast(? as varchar) as additional_details) s on t.device_id = s.device_id"
                + " when matched then update set subscription_id = s.subscription_id, legacy_id = s.legacy_id,"
                + " category = s.category, catalogue_device_id = s.catalogue_device_id, status = s.status,"
                + " contract_document_id = s.contract_document_id, additional_details = s.additional_details"
                + " when not matched then insert (device_id, subscription_id, legacy_id, category,"
                + " catalogue_device_id, status, contract_document_id, additional_details)"
                + " values (s.device_id, s.subscription_id, s.legacy_id, s.category, s.catalogue_device_id,"
                + " s.status, s.contract_document_id, s.additional_details)";
        // One statement, without reading the category first: the row knows it.
        this.changeDevice = "update " + devices + " set catalogue_device_id = ?, status = ?, contract_document_id = ?,"
                + " additional_details = case when category = 'SIM' then ? else ? end where device_id = ?";
        this.changeAdditionalDetails = "update " + devices + " set additional_details = ? where device_id = ?";
        // a request handled again keeps its outcome: status, processed date and rejection are not touched;
        // texts are cast without a length, so the column's own limit refuses what is too long (no truncation)
        this.mergeRequest = "merge into " + requests + " t using (select cast(? as uuid) as request_id,"
                + " cast(? as uuid) as device_id, cast(? as uuid) as subscription_id, cast(? as varchar) as status,"
                + " cast(? as timestamp with time zone) as request_date, cast(? as varchar) as user_name,"
                + " cast(? as varchar) as change_reason, cast(? as varchar) as contract_document_id,"
                + " cast(? as varchar) as fabrication_type, cast(? as varchar) as iccid,"
                + " cast(? as varchar) as imsi, cast(? as varchar) as new_iccid,"
                + " cast(? as varchar) as new_imsi, cast(? as timestamp with time zone) as processed_date,"
                + " cast(? as varchar) as rejection_reason) s on t.request_id = s.request_id"
                + " when matched then update set device_id = s.device_id, subscription_id = s.subscription_id,"
                + " request_date = s.request_date, user_name = s.user_name, change_reason = s.change_reason,"
                + " contract_document_id = s.contract_document_id, fabrication_type = s.fabrication_type,"
                + " iccid = s.iccid, imsi = s.imsi, new_iccid = s.new_iccid, new_imsi = s.new_imsi"
                + " when not matched then insert (request_id, device_id, subscription_id, status, request_date,"
                + " user_name, change_reason, contract_document_id, fabrication_type, iccid, imsi, new_iccid,"
                + " new_imsi, processed_date, rejection_reason) values (s.request_id, s.device_id,"
                + " s.subscription_id, s.status, s.request_date, s.user_name, s.change_reason,"
                + " s.contract_document_id, s.fabrication_type, s.iccid, s.imsi, s.new_iccid, s.new_imsi,"
                + " s.processed_date, s.rejection_reason)";
        this.markProcessed = "update " + requests + " set status = ?, processed_date = ?, rejection_reason = null"
                + " where request_id = ?";
        this.markRejected = "update " + requests + " set status = ?, rejection_reason = ?, processed_date = null"
                + " where request_id = ?";
        this.writes = new BatchedWrites(
                jdbc,
                batches,
                pipeline,
                mergeSubscription,
                mergeDevice,
                changeAdditionalDetails,
                changeDevice,
                mergeRequest,
                markProcessed,
                markRejected);
    }

    @Override
    public void put(V1SubscriptionRow subscription) {
        writes.write(mergeSubscription, subscription.subscriptionId(), subscription.org(), subscription.legacyId());
    }

    @Override
    public void put(V1DeviceRow device) {
        writes.write(
                mergeDevice,
                device.deviceId(),
                device.subscriptionId(),
                device.legacyId(),
                device.category(),
                device.catalogueDeviceId(),
                device.status(),
                device.contractDocumentId(),
                device.additionalDetails());
    }

    @Override
    public void changeDevice(
            UUID deviceId,
            String catalogueDeviceId,
            String status,
            String contractDocumentId,
            String detailsIfSim,
            String detailsIfOther) {
        writes.overwrite(
                changeDevice,
                deviceId,
                catalogueDeviceId,
                status,
                contractDocumentId,
                detailsIfSim,
                detailsIfOther,
                deviceId);
    }

    @Override
    public Optional<String> additionalDetails(UUID deviceId) {
        writes.flush();
        return jdbc.sql("select additional_details from " + devices + " where device_id = ?")
                .param(deviceId)
                .query(String.class)
                .optional();
    }

    @Override
    public void changeAdditionalDetails(UUID deviceId, String additionalDetails) {
        writes.write(changeAdditionalDetails, additionalDetails, deviceId);
    }

    @Override
    public void putRequest(ChangeRequestRow request) {
        writes.write(
                mergeRequest,
                request.requestId(),
                request.deviceId(),
                request.subscriptionId(),
                request.status(),
                timestamp(request.requestDate()),
                request.userName(),
                request.changeReason(),
                request.contractDocumentId(),
                request.fabricationType(),
                request.iccid(),
                request.imsi(),
                request.newIccid(),
                request.newImsi(),
                timestamp(request.processedDate()),
                request.rejectionReason());
    }

    @Override
    public void markProcessed(UUID requestId, Instant processedDate) {
        writes.write(markProcessed, ChangeRequestStatus.PROCESSED.name(), timestamp(processedDate), requestId);
    }

    @Override
    public void markRejected(UUID requestId, String reason) {
        writes.write(markRejected, ChangeRequestStatus.REJECTED.name(), reason, requestId);
    }

    @Override
    public Optional<UUID> subscriptionOf(String org, SubscriptionRef ref) {
        JdbcClient.StatementSpec select = ref.id() != null
                ? jdbc.sql("select subscription_id from " + subscriptions + " where subscription_id = ? and org = ?")
                        .params(ref.id(), org)
                : jdbc.sql("select subscription_id from " + subscriptions + " where legacy_id = ? and org = ?")
                        .params(ref.legacyId(), org);
        return select.query((rs, row) -> rs.getObject(1, UUID.class)).optional();
    }

    @Override
    public List<V1DeviceRow> devices(UUID subscriptionId, String category, Long legacyId, boolean onlyActive) {
        StringBuilder sql =
                new StringBuilder("select " + DEVICE_COLUMNS + " from " + devices + " d where d.subscription_id = ?");
        List<Object> params = new ArrayList<>(List.of(subscriptionId));
        if (category != null) {
            sql.append(" and d.category = ?");
            params.add(category);
        }
        if (legacyId != null) {
            sql.append(" and d.legacy_id = ?");
            params.add(legacyId);
        }
        if (onlyActive) {
            sql.append(" and d.status = ?");
            params.add(V1DeviceView.ACTIVE);
        }
        return jdbc.sql(sql.append(" order by d.legacy_id").toString())
                .params(params)
                .query(JdbcV1Store::deviceRow)
                .list();
    }

    @Override
    public List<ChangeRequestRow> requestsOf(Collection<UUID> deviceIds) {
        if (deviceIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + REQUEST_COLUMNS + " from " + requests
                        + " r where r.device_id in (:devices) order by r.request_date desc")
                .param("devices", List.copyOf(deviceIds))
                .query(JdbcV1Store::requestRow)
                .list();
    }

    @Override
    public List<V1SubscriptionRow> subscriptions(Collection<UUID> subscriptionIds) {
        if (subscriptionIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select subscription_id, org, legacy_id from " + subscriptions
                        + " where subscription_id in (:ids)")
                .param("ids", List.copyOf(subscriptionIds))
                .query((rs, row) -> new V1SubscriptionRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3)))
                .list();
    }

    @Override
    public List<V1DeviceRow> devicesOfAll(Collection<UUID> subscriptionIds) {
        if (subscriptionIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + DEVICE_COLUMNS + " from " + devices + " d where d.subscription_id in (:ids)")
                .param("ids", List.copyOf(subscriptionIds))
                .query(JdbcV1Store::deviceRow)
                .list();
    }

    @Override
    public List<ChangeRequestRow> requestsOfAll(Collection<UUID> subscriptionIds) {
        if (subscriptionIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + REQUEST_COLUMNS + " from " + requests + " r where r.subscription_id in (:ids)")
                .param("ids", List.copyOf(subscriptionIds))
                .query(JdbcV1Store::requestRow)
                .list();
    }

    long rowCount() {
        return jdbc.sql("select (select count(*) from " + subscriptions + ") + (select count(*) from " + devices
                        + ") + (select count(*) from " + requests + ")")
                .query(Long.class)
                .single();
    }

    private static V1DeviceRow deviceRow(ResultSet rs, int row) throws SQLException {
        return new V1DeviceRow(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getLong(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8));
    }

    private static ChangeRequestRow requestRow(ResultSet rs, int row) throws SQLException {
        return new ChangeRequestRow(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getObject(3, UUID.class),
                rs.getString(4),
                instant(rs.getObject(5, OffsetDateTime.class)),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                rs.getString(11),
                rs.getString(12),
                rs.getString(13),
                instant(rs.getObject(14, OffsetDateTime.class)),
                rs.getString(15));
    }

    /** Instants travel as UTC offset date-times, which both PostgreSQL's and H2's drivers bind. */
    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
