-- System2 contract tables (design §4) and the bridge's own tables, MariaDB.
-- Money is DECIMAL(19,4); times are UTC timestamps.

create table products (
    sku              varchar(50)   not null primary key,
    title            varchar(300),
    subtitle         varchar(300),
    description      text,
    brand            varchar(100),
    manufacturer     varchar(100),
    mpn              varchar(50),
    upc              varchar(20),
    ean              varchar(20),
    `condition`      varchar(50),
    weight           decimal(19,4),
    cost             decimal(19,4),
    retail_price     decimal(19,4),
    buy_it_now_price decimal(19,4),
    quantity         integer,
    updated_at       datetime(6)     not null default current_timestamp(6)
);

create table product_attributes (
    sku   varchar(50)  not null,
    name  varchar(32)  not null,
    value text,
    primary key (sku, name)
);

create table orders (
    id                     bigint auto_increment primary key,
    profile_id             bigint        not null,
    ca_order_id            bigint        not null,
    site_name              varchar(100),
    site_order_id          varchar(100),
    seller_order_id        varchar(100),
    buyer_email            varchar(200),
    currency               varchar(3),
    total_price            decimal(19,4),
    total_tax_price        decimal(19,4),
    total_shipping_price   decimal(19,4),
    payment_status         varchar(30),
    checkout_status        varchar(30),
    shipping_status        varchar(30),
    created_date_utc       datetime(6),
    ship_first_name        varchar(100),
    ship_last_name         varchar(100),
    ship_company           varchar(200),
    ship_address_line1     varchar(200),
    ship_address_line2     varchar(200),
    ship_city              varchar(100),
    ship_state             varchar(100),
    ship_postal_code       varchar(30),
    ship_country           varchar(50),
    ship_phone             varchar(50),
    bill_first_name        varchar(100),
    bill_last_name         varchar(100),
    bill_company           varchar(200),
    bill_address_line1     varchar(200),
    bill_address_line2     varchar(200),
    bill_city              varchar(100),
    bill_state             varchar(100),
    bill_postal_code       varchar(30),
    bill_country           varchar(50),
    bill_phone             varchar(50),
    saved_at               datetime(6)     not null,
    acked_at               datetime(6),
    constraint uq_orders_profile_ca_order unique (profile_id, ca_order_id)
);

create table order_items (
    id               bigint auto_increment primary key,
    order_id         bigint        not null references orders (id),
    ca_order_item_id bigint        not null,
    sku              varchar(50),
    title            varchar(300),
    quantity         integer       not null,
    unit_price       decimal(19,4),
    tax_price        decimal(19,4),
    shipping_price   decimal(19,4),
    constraint uq_order_items_order_item unique (order_id, ca_order_item_id)
);

create table shipments (
    id                     varchar(50)   not null primary key,
    ca_order_id            bigint        not null,
    profile_id             bigint,
    carrier                varchar(50),
    shipping_class         varchar(50),
    tracking_number        varchar(100),
    shipped_at             datetime(6),
    distribution_center_id integer,
    status                 varchar(10)   not null default 'NEW',
    sent_at                datetime(6),
    error                  varchar(2000),
    created_at             datetime(6)     not null default current_timestamp(6)
);

create table shipment_items (
    shipment_id      varchar(50) not null references shipments (id),
    ca_order_item_id bigint      not null,
    quantity         integer     not null,
    primary key (shipment_id, ca_order_item_id)
);

create table adjustments (
    id                varchar(50)   not null primary key,
    ca_order_id       bigint        not null,
    ca_order_item_id  bigint,
    kind              varchar(10)   not null,
    reason            varchar(50),
    quantity          integer,
    item_amount       decimal(19,4),
    tax_amount        decimal(19,4),
    shipping_amount   decimal(19,4),
    restock           boolean       not null default false,
    status            varchar(10)   not null default 'NEW',
    ca_request_status varchar(50),
    submitted_at      datetime(6),
    settled_at        datetime(6),
    error             varchar(2000),
    created_at        datetime(6)     not null default current_timestamp(6)
);

-- the bridge's own tables

create table sync_state (
    sku            varchar(50)  not null primary key,
    ca_product_id  bigint,
    content_hash   varchar(64),
    sent_values    text,
    state          varchar(10)  not null default 'SYNCED',
    synced_at      datetime(6)
);

create table dead_letters (
    id              bigint auto_increment primary key,
    flow            varchar(30)   not null,
    business_key    varchar(100)  not null,
    item            text,
    attempts        integer       not null default 1,
    last_status     integer,
    message         varchar(2000),
    first_failed_at datetime(6)     not null,
    last_failed_at  datetime(6)     not null,
    state           varchar(10)   not null default 'OPEN'
);
create index ix_dead_letters_flow_key on dead_letters (flow, business_key, state);

create table bulk_uploads (
    id          bigint auto_increment primary key,
    file_name   varchar(200)  not null,
    rows_count  integer       not null,
    content_hash varchar(64)  not null,
    status      varchar(20)   not null,
    uploaded_at datetime(6)     not null,
    processed_at datetime(6),
    error       varchar(2000)
);

-- Camel's JDBC idempotent repository, with the unique key it needs under concurrency
create table camel_messageprocessed (
    processorname varchar(100)  not null,
    messageid     varchar(200)  not null,
    createdat     datetime(6)     not null,
    primary key (processorname, messageid)
);
