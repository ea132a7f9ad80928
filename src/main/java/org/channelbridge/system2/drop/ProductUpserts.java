package org.channelbridge.system2.drop;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Products of a drop file into System2's {@code products} table: insert or update by Sku, in JDBC batches committed
 * as they go, so that a file of a million rows is never held whole. Loading a file again (after a crash) writes the
 * same values again, which the products flow's delta then finds unchanged. Only the file's columns are written.
 * <p>
 * A file with the column {@code profile} also says which ChannelAdvisor profiles each product goes to, in
 * {@code product_profiles}: a row's profiles get a row there (a per-profile price already there is kept), the bridge's
 * other profiles lose theirs; an empty cell removes them all (the product goes to every profile).
 */
final class ProductUpserts implements DropFileReader.RowSink, AutoCloseable {

    private final Connection connection;
    private final String vendor;
    private PreparedStatement statement;
    private List<String> columns;
    private final DropReport report;
    private final int batchSize;
    private final DropProfiles profiles;
    private PreparedStatement joins;
    private PreparedStatement leaves;
    private int pending;

    ProductUpserts(Connection connection, String vendor, DropReport report, int batchSize, DropProfiles profiles)
            throws SQLException {
        this.connection = connection;
        this.vendor = vendor;
        this.report = report;
        this.batchSize = batchSize;
        this.profiles = profiles;
        connection.setAutoCommit(false);
    }

    /** A product joins a profile: a row in product_profiles unless there is one (its price stays). */
    static String profileJoin(String vendor) {
        return switch (vendor) {
            case "h2" -> "merge into product_profiles (sku, profile_id) key (sku, profile_id) values (?, ?)";
            case "postgresql" -> "insert into product_profiles (sku, profile_id) values (?, ?)"
                    + " on conflict (sku, profile_id) do nothing";
            default -> "insert into product_profiles (sku, profile_id) values (?, ?)"
                    + " on duplicate key update profile_id = profile_id";
        };
    }

    /** Column names come from {@link DropKind}, never from the file. */
    static String upsert(String vendor, List<String> columns) {
        String names = String.join(", ", columns) + ", updated_at";
        String marks = columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ", current_timestamp";
        List<String> others = columns.stream().filter(c -> !c.equals("sku")).toList();
        return switch (vendor) {
            case "h2" -> "merge into products (" + names + ") key (sku) values (" + marks + ")";
            case "postgresql" -> "insert into products (" + names + ") values (" + marks + ") on conflict (sku) do update set "
                    + others.stream().map(c -> c + " = excluded." + c + ", ").collect(Collectors.joining())
                    + "updated_at = excluded.updated_at";
            default -> "insert into products (" + names + ") values (" + marks + ") on duplicate key update "
                    + others.stream().map(c -> c + " = values(" + c + "), ").collect(Collectors.joining())
                    + "updated_at = values(updated_at)";
        };
    }

    @Override
    public void accept(DropRow row) throws SQLException {
        boolean namesProfiles = row.values().containsKey(DropKind.PROFILE);
        // checked before anything of the row is written: a profile the bridge does not serve makes the row bad
        Set<Long> named = namesProfiles ? profilesOf(row.values().remove(DropKind.PROFILE)) : Set.of();
        if (statement == null) {
            // every row of a file has the file's columns
            columns = new ArrayList<>(row.values().keySet());
            statement = connection.prepareStatement(upsert(vendor, columns));
            if (namesProfiles) {
                joins = connection.prepareStatement(profileJoin(vendor));
                leaves = connection.prepareStatement("delete from product_profiles where sku = ? and profile_id = ?");
            }
        }
        if (namesProfiles) {
            for (long profile : profiles.ids()) {
                PreparedStatement change = named.contains(profile) ? joins : leaves;
                change.setObject(1, row.get("sku"));
                change.setLong(2, profile);
                change.addBatch();
            }
        }
        for (int i = 0; i < columns.size(); i++) {
            statement.setObject(i + 1, row.get(columns.get(i)));
        }
        statement.addBatch();
        report.loaded();
        if (++pending == batchSize) {
            flush();
        }
    }

    private Set<Long> profilesOf(Object cell) {
        return cell == null ? Set.of() : profiles.idsOf((String) cell);
    }

    void flush() throws SQLException {
        if (pending > 0) {
            statement.executeBatch();
            if (joins != null) {
                joins.executeBatch();
                leaves.executeBatch();
            }
            connection.commit();
            pending = 0;
        }
    }

    @Override
    public void close() throws SQLException {
        if (statement != null) {
            statement.close();
        }
        if (joins != null) {
            joins.close();
            leaves.close();
        }
    }
}
