package com.subscriptiondevices.query.v1;

import com.subscriptiondevices.api.device.DeviceCategory;
import com.subscriptiondevices.api.device.DeviceId;
import com.subscriptiondevices.api.device.FabricationType;
import com.subscriptiondevices.api.simreplacement.ChangeRequestStatus;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import com.subscriptiondevices.api.v1.SubscriptionRef;
import com.subscriptiondevices.api.v1.V1ChangeRequestView;
import com.subscriptiondevices.api.v1.V1DeviceView;
import com.subscriptiondevices.api.v1.V1DeviceView.AdditionalDetails;
import com.subscriptiondevices.query.ReadModelTables;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The V1 read model: subscriptions, devices as V1 shows them, and their SIM replacement requests.
 * Writes are idempotent (update, else insert), so a replay never duplicates a row.
 */
@Repository
public class V1DeviceViewRepository {

    private static final String DEVICE_COLUMNS = "d.device_id, d.legacy_id, d.category, d.catalogue_device_id,"
            + " d.status, d.contract_document_id, d.additional_details";

    private static final String REQUEST_COLUMNS = "r.device_id, r.status, r.request_date, r.user_name,"
            + " r.change_reason, r.contract_document_id, r.fabrication_type, r.iccid, r.imsi, r.new_iccid,"
            + " r.new_imsi, r.processed_date, r.rejection_reason";

    private final JdbcClient jdbc;
    private final ReadModelTables tables;
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    V1DeviceViewRepository(JdbcClient jdbc) {
        this(jdbc, ReadModelTables.LIVE);
    }

    /** For a rebuild: the same projection, writing the shadow tables. */
    public V1DeviceViewRepository(JdbcClient jdbc, ReadModelTables tables) {
        this.jdbc = jdbc;
        this.tables = tables;
    }

    /** What V1 shows of a device, apart from its identities and its change requests. */
    record DeviceState(
            String catalogueDeviceId, String status, String contractDocumentId, AdditionalDetails additionalDetails) {}

    /** A SIM replacement request as it was asked for. */
    record RequestedChange(
            UUID requestId,
            DeviceId deviceId,
            Instant requestDate,
            String userName,
            String changeReason,
            String contractDocumentId,
            FabricationType fabricationType,
            String iccid,
            String imsi,
            String newIccid,
            String newImsi) {}

    // --- writes ------------------------------------------------------------------------------

    void saveSubscription(SubscriptionId id, String org, long legacyId) {
        jdbc.sql("merge into " + tables.of("v1_subscription") + " t using (select cast(? as uuid) as subscription_id,"
                        + " cast(? as varchar(100)) as org, cast(? as bigint) as legacy_id) s"
                        + " on t.subscription_id = s.subscription_id"
                        + " when matched then update set org = s.org, legacy_id = s.legacy_id"
                        + " when not matched then insert (subscription_id, org, legacy_id)"
                        + " values (s.subscription_id, s.org, s.legacy_id)")
                .params(id.value(), org, legacyId)
                .update();
    }

    /** One statement, whether the device is new or known (standard MERGE: PostgreSQL 15+ and H2). */
    void saveDevice(
            DeviceId id, SubscriptionId subscriptionId, long legacyId, DeviceCategory category, DeviceState state) {
        jdbc.sql("merge into " + tables.of("v1_device") + " t using (select cast(? as uuid) as device_id,"
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
                        + " s.status, s.contract_document_id, s.additional_details)")
                .params(
                        id.value(),
                        subscriptionId.value(),
                        legacyId,
                        category.name(),
                        state.catalogueDeviceId(),
                        state.status(),
                        state.contractDocumentId(),
                        json.writeValueAsString(state.additionalDetails()))
                .update();
    }

    void changeDevice(DeviceId id, DeviceState state) {
        jdbc.sql("update " + tables.of("v1_device")
                        + " set catalogue_device_id = ?, status = ?, contract_document_id = ?,"
                        + " additional_details = ? where device_id = ?")
                .params(
                        state.catalogueDeviceId(),
                        state.status(),
                        state.contractDocumentId(),
                        json.writeValueAsString(state.additionalDetails()),
                        id.value())
                .update();
    }

