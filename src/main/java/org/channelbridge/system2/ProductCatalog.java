package org.channelbridge.system2;

import org.channelbridge.flow.products.ProductFields;

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

    public ProductCatalog(DataSource dataSource, int fetchSize) {
        this.dataSource = dataSource;
        this.fetchSize = fetchSize;
    }

    /** Opens the cursor; close the returned iterator (reading to the end closes it too). */
    public Cursor open() {
        return open(null);
    }

    /** The product with this Sku only (none: the cursor is empty), read as a cycle reads it; for a replay. */
    public Cursor open(String sku) {
        try {
            return new Cursor(dataSource.getConnection(), fetchSize, sku);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read System2's products: " + e.getMessage(), e);
        }
    }

    /** The products, one at a time. */
    public static final class Cursor implements java.util.Iterator<CatalogProduct>, Closeable {
        private final Connection connection;
        private final boolean autoCommit;
        private final PreparedStatement statement;
        private final ResultSet rows;
        private boolean onRow;
        private boolean closed;

        Cursor(Connection connection, int fetchSize, String sku) throws SQLException {
            this.connection = connection;
            this.autoCommit = connection.getAutoCommit();
            try {
                // PostgreSQL streams a result set only inside a transaction
                connection.setAutoCommit(false);
                String q = connection.getMetaData().getIdentifierQuoteString().trim();
                StringBuilder columns = new StringBuilder();
                for (String[] column : ProductFields.COLUMNS) {
                    columns.append("p.").append(q).append(column[0]).append(q).append(", ");
                }
                statement = connection.prepareStatement("select p.sku, " + columns + "p.quantity,"
                        + " a.name as attribute_name, a." + q + "value" + q + " as attribute_value,"
                        + " s.ca_product_id, s.content_hash, s.sent_values, s.state, s.synced_at"
                        + " from products p"
                        + " left join product_attributes a on a.sku = p.sku"
                        + " left join sync_state s on s.sku = p.sku"
                        + (sku == null ? "" : " where p.sku = ?")
                        + " order by p.sku, a.name", ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
                statement.setFetchSize(fetchSize);
                if (sku != null) {
                    statement.setString(1, sku);
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
                String sku = rows.getString("sku");
                Map<String, String> columns = new LinkedHashMap<>();
                for (String[] column : ProductFields.COLUMNS) {
                    columns.put(column[0], rows.getString(column[0]));
                }
                columns.put("quantity", rows.getString("quantity"));
                SyncState state = null;
                String syncState = rows.getString("state");
                if (syncState != null) {
                    long id = rows.getLong("ca_product_id");
                    Long caId = rows.wasNull() ? null : id;
                    Timestamp at = rows.getTimestamp("synced_at");
                    state = new SyncState(sku, caId, rows.getString("content_hash"), rows.getString("sent_values"),
                            syncState, at == null ? 0 : at.getTime());
                }
                TreeMap<String, String> attributes = new TreeMap<>();
                do {
                    String name = rows.getString("attribute_name");
                    if (name != null) {
                        attributes.put(name, Objects.requireNonNullElse(rows.getString("attribute_value"), ""));
                    }
                    onRow = rows.next();
                } while (onRow && sku != null && sku.equals(rows.getString("sku")));
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
