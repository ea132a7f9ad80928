package org.channelbridge.system2;

import org.channelbridge.system2.ProductFields;

import javax.sql.DataSource;
import java.io.Closeable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Streams the System2 catalog with each product's attributes and {@code sync_state} row, through one database cursor
 * (fetch size {@code fetchSize}): the catalog is never held in memory whatever its size. Rows of one Sku come
 * together because the query orders by Sku; the Java side only groups equal neighbours, so the database's collation
 * does not matter.
 */
public final class ProductCatalog {

    private final DataSource dataSource;
    private final int fetchSize;
    /** Null: every product, with the sync_state rows that name no profile in particular. */
    private final Long profileId;

    public ProductCatalog(DataSource dataSource, int fetchSize) {
        this(dataSource, fetchSize, null);
    }

    private ProductCatalog(DataSource dataSource, int fetchSize, Long profileId) {
        this.dataSource = dataSource;
        this.fetchSize = fetchSize;
        this.profileId = profileId;
    }

    /**
     * The catalog as one ChannelAdvisor profile gets it: a product with rows in {@code product_profiles} only in the
     * profiles it names there (every product without such rows in every profile), at the retail price its row gives
     * (else its own), with that profile's {@code sync_state} row.
     */
    public ProductCatalog forProfile(long profileId) {
        return new ProductCatalog(dataSource, fetchSize, profileId);
    }

    /** Opens the cursor; close the returned iterator (reading to the end closes it too). */
    public Cursor open() {
        return open(null);
    }

    /** The product with this Sku only (none: the cursor is empty), read as a cycle reads it; for a replay. */
    public Cursor open(String sku) {
        try {
            return new Cursor(dataSource.getConnection(), fetchSize, sku, profileId);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read System2's products: " + e.getMessage(), e);
        }
    }

    /**
     * The catalog's one query: each product with its attributes and sync_state row, ordered by Sku (with
     * {@code oneSku}, of the Sku given as its parameter). Public for the benchmark that holds the cursor against a
     * plain scan of the same query.
     */
    public static String select(Connection connection, boolean oneSku) throws SQLException {
        return select(connection, oneSku, false);
    }

    /**
     * The same query for one profile ({@code inProfile}): its parameters are the profile id twice (the product's
     * profiles, its sync_state row), then the Sku with {@code oneSku}.
     */
    public static String select(Connection connection, boolean oneSku, boolean inProfile) throws SQLException {
        String q = connection.getMetaData().getIdentifierQuoteString().trim();
        StringBuilder columns = new StringBuilder();
        for (String[] column : ProductFields.COLUMNS) {
            String name = q + column[0] + q;
            if (inProfile && column[0].equals(PROFILE_PRICE)) {
                columns.append("coalesce(pp.").append(name).append(", p.").append(name).append(") as ").append(name);
            } else {
                columns.append("p.").append(name);
            }
            columns.append(", ");
        }
        String where = inProfile
                ? " where (pp.sku is not null or not exists (select 1 from product_profiles x where x.sku = p.sku))"
                        + (oneSku ? " and p.sku = ?" : "")
                : oneSku ? " where p.sku = ?" : "";
        return "select p.sku, " + columns + "p.quantity,"
                + " a.name as attribute_name, a." + q + "value" + q + " as attribute_value,"
                + " s.ca_product_id, s.content_hash, s.sent_values, s.state, s.synced_at"
                + " from products p"
                + (inProfile ? " left join product_profiles pp on pp.sku = p.sku and pp.profile_id = ?" : "")
                + " left join product_attributes a on a.sku = p.sku"
                + " left join sync_state s on s.sku = p.sku" + (inProfile ? " and s.profile_id = ?" : "")
                + where
                + " order by p.sku, a.name";
    }

    /** The one column a profile may give a product a value of its own for ({@code product_profiles}). */
    static final String PROFILE_PRICE = "retail_price";

    /** The products, one at a time. */
    public static final class Cursor implements java.util.Iterator<CatalogProduct>, Closeable {
        /** Positions in the select below: Sku, the field columns, then these. */
        private static final int QUANTITY = 2 + ProductFields.COLUMNS.size();
        private static final int ATTRIBUTE_NAME = QUANTITY + 1;
        private static final int CA_PRODUCT_ID = QUANTITY + 3;
        private static final int CONTENT_HASH = QUANTITY + 4;
        private static final int SENT_VALUES = QUANTITY + 5;
        private static final int STATE = QUANTITY + 6;
        private static final int SYNCED_AT = QUANTITY + 7;

        private final Connection connection;
        private final boolean autoCommit;
        private final PreparedStatement statement;
        private final ResultSet rows;
        private boolean onRow;
        private boolean closed;

        Cursor(Connection connection, int fetchSize, String sku, Long profileId) throws SQLException {
            this.connection = connection;
            this.autoCommit = connection.getAutoCommit();
            try {
                // PostgreSQL streams a result set only inside a transaction
                connection.setAutoCommit(false);
                statement = connection.prepareStatement(select(connection, sku != null, profileId != null),
                        ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
                statement.setFetchSize(fetchSize);
                int parameter = 1;
                if (profileId != null) {
                    statement.setLong(parameter++, profileId);
                    statement.setLong(parameter++, profileId);
                }
                if (sku != null) {
                    statement.setString(parameter, sku);
                }
                rows = statement.executeQuery();
                onRow = rows.next();
            } catch (SQLException e) {
                connection.setAutoCommit(autoCommit);
                connection.close();
                throw e;
            }
            if (!onRow) {
                close();
            }
        }

        @Override
        public boolean hasNext() {
            return onRow;
        }

        @Override
        public CatalogProduct next() {
            if (!onRow) {
                throw new NoSuchElementException();
            }
            try {
                // by position, in the order of the select: a lookup by name costs more than the rest of the row
                String sku = rows.getString(1);
                Map<String, String> columns = new LinkedHashMap<>(32);
                int at = 2;
                for (String[] column : ProductFields.COLUMNS) {
                    columns.put(column[0], rows.getString(at++));
                }
                columns.put("quantity", rows.getString(QUANTITY));
                SyncState state = null;
                String syncState = rows.getString(STATE);
                if (syncState != null) {
                    long id = rows.getLong(CA_PRODUCT_ID);
                    Long caId = rows.wasNull() ? null : id;
                    Timestamp synced = rows.getTimestamp(SYNCED_AT);
                    state = new SyncState(sku, caId, rows.getString(CONTENT_HASH), rows.getString(SENT_VALUES),
                            syncState, synced == null ? 0 : synced.getTime());
                }
                TreeMap<String, String> attributes = new TreeMap<>();
                do {
                    String name = rows.getString(ATTRIBUTE_NAME);
                    if (name != null) {
                        attributes.put(name, Objects.requireNonNullElse(rows.getString(ATTRIBUTE_NAME + 1), ""));
                    }
                    onRow = rows.next();
                } while (onRow && sku != null && sku.equals(rows.getString(1)));
                if (!onRow) {
                    close();
                }
                return new CatalogProduct(sku, columns, attributes, state);
            } catch (SQLException e) {
                close();
                throw new IllegalStateException("Reading System2's products failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            onRow = false;
            try (connection; statement; rows) {
                connection.commit();
                connection.setAutoCommit(autoCommit);
            } catch (SQLException e) {
                // the read is over either way; a failure to release a read-only cursor changes no data
            }
        }
    }
}
