package org.channelbridge.system2;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads query results as maps keyed by lower-case column names, the shape the sql component gives the routes, so
 * that a row reads the same in YAML, in Java and in a dead letter on H2, PostgreSQL and MariaDB.
 */
final class RowReader {

    private RowReader() {
    }

    static List<Map<String, Object>> list(PreparedStatement ps) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    static void bind(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                ps.setNull(i + 1, Types.VARCHAR);
            } else {
                ps.setObject(i + 1, values[i]);
            }
        }
    }

    /** Error columns hold 2,000 characters. */
    static String cut(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
    }
}
