package org.channelbridge.sandbox.products;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.channelbridge.sandbox.SandboxSettings;
import org.channelbridge.sandbox.api.ApiError;
import org.channelbridge.sandbox.ftp.InventoryImporter;
import org.channelbridge.sandbox.odata.CaFormat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * File imports through the API (item 16, reference 2.7): {@code POST /v1/ProductUpload?profileid&templatecode&
 * importtype} with the file as the body queues it in the profile's catalog and answers a token; each {@code GET ?token=} moves it one step
 * (Pending, InProgressValidation, InProgressProcessing) until it is applied to the product store and ends
 * {@code Complete}, {@code CompleteWithErrors} (with {@code Errors[].Row/Message} per refused row; the header is
 * row 1) or {@code FailedValidation}. The template must be one the account defined ({@code sandbox.product-upload-
 * templates}); the sandbox reads every template as ChannelAdvisor's default columns. At most 60 files an hour per
 * profile and 128 MB per file, like ChannelAdvisor. {@code sandbox.product-upload-final-status} ends every upload in
 * another final status instead (a fault setting: the bridge must treat each as final).
 */
public final class ProductUploads {
    public static final long MAX_BYTES = 128L * 1024 * 1024;
    private static final int PER_HOUR = 60;
    private static final List<String> STEPS = List.of("Pending", "InProgressValidation", "InProgressProcessing");

    private static final class Upload {
        final String token;
        final String name;
        final Instant started;
        final InventoryImporter.Method method;
        byte[] body;
        int polls;
        ObjectNode result;

        Upload(String token, String name, Instant started, InventoryImporter.Method method, byte[] body) {
            this.token = token;
            this.name = name;
            this.started = started;
            this.method = method;
            this.body = body;
        }
    }

    private final SandboxSettings settings;
    private final InventoryImporter importer;
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    private final Deque<Long> recent = new ArrayDeque<>();

    public ProductUploads(SandboxSettings settings, ProductStore products) {
        this.settings = settings;
        this.importer = new InventoryImporter(settings, products);
    }

    /**
     * Queues a file for this profile (the gateway has checked the call's {@code profileid}); null when 60 files went
     * in within the hour (the caller answers 429).
     */
    public synchronized ObjectNode start(String template, String importType, byte[] body, Instant now) {
        if (template == null || template.isBlank()) {
            throw new ApiError(400, "The templatecode parameter is required.");
        }
        if (settings.productUploadTemplates.stream().noneMatch(t -> t.equalsIgnoreCase(template.strip()))) {
            throw new ApiError(400, "No product upload template named '" + template + "' exists for this profile.");
        }
        InventoryImporter.Method method = method(importType);
        if (body == null || body.length == 0) {
            throw new ApiError(400, "The request body is empty; the file to import is required.");
        }
        if (body.length > MAX_BYTES) {
            throw new ApiError(413, "A product upload may hold at most 128 MB.");
        }
        long millis = now.toEpochMilli();
        while (!recent.isEmpty() && recent.peekFirst() <= millis - 3_600_000) {
            recent.pollFirst();
        }
        if (recent.size() >= PER_HOUR) {
            return null;
        }
        recent.addLast(millis);
        String token = UUID.randomUUID().toString().replace("-", "");
        Upload u = new Upload(token, "ProductUpload-" + token + ".txt", now, method, body);
        uploads.put(token, u);
        return describe(u);
    }

    /**
     * One poll: the upload moves one step on; on the last step the file is applied. Runs under the gateway's write
     * lock (it changes products).
     */
    public synchronized ObjectNode poll(String token, Instant now) {
        Upload u = token == null ? null : uploads.get(token);
        if (u == null) {
            throw new ApiError(404, "No product upload with token '" + token + "' was found.");
        }
        if (u.result == null) {
            u.polls++;
            if (u.polls >= Math.max(1, settings.productUploadPolls)) {
                finish(u, now);
            }
        }
        return describe(u);
    }

    public synchronized void reset() {
        uploads.clear();
        recent.clear();
    }

    private void finish(Upload u, Instant now) {
        ObjectNode result = CaFormat.JSON.createObjectNode();
        String forced = settings.productUploadFinalStatus;
        if (forced != null && !forced.isBlank()) {
            result.put("Status", forced);
            result.putArray("Errors");
        } else {
            ObjectNode status = importer.apply(u.name, new String(u.body, StandardCharsets.UTF_8), u.method, now);
            ArrayNode errors = result.putArray("Errors");
            for (JsonNode e : status.path("errors")) {
                errors.addObject().put("Row", e.path("row").asInt()).put("Message", e.path("message").asText());
            }
            String state = status.path("status").asText();
            result.put("Status", state.equals("Failed") && status.path("applied").asInt() == 0
                    && status.path("rows").asInt() > 0 && errors.size() > 0 && errors.get(0).path("Row").asInt() == 1
                    ? "FailedValidation" : errors.isEmpty() ? "Complete" : "CompleteWithErrors");
            result.put("RowCount", status.path("rows").asInt()).put("SuccessCount", status.path("applied").asInt());
        }
        result.put("CompletedOnUtc", CaFormat.date(now));
        u.result = result;
        u.body = null;
    }

    private static ObjectNode describe(Upload u) {
        ObjectNode doc = CaFormat.JSON.createObjectNode();
        doc.put("Token", u.token);
        doc.put("StartedOnUtc", CaFormat.date(u.started));
        if (u.result == null) {
            doc.put("Status", STEPS.get(Math.min(u.polls, STEPS.size() - 1)));
        } else {
            doc.setAll(u.result.deepCopy());
        }
        return doc;
    }

    private static InventoryImporter.Method method(String importType) {
        String t = importType == null ? "addupdate" : importType.toLowerCase(Locale.ROOT);
        return switch (t) {
            case "addupdate" -> InventoryImporter.Method.ALL;
            case "updateonly" -> InventoryImporter.Method.UPDATES_ONLY;
            case "addonly" -> InventoryImporter.Method.NEW_ONLY;
            default -> throw new ApiError(400, "The importtype '" + importType
                    + "' is not valid; use AddUpdate, UpdateOnly or AddOnly.");
        };
    }
}
