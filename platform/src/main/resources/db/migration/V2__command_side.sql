-- Uniqueness across subscriptions (device ids, legacy ids, ICCIDs), written in the same transaction
-- as the events that claim them.
create table unique_claim (
    claim_kind  varchar(32)  not null,
    claim_value varchar(64)  not null,
    owner_id    varchar(80)  not null,
    claimed_at  timestamp with time zone default current_timestamp not null,
    constraint unique_claim_pk primary key (claim_kind, claim_value)
);

-- Legacy (V1) ids the service assigns when a client gives none.
create sequence subscription_legacy_id_seq start with 1 increment by 1;
create sequence device_legacy_id_seq start with 1 increment by 1;
