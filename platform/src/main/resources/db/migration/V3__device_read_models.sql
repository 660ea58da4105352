-- Read models of the query side; rebuilt from the event store at will.
create table subscription_view (
    subscription_id   uuid         not null primary key,
    org               varchar(100) not null,
    legacy_id         bigint       not null,
    legacy_account_id bigint       not null,
    created_at        timestamp with time zone not null
);
create index subscription_view_org_legacy on subscription_view (org, legacy_id);

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
create index device_view_subscription on device_view (subscription_id);
create index device_view_mac on device_view (mac_address);
create index device_view_serial on device_view (serial_number);
create index device_view_legacy on device_view (legacy_id);
