package org.channelbridge.system2.drop;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Products of a drop file into System2's {@code products} table: insert or update by Sku, in JDBC batches committed
 * as they go, so that a file of a million rows is never held whole. Loading a file again (after a crash) writes the
 * same values again, which the products flow's delta then finds unchanged. Only the file's columns are written.
 */
final class ProductUpserts implements DropFileReader.RowSink, AutoCloseable {

    private final Connection connection;
    private final String vendor;
    private PreparedStatement statement;
    private List<String> columns;
    private final DropReport report;
    private final int batchSize;
    private int pending;

    ProductUpserts(Connection connection, String vendor, DropReport report, int batchSize) throws SQLException {
        this.connection = connection;
        this.vendor = vendor;
        this.report = report;
        this.batchSize = batchSize;
        connection.setAutoCommit(false);
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
        if (statement == null) {
            // every row of a file has the file's columns
            columns = new ArrayList<>(row.values().keySet());
            statement = connection.prepareStatement(upsert(vendor, columns));
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

    void flush() throws SQLException {
        if (pending > 0) {
            statement.executeBatch();
            connection.commit();
            pending = 0;
        }
    }

    @Override
    public void close() throws SQLException {
        if (statement != null) {
            statement.close();
        }
    }
}