    void changeAdditionalDetails(DeviceId id, AdditionalDetails details) {
        jdbc.sql("update " + tables.of("v1_device") + " set additional_details = ? where device_id = ?")
                .params(json.writeValueAsString(details), id.value())
                .update();
    }

    Optional<DeviceCategory> categoryOf(DeviceId id) {
        return jdbc.sql("select category from " + tables.of("v1_device") + " where device_id = ?")
                .param(id.value())
                .query((rs, row) -> DeviceCategory.valueOf(rs.getString(1)))
                .optional();
    }

    Optional<AdditionalDetails> additionalDetailsOf(DeviceId id) {
        return jdbc.sql("select additional_details from " + tables.of("v1_device") + " where device_id = ?")
                .param(id.value())
                .query((rs, row) -> json.readValue(rs.getString(1), AdditionalDetails.class))
                .optional();
    }

    /**
     * Records a request as PENDING. Seen again, it refreshes what was asked but keeps how the request
     * ended, so handling the event twice never reopens a settled request.
     */
    void saveRequest(RequestedChange request) {
        String fabricationType = request.fabricationType() == null
                ? null
                : request.fabricationType().name();
        int updated = jdbc.sql("update " + tables.of("v1_change_request")
                        + " set device_id = ?, request_date = ?, user_name = ?,"
                        + " change_reason = ?, contract_document_id = ?, fabrication_type = ?, iccid = ?, imsi = ?,"
                        + " new_iccid = ?, new_imsi = ? where request_id = ?")
                .params(
                        request.deviceId().value(),
                        timestamp(request.requestDate()),
                        request.userName(),
                        request.changeReason(),
                        request.contractDocumentId(),
                        fabricationType,
                        request.iccid(),
                        request.imsi(),
                        request.newIccid(),
                        request.newImsi(),
                        request.requestId())
                .update();
        if (updated == 0) {
            jdbc.sql("insert into " + tables.of("v1_change_request")
                            + " (request_id, device_id, status, request_date, user_name,"
                            + " change_reason, contract_document_id, fabrication_type, iccid, imsi, new_iccid,"
                            + " new_imsi) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            request.requestId(),
                            request.deviceId().value(),
                            ChangeRequestStatus.PENDING.name(),
                            timestamp(request.requestDate()),
                            request.userName(),
                            request.changeReason(),
                            request.contractDocumentId(),
                            fabricationType,
                            request.iccid(),
                            request.imsi(),
                            request.newIccid(),
                            request.newImsi())
                    .update();
        }
    }

    void markProcessed(UUID requestId, Instant processedDate) {
        jdbc.sql("update " + tables.of("v1_change_request")
                        + " set status = ?, processed_date = ?, rejection_reason = null" + " where request_id = ?")
                .params(ChangeRequestStatus.PROCESSED.name(), timestamp(processedDate), requestId)
                .update();
    }

    void markRejected(UUID requestId, String reason) {
        jdbc.sql("update " + tables.of("v1_change_request")
                        + " set status = ?, rejection_reason = ?, processed_date = null" + " where request_id = ?")
                .params(ChangeRequestStatus.REJECTED.name(), reason, requestId)
                .update();
    }

    void deleteAll() {
        jdbc.sql("delete from " + tables.of("v1_change_request")).update();
        jdbc.sql("delete from " + tables.of("v1_device")).update();
        jdbc.sql("delete from " + tables.of("v1_subscription")).update();
    }

    // --- reads -------------------------------------------------------------------------------

