-- The V2 device read model (device-projection): every version of it is a schema made from these
-- migrations (device_model is the live one; a rebuild fills device_model_next, then the two swap).
-- Names are unqualified: Flyway runs them with the version's schema as the default.
create table subscription_view (
    subscription_id   uuid         not null primary key,
    org               varchar(100) not null,
    legacy_id         bigint       not null,
    legacy_account_id bigint       not null
);
create index subscription_view_org_legacy on subscription_view (org, legacy_id);

-- A device keeps its lookup keys in columns and its details (the V2 representation) as JSON.
create table device_view (
    device_id       uuid         not null primary key,
    subscription_id uuid         not null,
    legacy_id       bigint       not null,
    category        varchar(10)  not null,
    mac_address     varchar(17),
    serial_number   varchar(255),
    version         bigint       not null,
    details         text         not null
);
create index device_view_subscription on device_view (subscription_id, legacy_id);
create index device_view_mac on device_view (mac_address);
create index device_view_serial on device_view (serial_number);
