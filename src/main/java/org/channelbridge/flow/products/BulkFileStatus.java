package org.channelbridge.flow.products;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.channelbridge.system2.BulkUploadStore;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What ChannelAdvisor says about an uploaded inventory file. A file sent by ProductUpload has a token, and its
 * status is ChannelAdvisor's answer to {@code GET /v1/ProductUpload?token=} ({@link ProductUploadTransport}). A file
 * sent by FTP is settled as {@code products.bulk.confirm} says: {@code upload} — a finished upload counts as handed
 * over (ChannelAdvisor itself reports FTP files only in its UI and by e-mail); {@code status-url} — a JSON status
 * document lists each file with its status and row errors (only the sandbox has one, {@code GET /sandbox/ftp}:
 * {@code files[].name, profileId, status, errors[].row, errors[].message}); with several profiles each profile's
 * status only reads the files of its own inbox (two profiles' files may have the same name).
 */
public final class BulkFileStatus {

    /** A file's outcome; {@code rowErrors} maps a line of the file (header = 1) to ChannelAdvisor's message. */
    public record Outcome(boolean failed, String fileError, Map<Integer, String> rowErrors) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String mode;
    private final URI statusUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ProductUploadTransport productUpload;
    /** The profile whose files these are; 0: any (a status document's files that name no profile count too). */
    private final long profileId;

    public BulkFileStatus(String mode, String statusUrl) {
        this(mode, statusUrl, null);
    }

    public BulkFileStatus(String mode, String statusUrl, ProductUploadTransport productUpload) {
        this(mode, statusUrl, productUpload, 0);
    }

    public BulkFileStatus(String mode, String statusUrl, ProductUploadTransport productUpload, long profileId) {
        this.productUpload = productUpload;
        this.profileId = profileId;
        if (!mode.equals("upload") && !mode.equals("status-url")) {
            throw new IllegalArgumentException("products.bulk.confirm is '" + mode + "'; it takes upload or status-url");
        }
        this.mode = mode;
        this.statusUrl = statusUrl == null || statusUrl.isBlank() ? null : URI.create(statusUrl);
        if (mode.equals("status-url") && this.statusUrl == null) {
            throw new IllegalArgumentException("products.bulk.confirm is status-url but products.bulk.status-url is"
                    + " empty (only the sandbox has a status document; the real service answers nothing there)");
        }
    }

    /** Outcomes of the uploads already reported, by file name; uploads not yet reported are absent. */
    public Map<String, Outcome> outcomesOf(List<BulkUploadStore.Upload> uploads) {
        Map<String, Outcome> found = new java.util.HashMap<>();
        List<String> byFtp = new ArrayList<>();
        for (BulkUploadStore.Upload upload : uploads) {
            if (upload.token() == null) {
                byFtp.add(upload.fileName());
            } else if (productUpload == null) {
                throw new IllegalStateException("The upload " + upload.fileName() + " went by ProductUpload, which is"
                        + " not configured.");
            } else {
                Outcome outcome = productUpload.outcome(upload.token());
                if (outcome != null) {
                    found.put(upload.fileName(), outcome);
                }
            }
        }
        if (!byFtp.isEmpty()) {
            found.putAll(outcomes(byFtp));
        }
        return found;
    }

    /** Outcomes of the files sent by FTP already reported, by name; files not yet reported are absent. */
    public Map<String, Outcome> outcomes(List<String> names) {
        if (mode.equals("upload")) {
            Map<String, Outcome> all = new java.util.HashMap<>();
            names.forEach(n -> all.put(n, new Outcome(false, null, Map.of())));
            return all;
        }
        JsonNode doc = read();
        Map<String, Outcome> found = new java.util.HashMap<>();
        for (JsonNode file : doc.path("files")) {
            String name = file.path("name").asText();
            if (!names.contains(name) || profileId > 0 && file.hasNonNull("profileId")
                    && file.path("profileId").asLong() != profileId) {
                continue;
            }
            Map<Integer, String> rows = new java.util.TreeMap<>();
            List<String> fileErrors = new ArrayList<>();
            for (JsonNode error : file.path("errors")) {
                int line = error.path("row").asInt();
                String message = error.path("message").asText();
                if (line >= 2) {
                    rows.merge(line, message, (a, b) -> a + " " + b);
                } else {
                    fileErrors.add(message);
                }
            }
            boolean failed = "Failed".equalsIgnoreCase(file.path("status").asText()) && rows.isEmpty();
            found.put(name, new Outcome(failed, fileErrors.isEmpty() ? null : String.join(" ", fileErrors), rows));
        }
        return found;
    }

    private JsonNode read() {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(statusUrl).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("The bulk status URL answered " + answer.statusCode());
            }
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the bulk status URL: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the bulk status URL", e);
        }
    }
}
