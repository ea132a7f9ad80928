package org.channelbridge.sandbox.products;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.channelbridge.sandbox.api.ApiError;
import org.channelbridge.sandbox.odata.CaFormat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Asynchronous full-catalog exports (item 15): a token, a status that moves from Pending through InProgress to
 * Complete over a few polls, and then a ZIP holding one tab-delimited file of the catalog as it was when the
 * export was requested. At most 10 requests a minute per profile, like ChannelAdvisor.
 */
public final class ProductExports {
    private static final int POLLS_TO_COMPLETE = 2;
    private static final int PER_MINUTE = 10;

    private static final class Export {
        final String token;
        final Instant started;
        final byte[] zip;
        int polls;

        Export(String token, Instant started, byte[] zip) {
            this.token = token;
            this.started = started;
            this.zip = zip;
        }
    }

    private final Map<String, Export> exports = new ConcurrentHashMap<>();
    private final Deque<Long> recent = new ArrayDeque<>();

    /** Starts an export of {@code products}; null when the per-minute limit is used up. */
    public synchronized ObjectNode start(Iterable<ObjectNode> products, Instant now, String fileBaseUrl) {
        long millis = now.toEpochMilli();
        while (!recent.isEmpty() && recent.peekFirst() <= millis - 60_000) {
            recent.pollFirst();
        }
        if (recent.size() >= PER_MINUTE) {
            return null;
        }
        recent.addLast(millis);
        String token = UUID.randomUUID().toString().replace("-", "");
        Export e = new Export(token, now, zip(token, products));
        exports.put(token, e);
        return describe(e, fileBaseUrl);
    }

    /** One poll: the export moves one step on. */
    public synchronized ObjectNode poll(String token, String fileBaseUrl) {
        Export e = token == null ? null : exports.get(token);
        if (e == null) {
            throw new ApiError(404, "No product export with token '" + token + "' was found.");
        }
        e.polls++;
        return describe(e, fileBaseUrl);
    }

    public byte[] file(String token) {
        Export e = exports.get(token);
        return e == null || e.polls < POLLS_TO_COMPLETE ? null : e.zip;
    }

    public void reset() {
        exports.clear();
        synchronized (this) {
            recent.clear();
        }
    }

    private static ObjectNode describe(Export e, String fileBaseUrl) {
        ObjectNode doc = CaFormat.JSON.createObjectNode();
        String status = e.polls == 0 ? "Pending" : e.polls < POLLS_TO_COMPLETE ? "InProgress" : "Complete";
        doc.put("Token", e.token).put("Status", status).put("StartedOnUtc", CaFormat.date(e.started))
                .put("ResponseFileUrl", status.equals("Complete") ? fileBaseUrl + "/" + e.token + ".zip" : null);
        return doc;
    }

    private static byte[] zip(String token, Iterable<ObjectNode> products) {
        StringBuilder text = new StringBuilder(String.join("\t", ProductShape.FIELDS.keySet())).append("\r\n");
        for (ObjectNode p : products) {
            StringJoiner line = new StringJoiner("\t");
            for (String f : ProductShape.FIELDS.keySet()) {
                JsonNode v = p.get(f);
                line.add(v == null || v.isNull() ? "" : v.asText().replace('\t', ' ').replace('\r', ' ').replace('\n', ' '));
            }
            text.append(line).append("\r\n");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(token + ".txt"));
            zip.write(text.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
