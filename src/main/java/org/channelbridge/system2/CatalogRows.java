package org.channelbridge.system2;

import org.apache.camel.component.sql.RowMapperFactory;
import org.springframework.jdbc.core.RowMapper;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The rows of the catalog query ({@code products.sql.catalog}) as products. The query gives one row per attribute of
 * a product (or one row without attribute), with the bridge's {@code sync_state} columns, ordered by Sku; each row is
 * read as text by column name (as System2 holds it, whatever the column types), and the rows of one Sku make one
 * {@link CatalogProduct}. The sql endpoint takes this class as its {@code rowMapperFactory} (by class, not as a bean:
 * a registry bean of this type would be autowired into every sql endpoint); the route splits the rows with
 * {@link #products(Iterator)}.
 */
public final class CatalogRows implements RowMapperFactory {

    /** One row of the catalog query. */
    public record Row(String sku, Map<String, String> columns, String attributeName, String attributeValue,
                      SyncState state) {
    }

    @Override
    public RowMapper<?> newColumnRowMapper() {
        return new Mapper();
    }

    @Override
    public RowMapper<?> newBeanRowMapper(Class<?> type) {
        throw new UnsupportedOperationException("the catalog rows have no bean class");
    }

    /** The products, one at a time, as the rows come (the rows of one Sku are neighbours). */
    public Iterator<CatalogProduct> products(Iterator<Row> rows) {
        return new Products(rows);
    }

    /** The optional column of a profile's own price (product_profiles.retail_price), and the field it replaces. */
    static final String PROFILE_PRICE = "profile_retail_price";
    private static final String PROFILE_PRICE_OF = "retail_price";

    /** Reads a row by column name; the positions are looked up once, on the first row of the query. */
    private static final class Mapper implements RowMapper<Row> {
        private int sku;
        private int[] columns;
        private int quantity;
        private int attributeName;
        private int attributeValue;
        private int caProductId;
        private int contentHash;
        private int sentValues;
        private int state;
        private int syncedAt;
        /** 0: the query gives no profile price. */
        private int profilePrice;

        @Override
        public Row mapRow(ResultSet rs, int rowNum) throws SQLException {
            if (columns == null) {
                locate(rs.getMetaData());
            }
            String productSku = rs.getString(sku);
            Map<String, String> values = new LinkedHashMap<>(32);
            for (int i = 0; i < columns.length; i++) {
                values.put(ProductFields.COLUMNS.get(i)[0], rs.getString(columns[i]));
            }
            values.put("quantity", rs.getString(quantity));
            if (profilePrice > 0) {
                // the profile's own price (product_profiles) in place of the product's, when its row sets one
                String own = rs.getString(profilePrice);
                if (own != null) {
                    values.put(PROFILE_PRICE_OF, own);
                }
            }
            SyncState syncState = null;
            String recorded = rs.getString(state);
            if (recorded != null) {
                long id = rs.getLong(caProductId);
                Long caId = rs.wasNull() ? null : id;
                Timestamp synced = rs.getTimestamp(syncedAt);
                syncState = new SyncState(productSku, caId, rs.getString(contentHash), rs.getString(sentValues),
                        recorded, synced == null ? 0 : synced.getTime());
            }
            return new Row(productSku, values, rs.getString(attributeName), rs.getString(attributeValue), syncState);
        }

        private void locate(ResultSetMetaData meta) throws SQLException {
            Map<String, Integer> at = new HashMap<>();
            for (int i = meta.getColumnCount(); i >= 1; i--) {
                at.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), i);
            }
            sku = position(at, "sku");
            int[] found = new int[ProductFields.COLUMNS.size()];
            for (int i = 0; i < found.length; i++) {
                found[i] = position(at, ProductFields.COLUMNS.get(i)[0]);
            }
            quantity = position(at, "quantity");
            attributeName = position(at, "attribute_name");
            attributeValue = position(at, "attribute_value");
            caProductId = position(at, "ca_product_id");
            contentHash = position(at, "content_hash");
            sentValues = position(at, "sent_values");
            state = position(at, "state");
            syncedAt = position(at, "synced_at");
            profilePrice = at.getOrDefault(PROFILE_PRICE, 0);
            columns = found;
        }

        private static int position(Map<String, Integer> at, String label) {
            Integer index = at.get(label);
            if (index == null) {
                throw new IllegalStateException("The catalog query (products.sql.catalog) gives no column " + label
                        + "; it must keep the columns of the shipped query.");
            }
            return index;
        }
    }

    /** Each product is put together in {@code hasNext()}, so that a failed read shows there, not halfway in next(). */
    private static final class Products implements Iterator<CatalogProduct> {
        private final Iterator<Row> rows;
        private boolean started;
        private Row ahead;
        private CatalogProduct ready;

        Products(Iterator<Row> rows) {
            this.rows = rows;
        }

        @Override
        public boolean hasNext() {
            if (ready == null) {
                ready = assemble();
            }
            return ready != null;
        }

        @Override
        public CatalogProduct next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            CatalogProduct product = ready;
            ready = null;
            return product;
        }

        /** The next product from its rows (one per attribute, neighbours by Sku); null after the last. */
        private CatalogProduct assemble() {
            if (!started) {
                started = true;
                ahead = rows.hasNext() ? rows.next() : null;
            }
            if (ahead == null) {
                return null;
            }
            Row first = ahead;
            TreeMap<String, String> attributes = new TreeMap<>();
            Row row = first;
            do {
                if (row.attributeName() != null) {
                    attributes.put(row.attributeName(), Objects.requireNonNullElse(row.attributeValue(), ""));
                }
                row = rows.hasNext() ? rows.next() : null;
            } while (row != null && first.sku() != null && first.sku().equals(row.sku()));
            ahead = row;
            return new CatalogProduct(first.sku(), first.columns(), attributes, first.state());
        }
    }
}
