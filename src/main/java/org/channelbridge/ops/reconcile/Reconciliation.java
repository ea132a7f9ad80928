package org.channelbridge.ops.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import org.channelbridge.channeladvisor.ChannelAdvisorClient;
import org.channelbridge.channeladvisor.ChannelAdvisorRejectedException;
import org.channelbridge.channeladvisor.ODataQuery;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares System2 with ChannelAdvisor for a time window: ready orders not saved, saved orders not acknowledged,
 * shipments without their fulfillment, adjustments not final, products out of sync (always the whole catalog).
 * Reads only; changes nothing.
 */
public final class Reconciliation {

    private final ChannelAdvisorClient client;
    private final DataSource dataSource;
    private final long profileId;
    private final String readyFilter;
    private final CatalogComparison products;
    private final boolean severalProfiles;

    public Reconciliation(ChannelAdvisorClient client, DataSource dataSource, long profileId, String readyFilter,
                          CatalogComparison products) {
        this(client, dataSource, profileId, readyFilter, products, false);
    }

    private Reconciliation(ChannelAdvisorClient client, DataSource dataSource, long profileId, String readyFilter,
                           CatalogComparison products, boolean severalProfiles) {
        this.client = client;
        this.dataSource = dataSource;
        this.profileId = profileId;
        this.readyFilter = readyFilter;
        this.products = products;
        this.severalProfiles = severalProfiles;
    }

    /**
     * The same for one of several profiles: a shipment or adjustment that names no profile is this profile's when its
     * order is (System2's orders), not every profile's, so that no profile looks for another's orders.
     */
    public Reconciliation amongSeveralProfiles() {
        return new Reconciliation(client, dataSource, profileId, readyFilter, products, true);
    }

    public List<Difference> run(Instant since) throws SQLException {
        List<Difference> differences = new ArrayList<>();
        differences.addAll(ordersNotSaved(since));
        differences.addAll(ordersNotAcknowledged(since));
        differences.addAll(shipmentsNotInChannelAdvisor(since));
        differences.addAll(adjustmentsNotFinal(since));
        // products are compared whole: what matters is what ChannelAdvisor holds now, whenever System2 changed it
        differences.addAll(products.compare());
        return differences;
    }

    private List<Difference> ordersNotSaved(Instant since) throws SQLException {
        Set<Long> saved = new HashSet<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select ca_order_id from orders where profile_id = ?")) {
            ps.setLong(1, profileId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    saved.add(rs.getLong(1));
                }
            }
        }
        String filter = readyFilter == null || readyFilter.isBlank() ? "" : "(" + readyFilter + ")";
        if (since != null) {
            filter = (filter.isEmpty() ? "" : filter + " and ") + "CreatedDateUtc ge " + since;
        }
        List<Difference> differences = new ArrayList<>();
        client.forEach(ODataQuery.of("Orders").param("exported", "false").filter(filter)
                .select("ID,SiteOrderID,CreatedDateUtc").toString(), order -> {
                    long id = order.path("ID").asLong();
                    if (!saved.contains(id)) {
                        differences.add(new Difference(Difference.Kind.ORDER_NOT_SAVED, String.valueOf(id),
                                "ChannelAdvisor order " + id + " (site order " + order.path("SiteOrderID").asText("")
                                        + ", created " + order.path("CreatedDateUtc").asText("") + ") is ready and"
                                        + " unexported, but System2 has not saved it."));
                    }
                });
        return differences;
    }

    private List<Difference> ordersNotAcknowledged(Instant since) throws SQLException {
        List<Difference> differences = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select ca_order_id, saved_at from orders where acked_at is null"
                     + " and profile_id = ? and saved_at >= ? order by ca_order_id")) {
            ps.setLong(1, profileId);
            ps.setTimestamp(2, from(since));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    differences.add(new Difference(Difference.Kind.ORDER_NOT_ACKNOWLEDGED, rs.getString(1),
                            "System2 saved order " + rs.getString(1) + " at " + rs.getTimestamp(2).toInstant()
                                    + "; it is not marked exported in ChannelAdvisor yet."));
                }
            }
        }
        return differences;
    }

    private List<Difference> shipmentsNotInChannelAdvisor(Instant since) throws SQLException {
        Map<Long, Map<String, String>> byOrder = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select id, ca_order_id, status from shipments"
                     + " where (profile_id = ? or profile_id is null" + (severalProfiles ? ORDER_OF_PROFILE : "")
                     + ") and created_at >= ? order by ca_order_id, id")) {
            int at = 1;
            ps.setLong(at++, profileId);
            if (severalProfiles) {
                ps.setLong(at++, profileId);
            }
            ps.setTimestamp(at, from(since));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byOrder.computeIfAbsent(rs.getLong(2), k -> new LinkedHashMap<>()).put(rs.getString(1), rs.getString(3));
                }
            }
        }
        List<Difference> differences = new ArrayList<>();
        for (Map.Entry<Long, Map<String, String>> order : byOrder.entrySet()) {
            Set<String> fulfilled = new HashSet<>();
            String missing = null;
            try {
                JsonNode fulfillments = client.get("/v1/Orders(" + order.getKey() + ")?$select=ID&$expand=Fulfillments");
                for (JsonNode f : fulfillments.path("Fulfillments")) {
                    fulfilled.add(f.path("SellerFulfillmentID").asText(""));
                }
            } catch (ChannelAdvisorRejectedException e) {
                if (e.status() != 404) {
                    throw e;
                }
                missing = "ChannelAdvisor has no order " + order.getKey() + ".";
            }
            for (Map.Entry<String, String> shipment : order.getValue().entrySet()) {
                if (!fulfilled.contains(shipment.getKey())) {
                    differences.add(new Difference(Difference.Kind.SHIPMENT_NOT_IN_CHANNELADVISOR, shipment.getKey(),
                            "Shipment " + shipment.getKey() + " of order " + order.getKey() + " (status "
                                    + shipment.getValue() + ") has no fulfillment with SellerFulfillmentID "
                                    + shipment.getKey() + " in ChannelAdvisor." + (missing == null ? "" : " " + missing)));
                }
            }
        }
        return differences;
    }

    private List<Difference> adjustmentsNotFinal(Instant since) throws SQLException {
        List<Difference> differences = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select id, ca_order_id, kind, status from adjustments"
                     + " where status not in ('COMPLETE', 'FAILED') and created_at >= ?"
                     + (severalProfiles ? " and (profile_id = ? or profile_id is null" + ORDER_OF_PROFILE + ")" : "")
                     + " order by id")) {
            ps.setTimestamp(1, from(since));
            if (severalProfiles) {
                ps.setLong(2, profileId);
                ps.setLong(3, profileId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    differences.add(new Difference(Difference.Kind.ADJUSTMENT_NOT_FINAL, rs.getString(1),
                            rs.getString(3) + " " + rs.getString(1) + " of order " + rs.getString(2) + " is "
                                    + rs.getString(4) + ", not COMPLETE or FAILED."));
                }
            }
        }
        return differences;
    }

    /** ANDed to {@code profile_id is null}: the row's order is one of the profile's (its id the next parameter). */
    private static final String ORDER_OF_PROFILE =
            " and ca_order_id in (select o.ca_order_id from orders o where o.profile_id = ?)";

    private static Timestamp from(Instant since) {
        return Timestamp.from(since == null ? Instant.EPOCH : since);
    }
}
