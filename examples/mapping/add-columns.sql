-- Columns of your own in System2 (H2, PostgreSQL and MariaDB take this as it is): where the buyer's ChannelAdvisor
-- user id is kept with each order, and the tracking URL a warehouse records with a shipment.
alter table orders add column buyer_user_id varchar(100);
alter table shipments add column tracking_url varchar(500);