    /** The subscription's UUID, when the reference names a subscription of this org. */
    Optional<SubscriptionId> subscriptionOf(String org, SubscriptionRef ref) {
        JdbcClient.StatementSpec select = ref.id() != null
                ? jdbc.sql("select subscription_id from " + tables.of("v1_subscription")
                                + " where subscription_id = ? and org = ?")
                        .params(ref.id(), org)
                : jdbc.sql("select subscription_id from " + tables.of("v1_subscription")
                                + " where legacy_id = ? and org = ?")
                        .params(ref.legacyId(), org);
        return select.query((rs, row) -> SubscriptionId.of(rs.getObject(1, UUID.class)))
                .optional();
    }

    /**
     * The subscription's devices in legacy id order, optionally of one category or one legacy id.
     * With {@code onlyActive}: only ACTIVO devices, without change requests; otherwise every device
     * with its whole history, newest request first.
     */
    List<V1DeviceView> devices(
            SubscriptionId subscriptionId, DeviceCategory category, Long legacyId, boolean onlyActive) {
        StringBuilder sql = new StringBuilder(
                "select " + DEVICE_COLUMNS + " from " + tables.of("v1_device") + " d where d.subscription_id = ?");
        List<Object> params = new ArrayList<>(List.of(subscriptionId.value()));
        if (category != null) {
            sql.append(" and d.category = ?");
            params.add(category.name());
        }
        if (legacyId != null) {
            sql.append(" and d.legacy_id = ?");
            params.add(legacyId);
        }
        if (onlyActive) {
            sql.append(" and d.status = ?");
            params.add(V1DeviceView.ACTIVE);
        }
        sql.append(" order by d.legacy_id");
        Map<UUID, DeviceRow> rows = new LinkedHashMap<>();
        jdbc.sql(sql.toString()).params(params).query(this::deviceRow).list().forEach(row -> rows.put(row.id(), row));
        Map<UUID, List<V1ChangeRequestView>> history = onlyActive || rows.isEmpty() ? Map.of() : history(rows.keySet());
        return rows.values().stream()
                .map(row -> row.view(history.getOrDefault(row.id(), List.of())))
                .toList();
    }

    private Map<UUID, List<V1ChangeRequestView>> history(Collection<UUID> deviceIds) {
        Map<UUID, List<V1ChangeRequestView>> history = new LinkedHashMap<>();
        jdbc.sql("select " + REQUEST_COLUMNS + " from " + tables.of("v1_change_request")
                        + " r where r.device_id in (:devices)" + " order by r.request_date desc")
                .param("devices", List.copyOf(deviceIds))
                .query((rs, row) -> Map.entry(rs.getObject(1, UUID.class), changeRequest(rs)))
                .list()
                .forEach(entry -> history.computeIfAbsent(entry.getKey(), id -> new ArrayList<>())
                        .add(entry.getValue()));
        return history;
    }

    private record DeviceRow(
            UUID id,
            long legacyId,
            DeviceCategory category,
            String catalogueDeviceId,
            String status,
            String contractDocumentId,
            AdditionalDetails details) {

        V1DeviceView view(List<V1ChangeRequestView> changeRequests) {
            return new V1DeviceView(
                    legacyId, catalogueDeviceId, category, status, contractDocumentId, details, changeRequests);
        }
    }

    private DeviceRow deviceRow(ResultSet rs, int row) throws SQLException {
        return new DeviceRow(
                rs.getObject(1, UUID.class),
                rs.getLong(2),
                DeviceCategory.valueOf(rs.getString(3)),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                json.readValue(rs.getString(7), AdditionalDetails.class));
    }

    private static V1ChangeRequestView changeRequest(ResultSet rs) throws SQLException {
        String fabricationType = rs.getString(7);
        return new V1ChangeRequestView(
                ChangeRequestStatus.valueOf(rs.getString(2)),
                instant(rs.getObject(3, OffsetDateTime.class)),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                fabricationType == null ? null : FabricationType.valueOf(fabricationType),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                rs.getString(11),
                instant(rs.getObject(12, OffsetDateTime.class)),
                rs.getString(13));
    }

    /** Instants travel as UTC offset date-times, which both PostgreSQL's and H2's drivers bind. */
    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
