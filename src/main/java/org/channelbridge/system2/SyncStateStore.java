package org.channelbridge.system2;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;

/**
 * Writes {@code sync_state}: the intent before a create (CREATING, no ID yet) or an update (SENDING), and what
 * ChannelAdvisor accepted. Update-then-insert keeps it portable across H2, PostgreSQL and MariaDB. A row is keyed by
 * (Sku, profile): the store of {@link #forProfile one profile} reads and writes that profile's rows only; the store
 * made without one names no profile (its rows take the table's default, the first configured profile).
 */
public final class SyncStateStore {

    private final DataSource dataSource;
    /** Null: no profile named. */
    private final Long profileId;

    public SyncStateStore(DataSource dataSource) {
        this(dataSource, null);
    }

    private SyncStateStore(DataSource dataSource, Long profileId) {
        this.dataSource = dataSource;
        this.profileId = profileId;
    }

    /** The same store for the rows of one ChannelAdvisor profile. */
    public SyncStateStore forProfile(long profileId) {
        return new SyncStateStore(dataSource, profileId);
    }

    /** Records, before the POST goes out, that these Skus are being created; keeps rows that already say so. */
    public void markCreating(Collection<String> skus) {
        if (skus.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement(profileId == null
                     ? "insert into sync_state (sku, state, synced_at) values (?, 'CREATING', ?)"
                     : "insert into sync_state (sku, state, synced_at, profile_id) values (?, 'CREATING', ?, ?)")) {
            // a Sku that already has a row is either CREATING already or known to ChannelAdvisor
            Timestamp now = Timestamp.from(Instant.now());
            for (String sku : skus) {
                if (!exists(c, sku)) {
                    insert.setString(1, sku);
                    insert.setTimestamp(2, now);
                    inProfile(insert, 3);
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record the create intent in sync_state: " + e.getMessage(), e);
        }
    }

    /**
     * Records, before an update goes out, that ChannelAdvisor may soon hold other values than the recorded ones: a
     * crash before the answer is recorded leaves the row SENDING, and the next cycle sends the product whole instead
     * of trusting the recorded values (which System2 may meanwhile hold again). Rows of creates stay CREATING.
     */
    public void markSending(Collection<String> skus) {
        if (skus.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement update = c.prepareStatement(
                     "update sync_state set state = 'SENDING' where sku = ? and state = 'SYNCED'" + ofProfile())) {
            for (String sku : skus) {
                update.setString(1, sku);
                inProfile(update, 2);
                update.addBatch();
            }
            update.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record the update intent in sync_state: " + e.getMessage(), e);
        }
    }

    /**
     * What ChannelAdvisor accepted for {@code sku}: its ID, the hash and values now held there. {@code settled} is
     * false while parts sent are still unanswered (failed for now): the row stays SENDING until they are.
     */
    public void recordAccepted(String sku, long caProductId, String contentHash, String sentValues, boolean settled) {
        Timestamp now = Timestamp.from(Instant.now());
        String state = settled ? SyncState.SYNCED : SyncState.SENDING;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement update = c.prepareStatement("update sync_state set ca_product_id = ?,"
                    + " content_hash = ?, sent_values = ?, state = ?, synced_at = ? where sku = ?" + ofProfile())) {
                update.setLong(1, caProductId);
                update.setString(2, contentHash);
                update.setString(3, sentValues);
                update.setString(4, state);
                update.setTimestamp(5, now);
                update.setString(6, sku);
                inProfile(update, 7);
                if (update.executeUpdate() > 0) {
                    return;
                }
            }
            try (PreparedStatement insert = c.prepareStatement(profileId == null
                    ? "insert into sync_state (sku, ca_product_id, content_hash, sent_values, state, synced_at)"
                            + " values (?, ?, ?, ?, ?, ?)"
                    : "insert into sync_state (sku, ca_product_id, content_hash, sent_values, state, synced_at,"
                            + " profile_id) values (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, sku);
                insert.setLong(2, caProductId);
                insert.setString(3, contentHash);
                insert.setString(4, sentValues);
                insert.setString(5, state);
                insert.setTimestamp(6, now);
                inProfile(insert, 7);
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record in sync_state what ChannelAdvisor accepted for Sku "
                    + sku + ": " + e.getMessage(), e);
        }
    }

    private boolean exists(Connection c, String sku) throws SQLException {
        try (PreparedStatement find = c.prepareStatement("select 1 from sync_state where sku = ?" + ofProfile())) {
            find.setString(1, sku);
            inProfile(find, 2);
            try (var rs = find.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The condition on the profile, when this store names one (its value bound by {@link #inProfile}). */
    private String ofProfile() {
        return profileId == null ? "" : " and profile_id = ?";
    }

    private void inProfile(PreparedStatement statement, int index) throws SQLException {
        if (profileId != null) {
            statement.setLong(index, profileId);
        }
    }
}
