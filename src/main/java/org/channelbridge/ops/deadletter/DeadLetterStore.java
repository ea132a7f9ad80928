package org.channelbridge.ops.deadletter;

import org.channelbridge.ops.FailureSentence;
import org.channelbridge.progress.FlowStats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one dead-letter store shared by all flows (table {@code dead_letters}). A new failure of a key that already
 * has an open dead letter updates that row instead of adding a second one. A dead letter is {@code OPEN}, then
 * {@code REPLAYED} while a replay runs, {@code RESOLVED} when the replay went through without a new failure (a new
 * failure makes it {@code OPEN} again), or {@code DISCARDED} by a person.
 * <p>
 * A dead letter belongs to a ChannelAdvisor profile, part of its key: the same business key in two profiles is two
 * dead letters. An item route names its profile with the exchange property {@value #PROFILE} (the profile id); the
 * store's view {@link #forProfile} works in one profile. Without either, the store works as before profiles were
 * stored: it finds an open dead letter of the key whatever its profile, and a new one takes the table's default (the
 * first configured profile).
 */
public final class DeadLetterStore {

    /** Exchange properties a flow sets so that its dead-letter channel can name what failed. */
    public static final String FLOW = "bridgeFlow";
    public static final String BUSINESS_KEY = "bridgeBusinessKey";
    public static final String HTTP_STATUS = "bridgeHttpStatus";
    /** The ChannelAdvisor profile id (a number) of the item, for a flow that runs once per profile. */
    public static final String PROFILE = "bridgeProfileId";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterStore.class);
    private static final long OPEN_KEYS_FRESH_NANOS = Duration.ofSeconds(5).toNanos();
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final DataSource dataSource;
    private final FlowStats stats;
    private final Map<String, OpenKeys> openKeys = new ConcurrentHashMap<>();
    /** Null: no profile named. */
    private final Long profileId;
    /** One view per profile, so that a profile's failures of one key are recorded one at a time. */
    private final Map<Long, DeadLetterStore> views;

    public DeadLetterStore(DataSource dataSource, FlowStats stats) {
        this(dataSource, stats, null, new ConcurrentHashMap<>());
    }

    private DeadLetterStore(DataSource dataSource, FlowStats stats, Long profileId, Map<Long, DeadLetterStore> views) {
        this.dataSource = dataSource;
        this.stats = stats;
        this.profileId = profileId;
        this.views = views;
    }

    /** The store as one ChannelAdvisor profile sees it: its dead letters only, and new ones in it. */
    public DeadLetterStore forProfile(long profileId) {
        // its failures count in the profile's own flow counters
        return views.computeIfAbsent(profileId, id -> new DeadLetterStore(dataSource, stats.forProfile(id), id, views));
    }

    /** The view of the exchange's profile ({@value #PROFILE}), or this store when the exchange names none (or 0). */
    private DeadLetterStore of(Exchange exchange) {
        Long profile = exchange.getProperty(PROFILE, Long.class);
        return profile == null || profile == 0 ? this : forProfile(profile);
    }

    /**
     * The dead-letter channel of every flow ends here: records the failed item and logs one readable line. A known
     * failure is not news: an item that fails again the same way while its dead letter is open adds an attempt to it,
     * is counted as held back in the cycle line, and is logged at DEBUG only.
     */
    public void store(Exchange exchange) {
        DeadLetterStore store = of(exchange);
        if (store != this) {
            store.store(exchange);
            return;
        }
        String flow = exchange.getProperty(FLOW, "unknown", String.class);
        String key = exchange.getProperty(BUSINESS_KEY, "?", String.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = cause == null ? "failed without an exception" : FailureSentence.of(cause);
        Integer status = exchange.getProperty(HTTP_STATUS, Integer.class);
        if (status == null && cause != null) {
            status = FailureSentence.httpStatusOf(cause);
        }
        if (failed(flow, key, itemJson(exchange.getMessage().getBody()), status, reason).repeated()) {
            LOG.debug("{} {} failed again as its open dead letter says: {}", flow, key, reason);
        } else {
            LOG.warn("{} dead-lettered {}: {}", flow, key, reason);
        }
    }

    /**
     * True when the item must not go to ChannelAdvisor again: ChannelAdvisor refused it (a 4xx answer that no retry
     * changes), its dead letter is open and not being replayed, and System2 holds it as it was then. Counted as held
     * back. A replay, or a change of the item in System2, lets it go again.
     */
    public boolean holdsBack(String flow, String key, Object item) {
        if (!refusedKeys(flow).contains(key)) {
            return false;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select item, last_status from dead_letters where flow = ?"
                     + " and business_key = ? and state = 'OPEN'" + ofProfile())) {
            ps.setString(1, flow);
            ps.setString(2, key);
            inProfile(ps, 3);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int status = rs.getInt(2);
                    boolean refused = !rs.wasNull() && status >= 400 && status < 500
                            && status != 401 && status != 408 && status != 429;
                    if (refused && Objects.equals(rs.getString(1), itemJson(item))) {
                        stats.heldBack(flow);
                        return true;
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the dead letters of " + flow + " " + key + " from System2: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Keys of the flow's open dead letters, read at most every few seconds: a cycle of a million changed products asks
     * System2 once, not a million times. A dead letter newer than the reading holds its item back from the next one on.
     */
    private Set<String> refusedKeys(String flow) {
        OpenKeys known = openKeys.get(flow);
        long now = System.nanoTime();
        if (known != null && now - known.at() < OPEN_KEYS_FRESH_NANOS) {
            return known.keys();
        }
        Set<String> keys = new HashSet<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select business_key from dead_letters where flow = ?"
                     + " and state = 'OPEN' and last_status >= 400 and last_status < 500" + ofProfile())) {
            ps.setString(1, flow);
            inProfile(ps, 2);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the dead letters of " + flow + " from System2: "
                    + e.getMessage(), e);
        }
        openKeys.put(flow, new OpenKeys(keys, now));
        return keys;
    }

    private record OpenKeys(Set<String> keys, long at) {
    }

    /** {@link #holdsBack(String, String, Object)} for the item a flow's item route carries (bridgeFlow, bridgeBusinessKey). */
    public boolean holdsBack(Exchange exchange) {
        return of(exchange).holdsBack(exchange.getProperty(FLOW, "unknown", String.class),
                exchange.getProperty(BUSINESS_KEY, "?", String.class), exchange.getMessage().getBody());
    }

    public long record(String flow, String key, String item, Integer status, String message) {
        return failed(flow, key, item, status, message).id();
    }

    /** A failure recorded: the dead letter's id, and whether its open dead letter already said the same. */
    private record Failure(long id, boolean repeated) {
    }

    private synchronized Failure failed(String flow, String key, String item, Integer status, String message) {
        Timestamp now = Timestamp.from(Instant.now());
        String shortMessage = message == null ? null : message.length() > 2000 ? message.substring(0, 2000) : message;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement find = c.prepareStatement(
                    "select id, state, message from dead_letters where flow = ? and business_key = ?"
                            + " and state in ('OPEN', 'REPLAYED')" + ofProfile()
                            + " order by id")) {
                find.setString(1, flow);
                find.setString(2, key);
                inProfile(find, 3);
                try (ResultSet rs = find.executeQuery()) {
                    if (rs.next()) {
                        long id = rs.getLong(1);
                        // a replay that fails is news to the person who asked for it, even the same way
                        boolean repeated = "OPEN".equals(rs.getString(2)) && Objects.equals(rs.getString(3), shortMessage);
                        try (PreparedStatement update = c.prepareStatement("update dead_letters set attempts = attempts + 1,"
                                + " last_status = ?, message = ?, item = ?, last_failed_at = ?, state = 'OPEN' where id = ?")) {
                            setStatus(update, 1, status);
                            update.setString(2, shortMessage);
                            update.setString(3, item);
                            update.setTimestamp(4, now);
                            update.setLong(5, id);
                            update.executeUpdate();
                        }
                        if (repeated) {
                            stats.heldBack(flow);
                        } else {
                            stats.deadLettered(flow);
                        }
                        return new Failure(id, repeated);
                    }
                }
            }
            try (PreparedStatement insert = c.prepareStatement(profileId == null
                    ? "insert into dead_letters (flow, business_key, item, attempts, last_status, message,"
                            + " first_failed_at, last_failed_at, state) values (?, ?, ?, 1, ?, ?, ?, ?, 'OPEN')"
                    : "insert into dead_letters (flow, business_key, item, attempts, last_status, message,"
                            + " first_failed_at, last_failed_at, state, profile_id)"
                            + " values (?, ?, ?, 1, ?, ?, ?, ?, 'OPEN', ?)",
                    new String[] {"id"})) {
                insert.setString(1, flow);
                insert.setString(2, key);
                insert.setString(3, item);
                setStatus(insert, 4, status);
                insert.setString(5, shortMessage);
                insert.setTimestamp(6, now);
                insert.setTimestamp(7, now);
                inProfile(insert, 8);
                insert.executeUpdate();
                stats.deadLettered(flow);
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    return new Failure(keys.next() ? keys.getLong(1) : -1, false);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record the dead letter of " + flow + " " + key
                    + " in System2: " + e.getMessage(), e);
        }
    }

    /** The sentence a person reads for a failure, as the store records it. */
    public String sentenceOf(Throwable failure) {
        return FailureSentence.of(failure);
    }

    /**
     * The dead letters of one flow (null: all flows), newest first; {@code openOnly} leaves out the settled ones. A
     * profile's view lists that profile's only.
     */
    public List<DeadLetter> list(String flow, boolean openOnly) {
        StringBuilder sql = new StringBuilder("select * from dead_letters where 1 = 1");
        List<Object> args = new ArrayList<>();
        if (flow != null) {
            sql.append(" and flow = ?");
            args.add(flow);
        }
        if (profileId != null) {
            sql.append(" and profile_id = ?");
            args.add(profileId);
        }
        if (openOnly) {
            sql.append(" and state in ('OPEN', 'REPLAYED')");
        }
        sql.append(" order by id desc");
        return query(sql.toString(), args);
    }

    public Optional<DeadLetter> find(long id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select * from dead_letters where id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(DeadLetter.of(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read dead letter " + id + " from System2: " + e.getMessage(), e);
        }
    }

    /** Open dead letters per flow (of the view's profile). */
    public Map<String, Long> openCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select flow, count(*) from dead_letters"
                     + " where state in ('OPEN', 'REPLAYED')" + ofProfile() + " group by flow")) {
            inProfile(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count the open dead letters in System2: " + e.getMessage(), e);
        }
    }

    /** Marks a dead letter as being replayed; a failure of the replay makes it open again (see {@link #record}). */
    public void markReplayed(long id) {
        setState(id, "REPLAYED", "'OPEN', 'REPLAYED', 'RESOLVED'");
    }

    /** A replay that did not fail again settles the dead letter; true when it was still waiting for that. */
    public boolean resolveIfReplayed(long id) {
        return setState(id, "RESOLVED", "'REPLAYED'");
    }

    /** A person gave up on the item: it stays in the store for the record, out of the open list. */
    public boolean discard(long id) {
        boolean discarded = setState(id, "DISCARDED", "'OPEN', 'REPLAYED'");
        if (discarded) {
            LOG.info("dead letter {} discarded", id);
        }
        return discarded;
    }

    private boolean setState(long id, String state, String fromStates) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("update dead_letters set state = ? where id = ? and state in ("
                     + fromStates + ")")) {
            ps.setString(1, state);
            ps.setLong(2, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot change dead letter " + id + " in System2: " + e.getMessage(), e);
        }
    }

    private List<DeadLetter> query(String sql, List<Object> args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<DeadLetter> letters = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    letters.add(DeadLetter.of(rs));
                }
            }
            return letters;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the dead letters from System2: " + e.getMessage(), e);
        }
    }

    /** The condition on the profile, when this view names one (its value bound by {@link #inProfile}). */
    private String ofProfile() {
        return profileId == null ? "" : " and profile_id = ?";
    }

    private void inProfile(PreparedStatement ps, int index) throws SQLException {
        if (profileId != null) {
            ps.setLong(index, profileId);
        }
    }

    private static void setStatus(PreparedStatement ps, int index, Integer status) throws SQLException {
        if (status == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, status);
        }
    }

    private static String itemJson(Object body) {
        if (body == null) {
            return null;
        }
        if (body instanceof String s) {
            return s;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            return String.valueOf(body);
        }
    }
}
