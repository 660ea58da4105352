-- Shadow copies of every read-model table. A rebuild fills them from the event store while reads
-- keep using the live tables, then the two sets swap names in one transaction.
create table subscription_view_shadow (
    subscription_id   uuid         not null primary key,
    org               varchar(100) not null,
    legacy_id         bigint       not null,
    legacy_account_id bigint       not null,
    created_at        timestamp with time zone not null
);
create index subscription_view_shadow_org_legacy on subscription_view_shadow (org, legacy_id);

create table device_view_shadow (
    device_id       uuid         not null primary key,
    subscription_id uuid         not null,
    legacy_id       bigint       not null,
    category        varchar(10)  not null,
    mac_address     varchar(17),
    serial_number   varchar(255),
    version         bigint       not null,
    details         text         not null
);
create index device_view_shadow_subscription on device_view_shadow (subscription_id);
create index device_view_shadow_mac on device_view_shadow (mac_address);
create index device_view_shadow_serial on device_view_shadow (serial_number);
create index device_view_shadow_legacy on device_view_shadow (legacy_id);

create table v1_subscription_shadow (
    subscription_id uuid         not null primary key,
    org             varchar(100) not null,
    legacy_id       bigint       not null
);
create index v1_subscription_shadow_org_legacy on v1_subscription_shadow (org, legacy_id);

create table v1_device_shadow (
    device_id            uuid         not null primary key,
    subscription_id      uuid         not null,
    legacy_id            bigint       not null,
    category             varchar(10)  not null,
    catalogue_device_id  varchar(255),
    status               varchar(10)  not null,
    contract_document_id varchar(255),
    additional_details   text         not null
);
create index v1_device_shadow_subscription on v1_device_shadow (subscription_id, legacy_id);

create table v1_change_request_shadow (
    request_id           uuid         not null primary key,
    device_id            uuid         not null,
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
create index v1_change_request_shadow_device on v1_change_request_shadow (device_id, request_date);

-- One row per read model: its latest rebuild, visible to every instance (at most one runs at a time).
create table projection_rebuild (
    processing_group varchar(100) not null primary key,
    status           varchar(20)  not null,
    started_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    finished_at      timestamp with time zone,
    run_by           varchar(255) not null,
    events           bigint       not null,
    position         bigint,
    head             bigint,
    events_per_second double precision,
    failure          text
);
