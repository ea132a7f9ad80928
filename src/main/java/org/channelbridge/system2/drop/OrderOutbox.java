package org.channelbridge.system2.drop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The orders of the file-drop System2: each saved order becomes one JSON file in the outbox ({@code
 * order-<ChannelAdvisor id>.json}: the order's System2 columns and its {@code items}), written under a hidden
 * temporary name, forced to disk and renamed, then marked {@code outbox_written_at}. Only a marked order may be
 * acknowledged; an order saved before a crash is written by the next acks cycle. With several ChannelAdvisor
 * profiles each profile's orders go to its own folder of the outbox ({@code <outbox>/uk/order-<id>.json},
 * {@link DropProfiles}), since two profiles may have orders of the same id. With the JDBC form it does nothing.
 */
public final class OrderOutbox {

    private static final Logger LOG = LoggerFactory.getLogger(OrderOutbox.class);

    private final DataSource dataSource;
    private final Path outbox;
    private final boolean enabled;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final DropProfiles profiles;

    public OrderOutbox(DataSource dataSource, Path outbox, boolean enabled, DropProfiles profiles) {
        this.dataSource = dataSource;
        this.profiles = profiles;
        this.outbox = outbox;
        this.enabled = enabled;
    }

    /** Whether the acks flow must wait for an order's file (the file form). */
    public boolean required() {
        return enabled;
    }

    /** Writes the file of the saved order with this ChannelAdvisor id unless it is written already. */
    public void write(long profileId, long caOrderId) throws SQLException, IOException {
        if (enabled) {
            writeWhere("profile_id = ? and ca_order_id = ? and outbox_written_at is null", profileId, caOrderId);
        }
    }

    /** Writes every saved order of the profile whose file is missing (after a crash between save and write). */
    public void writePending(long profileId) throws SQLException, IOException {
        if (enabled) {
            int written = writeWhere("profile_id = ? and outbox_written_at is null", profileId);
            if (written > 0) {
                LOG.info("orders: {} saved order(s) written to the outbox late", written);
            }
        }
    }

    private int writeWhere(String where, Object... values) throws SQLException, IOException {
        int written = 0;
        try (Connection c = dataSource.getConnection()) {
            for (Map<String, Object> order : rows(c, "select * from orders where " + where + " order by id", values)) {
                long id = ((Number) order.get("id")).longValue();
                // the bridge's own bookkeeping is not part of the order
                order.remove("acked_at");
                order.remove("outbox_written_at");
                order.put("items", rows(c, "select * from order_items where order_id = ? order by id", id));
                long profile = ((Number) order.get("profile_id")).longValue();
                writeFile(outbox.resolve(profiles.folderOf(profile)), "order-" + order.get("ca_order_id") + ".json",
                        order);
                try (PreparedStatement ps = c.prepareStatement("update orders set outbox_written_at = ? where id = ?")) {
                    ps.setTimestamp(1, Timestamp.from(Instant.now()));
                    ps.setLong(2, id);
                    ps.executeUpdate();
                }
                written++;
            }
        }
        return written;
    }

    private void writeFile(Path folder, String name, Map<String, Object> order) throws IOException {
        Files.createDirectories(folder);
        Path temporary = folder.resolve("." + name + ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            json.writeValue(out, order);
        }
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temporary, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static List<Map<String, Object>> rows(Connection c, String sql, Object... values) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        Object value = rs.getObject(i);
                        row.put(meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT),
                                value instanceof Timestamp t ? t.toInstant().toString() : value);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }
}
