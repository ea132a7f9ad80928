package org.channelbridge.flow.products;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
 * What ChannelAdvisor says about an uploaded inventory file. Two ways, chosen by {@code products.bulk.confirm}:
 * {@code upload} — a finished upload counts as processed (ChannelAdvisor itself reports files only in its UI and by
 * e-mail); {@code status-url} — a JSON status document lists each file with its status and row errors (the sandbox's
 * {@code GET /sandbox/ftp}: {@code files[].name, status, errors[].row, errors[].message}).
 */
public final class BulkFileStatus {

    /** A file's outcome; {@code rowErrors} maps a line of the file (header = 1) to ChannelAdvisor's message. */
    public record Outcome(boolean failed, String fileError, Map<Integer, String> rowErrors) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String mode;
    private final URI statusUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public BulkFileStatus(String mode, String statusUrl) {
        if (!mode.equals("upload") && !mode.equals("status-url")) {
            throw new IllegalArgumentException("products.bulk.confirm is '" + mode + "'; it takes upload or status-url");
        }
        this.mode = mode;
        this.statusUrl = statusUrl == null || statusUrl.isBlank() ? null : URI.create(statusUrl);
        if (mode.equals("status-url") && this.statusUrl == null) {
            throw new IllegalArgumentException("products.bulk.confirm is status-url but products.bulk.status-url is empty");
        }
    }

    /** Outcomes of the files already reported, by name; files not yet reported are absent. */
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
            if (!names.contains(name)) {
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
