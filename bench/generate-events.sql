-- Synthetic history for measurements: :subscriptions subscriptions, each registered with :devices_per
-- devices added to it, written straight into the event store in the service's own JSON shapes.
-- Run with: psql -v subscriptions=250000 -v devices_per=3 -d <database> -f bench/generate-events.sql
-- (on a database the service has migrated; it appends after whatever is there).
\set ON_ERROR_STOP on
begin;
create temporary table gen_subscription as
select g as n,
       gen_random_uuid() as subscription_id,
       coalesce((select max(claim_value::bigint) from unique_claim where claim_kind = 'SUBSCRIPTION_LEGACY_ID'), 0)
           + 1000000000 + g as legacy_id
from generate_series(1, :subscriptions) g;

insert into domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata, payload,
                              payloadrevision, payloadtype, timestamp)
select s.subscription_id::text, 0, 'Subscription', gen_random_uuid()::text,
       convert_to('{"userName":"generator","correlationId":"generated"}', 'UTF8'),
       convert_to(json_build_object('subscriptionId', s.subscription_id, 'org', 'yoigo',
                                    'legacyId', s.legacy_id, 'legacyAccountId', 4711)::text, 'UTF8'),
       '1', 'com.subscriptiondevices.api.subscription.SubscriptionCreated',
       to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
from gen_subscription s order by s.n;

insert into domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata, payload,
                              payloadrevision, payloadtype, timestamp)
select s.subscription_id::text, d, 'Subscription', gen_random_uuid()::text,
       convert_to('{"userName":"generator","correlationId":"generated"}', 'UTF8'),
       convert_to(json_build_object(
           'subscriptionId', s.subscription_id,
           'deviceId', gen_random_uuid(),
           'legacyId', s.legacy_id * 10 + d,
           'category', 'OTHER',
           'details', json_build_object(
               'catalogueCommercialDeviceId', 'ROUTER-X1', 'catalogueDeviceId', null, 'reservationId', null,
               'signatureProcessId', null, 'shippingOrderId', null, 'pickupOrderId', null,
               'inStoreDeliveryDate', null, 'inStoreReturnedDate', null, 'manufacturingInfo', null,
               'serialNumber', 'GEN-' || s.n || '-' || d,
               'macAddress', upper(substr(md5(s.n::text || '-' || d), 1, 2) || ':' || substr(md5(s.n::text || '-' || d), 3, 2)
                   || ':' || substr(md5(s.n::text || '-' || d), 5, 2) || ':' || substr(md5(s.n::text || '-' || d), 7, 2)
                   || ':' || substr(md5(s.n::text || '-' || d), 9, 2) || ':' || substr(md5(s.n::text || '-' || d), 11, 2)),
               'imei', null, 'acquisitionType', 'FINANCED', 'commitments', json_build_array(),
               'insurableAmount', 199.9, 'legacyAccountId', 4711, 'contractDocumentId', null,
               'deviceAdditionalDetails', null))::text, 'UTF8'),
       '1', 'com.subscriptiondevices.api.device.DeviceAdded',
       to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
from gen_subscription s cross join generate_series(1, :devices_per) d
order by s.n, d;

insert into unique_claim (claim_kind, claim_value, owner_id)
select 'SUBSCRIPTION_LEGACY_ID', s.legacy_id::text, s.subscription_id::text from gen_subscription s;
commit;
select count(*) as events, max(globalindex) as head from domainevententry;
