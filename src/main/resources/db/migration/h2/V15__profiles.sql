-- Several ChannelAdvisor profiles (channeladvisor.profiles): the bridge's own records name the profile (ChannelAdvisor's
-- profile id) they belong to. The rows already here belong to the profile the bridge served before, which is the
-- placeholder bridge_profile_id: the first configured profile when the bridge migrates (0 when none is configured,
-- as for a database migrated by a tool of its own). That profile is also the default for a row written without one.

-- sync_state: one row per (Sku, profile); the Sku first, so that a look-up by Sku alone still uses the key
alter table sync_state add column profile_id bigint default ${bridge_profile_id} not null;
alter table sync_state drop primary key;
alter table sync_state add primary key (sku, profile_id);

-- dead letters: the same item of two profiles is two dead letters
alter table dead_letters add column profile_id bigint default ${bridge_profile_id} not null;

-- idempotent keys: the same message id in two profiles is two keys
alter table camel_messageprocessed add column profile_id bigint default ${bridge_profile_id} not null;
alter table camel_messageprocessed drop constraint pk_camel_messageprocessed;
alter table camel_messageprocessed add constraint pk_camel_messageprocessed
    primary key (processorname, messageid, profile_id);

-- inventory files go to one profile each
alter table bulk_uploads add column profile_id bigint default ${bridge_profile_id} not null;

-- like shipments.profile_id: null is the profile of the order
alter table adjustments add column profile_id bigint;

-- Products limited to some profiles: a product with no row here goes to every profile; one with rows goes to those
-- profiles only, each with its own retail price when retail_price is set (else the product's).
create table product_profiles (
    sku          varchar(50)   not null,
    profile_id   bigint        not null,
    retail_price decimal(19,4),
    primary key (sku, profile_id)
);
