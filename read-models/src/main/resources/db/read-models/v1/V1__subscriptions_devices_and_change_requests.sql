-- The V1 read model (v1-device-projection, GetSubscriptionDevice with its change requests): every
-- version of it is a schema made from these migrations (v1_device_model is the live one; a rebuild
-- fills v1_device_model_next, then the two swap). Names are unqualified: Flyway runs them with the
-- version's schema as the default.
create table v1_subscription (
    subscription_id uuid         not null primary key,
    org             varchar(100) not null,
    legacy_id       bigint       not null
);
create index v1_subscription_org_legacy on v1_subscription (org, legacy_id);

-- status is ACTIVO/INACTIVO; catalogue_device_id is what V1 shows as device_id; additional_details
-- is the V1 device_additional_details as JSON, PIN and PUK included (left out at the web edge).
create table v1_device (
    device_id            uuid         not null primary key,
    subscription_id      uuid         not null,
    legacy_id            bigint       not null,
    category             varchar(10)  not null,
    catalogue_device_id  varchar(255),
    status               varchar(10)  not null,
    contract_document_id varchar(255),
    additional_details   text         not null
);
create index v1_device_subscription on v1_device (subscription_id, legacy_id);

-- One row per SIM replacement request: PENDING, then PROCESSED or REJECTED.
create table v1_change_request (
    request_id           uuid         not null primary key,
    device_id            uuid         not null,
    subscription_id      uuid         not null,
    status               varchar(10)  not null,
    request_date         timestamp with time zone not null,
    user_name            text,
    change_reason        text,
    contract_document_id varchar(255),
    fabrication_type     varchar(10),
    iccid                varchar(32),
    imsi                 varchar(32),
    new_iccid            varchar(32),
    new_imsi             varchar(32),
    processed_date       timestamp with time zone,
    rejection_reason     text
);
create index v1_change_request_device on v1_change_request (device_id, request_date);
create index v1_change_request_subscription on v1_change_request (subscription_id);
