package org.channelbridge.system2;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo System2's warehouse: for the embedded default only, it ships or cancels some of the orders the bridge
 * has imported and acknowledged, the way a retailer's system would, so that the shipments and refunds flows have
 * work. Most orders ship whole, some in part, some are cancelled.
 */
public final class DemoActivity {

    private static final Logger LOG = LoggerFactory.getLogger(DemoActivity.class);
    private static final String[][] CARRIERS = {{"UPS", "Ground"}, {"FedEx", "Home Delivery"}, {"USPS", "Priority Mail"}};

    private final DataSource dataSource;

    public DemoActivity(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Acts on up to {@code limit} acknowledged orders that have neither a shipment nor an adjustment yet. */
    public int actOnNewOrders(int limit) throws SQLException {
        List<long[]> orders = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select o.ca_order_id, o.profile_id from orders o"
                     + " where o.acked_at is not null"
                     + " and not exists (select 1 from shipments s where s.ca_order_id = o.ca_order_id)"
                     + " and not exists (select 1 from adjustments a where a.ca_order_id = o.ca_order_id)"
                     + " order by o.id")) {
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    orders.add(new long[] {rs.getLong(1), rs.getLong(2)});
                }
            }
            for (long[] order : orders) {
                act(c, order[0], order[1]);
            }
        }
        return orders.size();
    }

    private static void act(Connection c, long caOrderId, long profileId) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        int choice = (int) (caOrderId % 10);
        if (choice == 0) {
            try (PreparedStatement ps = c.prepareStatement("insert into adjustments (id, ca_order_id, kind, reason,"
                    + " status, created_at) values (?, ?, 'CANCEL', 'ItemNotAvailable', 'NEW', ?)")) {
                ps.setString(1, "DEMO-A" + caOrderId);
                ps.setLong(2, caOrderId);
                ps.setTimestamp(3, now);
                ps.executeUpdate();
            }
            LOG.info("demo System2: order {} cannot be fulfilled and is cancelled", caOrderId);
            return;
        }
        String[] carrier = CARRIERS[choice % CARRIERS.length];
        String shipment = "DEMO-S" + caOrderId;
        try (PreparedStatement ps = c.prepareStatement("insert into shipments (id, ca_order_id, profile_id, carrier,"
                + " shipping_class, tracking_number, shipped_at, distribution_center_id, status, created_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, 0, 'NEW', ?)")) {
            ps.setString(1, shipment);
            ps.setLong(2, caOrderId);
            ps.setLong(3, profileId);
            ps.setString(4, carrier[0]);
            ps.setString(5, carrier[1]);
            ps.setString(6, "1Z" + (100_000_000L + caOrderId));
            ps.setTimestamp(7, now);
            ps.setTimestamp(8, now);
            ps.executeUpdate();
        }
        if (choice == 1) {
            // a partial shipment: one unit of the first item
            try (PreparedStatement ps = c.prepareStatement("insert into shipment_items (shipment_id, ca_order_item_id,"
                    + " quantity) select ?, min(i.ca_order_item_id), 1 from order_items i join orders o on o.id = i.order_id"
                    + " where o.ca_order_id = ?")) {
                ps.setString(1, shipment);
                ps.setLong(2, caOrderId);
                ps.executeUpdate();
            }
            LOG.info("demo System2: order {} ships in part ({} {})", caOrderId, carrier[0], carrier[1]);
        } else {
            LOG.info("demo System2: order {} ships ({} {})", caOrderId, carrier[0], carrier[1]);
        }
    }
}
