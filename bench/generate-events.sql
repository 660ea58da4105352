-- Synthetic history for measurements: :subscriptions subscriptions, each registered with a phone number
-- and :devices_per devices added to it (at most :devices devices in all, when that is given), written
-- straight into the event store in the service's own JSON shapes. It also writes the uniqueness claims
-- the command side keeps for these events (subscription legacy ids, phone numbers, device ids, device
-- legacy ids), so the service goes
-- on from this history as from its own writes: a device id or legacy id of the history is refused
-- (409), and V1 finds its devices. The read models are written with each command, so events written
-- here are in none of them: rebuild each read model afterwards (bench/run does; so does
-- `bin/projections rebuild <read-model>`), and the new versions replay these events too.
-- Run with: psql -v subscriptions=250000 -v devices_per=3 [-v devices=750000] -d <database> -f bench/generate-events.sql
-- (on a database the service has migrated; it appends after whatever is there).
\set ON_ERROR_STOP on
\if :{?devices}
\else
\set devices 9223372036854775807
\endif
begin;
create temporary table gen_subscription as
select g as n,
       gen_random_uuid() as subscription_id,
       coalesce((select max(claim_value::bigint) from unique_claim where claim_kind = 'SUBSCRIPTION_LEGACY_ID'), 0)
           + 1000000000 + g as legacy_id
from generate_series(1, :subscriptions) g;
-- A Spanish mobile number of its own for each: +34 and the legacy id (unique, and at most 15 digits).
alter table gen_subscription add column msisdn text;
update gen_subscription set msisdn = '+34' || legacy_id;

-- Device legacy ids follow from the subscription's (legacy id * 10 + d): far above the service's own
-- sequence, which starts at 1.
create temporary table gen_device as
select s.n, d, gen_random_uuid() as device_id, s.legacy_id * 10 + d as legacy_id
from gen_subscription s cross join generate_series(1, :devices_per) d
where (s.n - 1) * :devices_per + d <= :devices;

insert into domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata, payload,
                              payloadrevision, payloadtype, timestamp)
select s.subscription_id::text, 0, 'Subscription', gen_random_uuid()::text,
       convert_to('{"userName":"generator","correlationId":"generated"}', 'UTF8'),
       convert_to(json_build_object('subscriptionId', s.subscription_id, 'org', 'yoigo',
                                    'legacyId', s.legacy_id, 'legacyAccountId', 4711)::text, 'UTF8'),
       '1', 'com.subscriptiondevices.api.subscription.SubscriptionCreated',
       to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
from gen_subscription s order by s.n;

-- The number given at registration: MsisdnChanged follows SubscriptionCreated, as the service records it.
insert into domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata, payload,
                              payloadrevision, payloadtype, timestamp)
select s.subscription_id::text, 1, 'Subscription', gen_random_uuid()::text,
       convert_to('{"userName":"generator","correlationId":"generated"}', 'UTF8'),
       convert_to(json_build_object('subscriptionId', s.subscription_id, 'org', 'yoigo',
                                    'msisdn', s.msisdn, 'previousMsisdn', null)::text, 'UTF8'),
       '1', 'com.subscriptiondevices.api.subscription.MsisdnChanged',
       to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
from gen_subscription s order by s.n;

insert into domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata, payload,
                              payloadrevision, payloadtype, timestamp)
select s.subscription_id::text, d.d + 1, 'Subscription', gen_random_uuid()::text,
       convert_to('{"userName":"generator","correlationId":"generated"}', 'UTF8'),
       convert_to(json_build_object(
           'subscriptionId', s.subscription_id,
           'deviceId', d.device_id,
           'legacyId', d.legacy_id,
           'category', 'OTHER',
           'details', json_build_object(
               'catalogueCommercialDeviceId', 'ROUTER-X1', 'catalogueDeviceId', null, 'reservationId', null,
               'signatureProcessId', null, 'shippingOrderId', null, 'pickupOrderId', null,
               'inStoreDeliveryDate', null, 'inStoreReturnedDate', null, 'manufacturingInfo', null,
               'serialNumber', 'GEN-' || s.n || '-' || d.d,
               'macAddress', upper(substr(md5(s.n::text || '-' || d.d), 1, 2) || ':' || substr(md5(s.n::text || '-' || d.d), 3, 2)
                   || ':' || substr(md5(s.n::text || '-' || d.d), 5, 2) || ':' || substr(md5(s.n::text || '-' || d.d), 7, 2)
                   || ':' || substr(md5(s.n::text || '-' || d.d), 9, 2) || ':' || substr(md5(s.n::text || '-' || d.d), 11, 2)),
               'imei', null, 'acquisitionType', 'FINANCED', 'commitments', json_build_array(),
               'insurableAmount', 199.9, 'legacyAccountId', 4711, 'contractDocumentId', null,
               'deviceAdditionalDetails', null))::text, 'UTF8'),
       '1', 'com.subscriptiondevices.api.device.DeviceAdded',
       to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
from gen_subscription s join gen_device d on d.n = s.n
order by s.n, d.d;

-- The claims UniqueClaimPolicy makes for SubscriptionCreated, MsisdnChanged and DeviceAdded, with its
-- owners ("<subscription>" and "<subscription>/<device>").
insert into unique_claim (claim_kind, claim_value, owner_id)
select 'SUBSCRIPTION_LEGACY_ID', s.legacy_id::text, s.subscription_id::text from gen_subscription s;
insert into unique_claim (claim_kind, claim_value, owner_id)
select 'MSISDN', s.msisdn, s.subscription_id::text from gen_subscription s;
insert into unique_claim (claim_kind, claim_value, owner_id)
select 'DEVICE_ID', d.device_id::text, s.subscription_id::text || '/' || d.device_id::text
from gen_subscription s join gen_device d on d.n = s.n;
insert into unique_claim (claim_kind, claim_value, owner_id)
select 'DEVICE_LEGACY_ID', d.legacy_id::text, s.subscription_id::text || '/' || d.device_id::text
from gen_subscription s join gen_device d on d.n = s.n;
commit;
analyze domainevententry;
analyze unique_claim;
select count(*) as events, max(globalindex) as head from domainevententry;
