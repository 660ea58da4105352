-- The SIM swap read model (sim-swap-projection): every phone number held by a subscription, with that
-- subscription's org and the latest SIM change of the number: when it was given to the subscription,
-- or, later, when a SIM was added to the subscription or one of its SIMs was replaced. A CAMARA SIM swap
-- check is one look-up by number. Every version of it is a schema made from these migrations
-- (sim_swap_model is the live one); names are unqualified.
create table sim_swap (
    subscription_id   uuid                     not null primary key,
    msisdn            varchar(16)              not null,
    org               varchar(100)             not null,
    latest_sim_change timestamp with time zone not null
);
-- Not unique: the uniqueness claims decide who holds a number, in the same transaction, and a write they
-- refuse must fail there as a 409, never on a constraint of this table first (the processors run in no
-- set order), as device_view keeps ICCIDs. Committed rows hold each number once.
create index sim_swap_msisdn on sim_swap (msisdn);
