-- The SIM swap read model (sim-swap-projection): every phone number held by a subscription, with that
-- subscription's org and the latest SIM change of the number: when it was given to the subscription,
-- or, later, when a SIM was added to the subscription or one of its SIMs was replaced. A CAMARA SIM swap
-- check is one look-up by primary key. Every version of it is a schema made from these migrations
-- (sim_swap_model is the live one); names are unqualified.
create table sim_swap (
    msisdn            varchar(16)              not null primary key,
    subscription_id   uuid                     not null,
    org               varchar(100)             not null,
    latest_sim_change timestamp with time zone not null
);
-- A subscription holds at most one number; SIM events find it by subscription.
create unique index sim_swap_subscription on sim_swap (subscription_id);
