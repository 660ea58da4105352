-- Read models now live in schemas of their own, one per version, made from the migrations beside
-- their projections (read-models/src/main/resources/db/read-models), and are written in the same
-- transaction as the events they show. The tables of the old design go, with their rebuild copies,
-- and so do the positions and dead letters of the processors that used to write them: the service
-- builds the new schemas from the event store when it starts.
drop table subscription_view;
drop table device_view;
drop table v1_subscription;
drop table v1_device;
drop table v1_change_request;
drop table subscription_view_shadow;
drop table device_view_shadow;
drop table v1_subscription_shadow;
drop table v1_device_shadow;
drop table v1_change_request_shadow;
delete from tokenentry where processorname in ('device-projection', 'v1-device-projection');
delete from deadletterentry where processinggroup in ('device-projection', 'v1-device-projection');
delete from projection_rebuild;

-- The version of each read model that is live: 1 when first built, one more with every rebuild.
create table read_model_version (
    name        varchar(100) not null primary key,
    version     bigint       not null,
    switched_at timestamp with time zone not null,
    position    bigint
);

-- Legacy ids are handed out in blocks of 100 per process (one round trip per block, not per write).
alter sequence subscription_legacy_id_seq increment by 100;
alter sequence device_legacy_id_seq increment by 100;
