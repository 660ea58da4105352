-- The subscription's phone number (E.164: + and at most 15 digits), as GET shows it. Subscriptions
-- registered before it existed have none.
alter table subscription_view add column msisdn varchar(16);
