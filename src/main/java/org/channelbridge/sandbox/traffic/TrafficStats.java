package org.channelbridge.sandbox.traffic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.channelbridge.sandbox.odata.CaFormat;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * Requests by endpoint and status, with entity keys folded so that {@code Products(7)} and {@code Products(8)} add up;
 * and the requests admitted for each profile, by endpoint (who polls which profile's orders, say).
 */
public final class TrafficStats {
    private static final Pattern KEY = Pattern.compile("\\([^)]*\\)");
    private final Map<String, Map<Integer, LongAdder>> byEndpoint = new ConcurrentHashMap<>();
    private final Map<Long, Map<String, LongAdder>> byProfile = new ConcurrentHashMap<>();

    public void record(String method, String path, int status) {
        byEndpoint.computeIfAbsent(endpoint(method, path), k -> new ConcurrentHashMap<>())
                .computeIfAbsent(status, k -> new LongAdder()).increment();
    }

    /** A request admitted for the profile {@code profileId}. */
    public void recordAdmitted(long profileId, String method, String path) {
        byProfile.computeIfAbsent(profileId, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(endpoint(method, path), k -> new LongAdder()).increment();
    }

    /** Profile id → endpoint → requests admitted for it. */
    public ObjectNode byProfileJson() {
        ObjectNode doc = CaFormat.JSON.createObjectNode();
        new TreeMap<>(byProfile).forEach((profile, endpoints) -> {
            ObjectNode s = doc.putObject(String.valueOf(profile));
            new TreeMap<>(endpoints).forEach((endpoint, n) -> s.put(endpoint, n.sum()));
        });
        return doc;
    }

    private static String endpoint(String method, String path) {
        return method + " " + (path.indexOf('(') < 0 ? path : KEY.matcher(path).replaceAll("(ID)"));
    }

    /** Answers of that status sent, over every endpoint. */
    public long withStatus(int status) {
        long n = 0;
        for (Map<Integer, LongAdder> statuses : byEndpoint.values()) {
            LongAdder a = statuses.get(status);
            n += a == null ? 0 : a.sum();
        }
        return n;
    }

    public ObjectNode toJson() {
        ObjectNode doc = CaFormat.JSON.createObjectNode();
        new TreeMap<>(byEndpoint).forEach((endpoint, statuses) -> {
            ObjectNode s = doc.putObject(endpoint);
            new TreeMap<>(statuses).forEach((status, n) -> s.put(String.valueOf(status), n.sum()));
        });
        return doc;
    }

    public void reset() {
        byEndpoint.clear();
        byProfile.clear();
    }
}
