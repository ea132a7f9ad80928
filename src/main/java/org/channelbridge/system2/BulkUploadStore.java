package org.channelbridge.system2;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The bulk flow's records in System2: one {@code bulk_uploads} row per uploaded inventory file (UPLOADED until
 * ChannelAdvisor reports it, then PROCESSED or FAILED; PENDING before, while a written file could not be sent because
 * the FTP server was down or refused the login: the same row turns UPLOADED once the file goes), and the {@code sync_state} rows of the products of a processed
 * file, written in JDBC batches (update, then insert where nothing was updated: portable across the three databases).
 * The store of {@link #forProfile one profile} reads and writes that profile's rows only (each profile sends its own
 * files); the store made without one names no profile (its rows take the table's default, the first profile).
 */
public final class BulkUploadStore {

    public static final String UPLOADED = "UPLOADED";
    public static final String PROCESSED = "PROCESSED";
    public static final String FAILED = "FAILED";
    /** Written and kept in the work folder, not sent yet: its upload failed for the transport's sake. */
    public static final String PENDING = "PENDING";

    /**
     * A file waiting for ChannelAdvisor's word; {@code token} is ProductUpload's, null for a file sent by FTP;
     * {@code uploadedAt} when it went.
     */
    public record Upload(long id, String fileName, int rows, String contentHash, String token, Instant uploadedAt) {
    }

    /** What {@code sync_state} gets for one product of a processed file. */
    public record Accepted(String sku, String contentHash, String sentValues) {
    }

    private final DataSource dataSource;
    /** Null: no profile named. */
    private final Long profileId;

    public BulkUploadStore(DataSource dataSource) {
        this(dataSource, null);
    }

    private BulkUploadStore(DataSource dataSource, Long profileId) {
        this.dataSource = dataSource;
        this.profileId = profileId;
    }

    /** The same store for the files (and sync_state rows) of one ChannelAdvisor profile. */
    public BulkUploadStore forProfile(long profileId) {
        return new BulkUploadStore(dataSource, profileId);
    }

    /** Records an upload; returns its id. */
    public long record(String fileName, int rows, String contentHash, String status, String error) {
        return record(fileName, rows, contentHash, status, error, "ftp", null);
    }

    /** Records an upload by {@code transport} ({@code ftp}, {@code product-upload} with its token); returns its id. */
    public long record(String fileName, int rows, String contentHash, String status, String error, String transport,
                       String token) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("insert into bulk_uploads (file_name, rows_count,"
                     + " content_hash, status, uploaded_at, error, transport, upload_token"
                     + (profileId == null ? ")" : ", profile_id)")
                     + " values (?, ?, ?, ?, ?, ?, ?, ?" + (profileId == null ? ")" : ", ?)"),
                     Statement.RETURN_GENERATED_KEYS)) {
            inProfile(insert, 9);
            insert.setString(7, transport);
            insert.setString(8, token);
            insert.setString(1, fileName);
            insert.setInt(2, rows);
            insert.setString(3, contentHash);
            insert.setString(4, status);
            insert.setTimestamp(5, Timestamp.from(Instant.now()));
            insert.setString(6, shortened(error));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : -1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record the upload of " + fileName + " in bulk_uploads: "
                    + e.getMessage(), e);
        }
    }

    /** Uploaded files ChannelAdvisor has not reported on yet, oldest first. */
    public List<Upload> waiting() {
        return withStatus(UPLOADED);
    }

    /** Written files not sent yet (PENDING), oldest first: they go before any new file is written. */
    public List<Upload> pending() {
        return withStatus(PENDING);
    }

    private List<Upload> withStatus(String status) {
        List<Upload> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("select id, file_name, rows_count, content_hash,"
                     + " upload_token, uploaded_at from bulk_uploads where status = ?" + ofProfile() + " order by id")) {
            select.setString(1, status);
            inProfile(select, 2);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(new Upload(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                            rs.getString(5), rs.getTimestamp(6).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read bulk_uploads: " + e.getMessage(), e);
        }
        return found;
    }

    /**
     * A file whose upload failed for the transport's sake: its PENDING row gets the latest reason, or is made.
     * Returns whether the row existed already (the file was tried before).
     */
    public boolean keepPending(String fileName, int rows, String contentHash, String error) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement update = c.prepareStatement(
                     "update bulk_uploads set error = ? where file_name = ? and status = ?" + ofProfile())) {
            update.setString(1, shortened(error));
            update.setString(2, fileName);
            update.setString(3, PENDING);
            inProfile(update, 4);
            if (update.executeUpdate() > 0) {
                return true;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot update bulk_uploads: " + e.getMessage(), e);
        }
        record(fileName, rows, contentHash, PENDING, error);
        return false;
    }

    /**
     * A file went: its PENDING row turns {@code status} (UPLOADED, uploaded now by {@code transport} with
     * {@code token}); a file with no PENDING row gets a row of its own. Returns the row's id.
     */
    public long sent(String fileName, int rows, String contentHash, String status, String transport, String token) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement update = c.prepareStatement("update bulk_uploads set status = ?, uploaded_at = ?,"
                     + " error = null, transport = ?, upload_token = ? where file_name = ? and status = ?" + ofProfile())) {
            update.setString(1, status);
            update.setTimestamp(2, Timestamp.from(Instant.now()));
            update.setString(3, transport);
            update.setString(4, token);
            update.setString(5, fileName);
            update.setString(6, PENDING);
            inProfile(update, 7);
            if (update.executeUpdate() > 0) {
                return -1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot update bulk_uploads: " + e.getMessage(), e);
        }
        return record(fileName, rows, contentHash, status, null, transport, token);
    }

    /** Ends the PENDING row of {@code fileName}, if it has one, as {@code status} with why; returns whether it had. */
    public boolean endPending(String fileName, String status, String error) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement update = c.prepareStatement("update bulk_uploads set status = ?, processed_at = ?,"
                     + " error = ? where file_name = ? and status = ?" + ofProfile())) {
            update.setString(1, status);
            update.setTimestamp(2, Timestamp.from(Instant.now()));
            update.setString(3, shortened(error));
            update.setString(4, fileName);
            update.setString(5, PENDING);
            inProfile(update, 6);
            return update.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot update bulk_uploads: " + e.getMessage(), e);
        }
    }

    /**
     * Files that went to ChannelAdvisor by {@code transport} since {@code since} (its hourly file limit, which is a
     * profile's).
     */
    public int sentSince(String transport, Instant since) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement count = c.prepareStatement("select count(*) from bulk_uploads where transport = ?"
                     + " and uploaded_at >= ? and upload_token is not null" + ofProfile())) {
            count.setString(1, transport);
            count.setTimestamp(2, Timestamp.from(since));
            inProfile(count, 3);
            try (ResultSet rs = count.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read bulk_uploads: " + e.getMessage(), e);
        }
    }

    /** ChannelAdvisor's word on a file: PROCESSED (possibly with some rows refused) or FAILED with why. */
    public void settle(long id, String status, String error) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement update = c.prepareStatement(
                     "update bulk_uploads set status = ?, processed_at = ?, error = ? where id = ?")) {
            update.setString(1, status);
            update.setTimestamp(2, Timestamp.from(Instant.now()));
            update.setString(3, shortened(error));
            update.setLong(4, id);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot update bulk_uploads: " + e.getMessage(), e);
        }
    }

    /**
     * Records in {@code sync_state} that ChannelAdvisor holds these values. A file does not tell ChannelAdvisor's
     * product IDs: a known ID is kept, a new product's stays empty (the API path looks the Sku up when it needs it).
     */
    public void recordAccepted(List<Accepted> products) {
        if (products.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement update = c.prepareStatement("update sync_state set content_hash = ?,"
                    + " sent_values = ?, state = 'SYNCED', synced_at = ? where sku = ?" + ofProfile());
                 PreparedStatement insert = c.prepareStatement("insert into sync_state (sku, content_hash,"
                         + " sent_values, state, synced_at" + (profileId == null ? ")" : ", profile_id)")
                         + " values (?, ?, ?, 'SYNCED', ?" + (profileId == null ? ")" : ", ?)"))) {
                for (Accepted p : products) {
                    update.setString(1, p.contentHash());
                    update.setString(2, p.sentValues());
                    update.setTimestamp(3, now);
                    update.setString(4, p.sku());
                    inProfile(update, 5);
                    update.addBatch();
                }
                int[] counts = update.executeBatch();
                boolean inserts = false;
                for (int i = 0; i < counts.length; i++) {
                    // some drivers (MariaDB's bulk mode) answer "done, count unknown": then look for the row
                    if (counts[i] == 0 || counts[i] == Statement.SUCCESS_NO_INFO && !exists(c, products.get(i).sku())) {
                        Accepted p = products.get(i);
                        insert.setString(1, p.sku());
                        insert.setString(2, p.contentHash());
                        insert.setString(3, p.sentValues());
                        insert.setTimestamp(4, now);
                        inProfile(insert, 5);
                        insert.addBatch();
                        inserts = true;
                    }
                }
                if (inserts) {
                    insert.executeBatch();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record in sync_state what ChannelAdvisor processed: "
                    + e.getMessage(), e);
        }
    }

    private boolean exists(Connection c, String sku) throws SQLException {
        try (PreparedStatement find = c.prepareStatement("select 1 from sync_state where sku = ?" + ofProfile())) {
            find.setString(1, sku);
            inProfile(find, 2);
            try (ResultSet rs = find.executeQuery()) {
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

    private static String shortened(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
    }
}
