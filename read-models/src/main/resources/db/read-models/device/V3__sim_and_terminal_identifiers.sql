-- Devices are looked up across an org by their SIM's ICCID and IMSI and by IMEI too (issue 15), each
-- in its normal form (digits only), as the details JSON holds them.
alter table device_view add column iccid varchar(20);
alter table device_view add column imsi varchar(15);
alter table device_view add column imei varchar(15);

-- Rows written before these columns existed take their keys from their details, which the
-- projection writes with Jackson: "iccid" and "imsi" only in a SIM's details, "imei" at the top, each a
-- string of digits (a quote inside a text value is escaped, so no text can imitate them). regexp_substr
-- with a subexpression is the same function on PostgreSQL 15 and H2.
update device_view set
    iccid = regexp_substr(details, '"iccid":"([0-9]+)"', 1, 1, '', 1),
    imsi = regexp_substr(details, '"imsi":"([0-9]+)"', 1, 1, '', 1),
    imei = regexp_substr(details, '"imei":"([0-9]+)"', 1, 1, '', 1);

create index device_view_iccid on device_view (iccid);
create index device_view_imsi on device_view (imsi);
create index device_view_imei on device_view (imei);
