package org.channelbridge.ops.monitor;

import org.channelbridge.config.ConfigurationException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A flow's backlog count query of config ({@code ops.backlog.<flow>}) as one profile asks it. The query names the
 * profile as the System2 queries of the flows do: {@code :#profile} (the profile's id), {@code :#scope} (the id its
 * own records are kept under: the profile's id with {@code channeladvisor.profiles}, 0 with the single-profile keys)
 * and {@code :#firstProfileId} (the first profile's id: the profile of a row that names none). A query that names none
 * counts System2 as a whole.
 */
final class BacklogQuery {

    /** The names a backlog query may use. */
    static final List<String> PARAMETERS = List.of("profile", "scope", "firstProfileId");

    private static final Pattern NAMED = Pattern.compile(":#([A-Za-z_][A-Za-z0-9_]*)");

    private final String sql;
    private final List<Long> values;

    private BacklogQuery(String sql, List<Long> values) {
        this.sql = sql;
        this.values = values;
    }

    /** {@code values}: each of {@link #PARAMETERS} → its value for the profile. */
    static BacklogQuery of(String flow, String query, Map<String, Long> values) {
        Matcher named = NAMED.matcher(query);
        StringBuilder sql = new StringBuilder();
        List<Long> bound = new ArrayList<>();
        while (named.find()) {
            Long value = values.get(named.group(1));
            if (value == null) {
                throw new ConfigurationException("ops.backlog." + flow + " names :#" + named.group(1)
                        + ", which a backlog query cannot use (it may name :#profile, :#scope and :#firstProfileId).");
            }
            bound.add(value);
            named.appendReplacement(sql, "?");
        }
        named.appendTail(sql);
        return new BacklogQuery(sql.toString(), List.copyOf(bound));
    }

    long count(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                statement.setLong(i + 1, values.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }
}
