-- A device carries its subscription's org (which never changes), so a read of one device and every
-- lookup across an org is one index scan of device_view, whatever the planner's statistics say: a join
-- with subscription_view let a fresh, never-analyzed database walk every subscription of the org for a
-- MAC address (issue 13). The lookup keys are indexed within their org.
alter table device_view add column org varchar(100);
update device_view set org = (
    select s.org from subscription_view s where s.subscription_id = device_view.subscription_id);
alter table device_view alter column org set not null;

drop index device_view_mac;
drop index device_view_serial;
drop index device_view_iccid;
drop index device_view_imsi;
drop index device_view_imei;
create index device_view_org_mac on device_view (org, mac_address);
create index device_view_org_serial on device_view (org, serial_number);
create index device_view_org_iccid on device_view (org, iccid);
create index device_view_org_imsi on device_view (org, imsi);
create index device_view_org_imei on device_view (org, imei);
