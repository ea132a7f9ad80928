package org.channelbridge.flow.products;

import com.fasterxml.jackson.databind.JsonNode;
import org.channelbridge.channeladvisor.ChannelAdvisorClient;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Inventory files through ChannelAdvisor's API ({@code products.bulk.transport=product-upload}, reference 2.7):
 * {@code POST /v1/ProductUpload?profileid&templatecode&importtype} with the file as the body answers a token;
 * {@code GET /v1/ProductUpload?token=} tells the file's status until it is final. ChannelAdvisor takes at most 60
 * files an hour per profile and 128 MB per request.
 */
public final class ProductUploadTransport {

    public static final String NAME = "product-upload";
    public static final int FILES_PER_HOUR = 60;
    public static final long MAX_BYTES = 128L * 1024 * 1024;

    /**
     * Final statuses that mean the file was imported (its refused rows listed); the others of ChannelAdvisor's
     * status list (reference 2.6, the same list for uploads [I]) that end a file mean nothing can be counted as sent.
     */
    private static final Set<String> IMPORTED = Set.of("complete", "completewitherrors");
    private static final Set<String> FAILED = Set.of("aborted", "abortedacknowledged", "completewithsystemicerrors",
            "deletedreadyforremoval", "failedvalidation", "systemicfailure");

    private static final Set<String> IMPORT_TYPES = Set.of("AddUpdate", "UpdateOnly", "AddOnly");

    private final ChannelAdvisorClient client;
    private final long profileId;
    private final String template;
    private final String importType;

    public ProductUploadTransport(ChannelAdvisorClient client, long profileId, String template, String importType) {
        this.client = client;
        this.profileId = profileId;
        this.template = template == null ? "" : template.strip();
        this.importType = IMPORT_TYPES.stream().filter(t -> t.equalsIgnoreCase(importType == null ? "" : importType.strip()))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("products.bulk.upload-import-type is '"
                        + importType + "'; it takes AddUpdate, UpdateOnly or AddOnly"));
    }

    /** Sends one file; returns ChannelAdvisor's token for it. */
    public String send(Path file) {
        if (template.isEmpty()) {
            throw new IllegalStateException("products.bulk.upload-template is empty; ProductUpload needs the name of"
                    + " a product upload template defined in ChannelAdvisor.");
        }
        byte[] body;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IllegalStateException("The inventory file " + file.getFileName() + " is larger than the"
                        + " 128 MB ProductUpload takes; lower products.bulk.max-file-mb.");
            }
            body = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the inventory file " + file.getFileName() + ": "
                    + e.getMessage(), e);
        }
        String query = "/v1/ProductUpload?" + (profileId > 0 ? "profileid=" + profileId + "&" : "")
                + "templatecode=" + URLEncoder.encode(template, StandardCharsets.UTF_8).replace("+", "%20")
                + "&importtype=" + importType;
        JsonNode answer = client.upload(query, "text/plain; charset=utf-8", body).json();
        String token = answer.path("Token").asText("");
        if (token.isEmpty()) {
            throw new IllegalStateException("ChannelAdvisor accepted the ProductUpload of " + file.getFileName()
                    + " but answered no Token.");
        }
        return token;
    }

    /** The file's outcome once its status is final; null while ChannelAdvisor is still at it. */
    public BulkFileStatus.Outcome outcome(String token) {
        JsonNode doc = client.get("/v1/ProductUpload?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        String status = doc.path("Status").asText("");
        String key = status.toLowerCase(Locale.ROOT);
        if (FAILED.contains(key)) {
            return new BulkFileStatus.Outcome(true, "ProductUpload ended " + status, Map.of());
        }
        if (!IMPORTED.contains(key)) {
            return null;
        }
        Map<Integer, String> rows = new TreeMap<>();
        for (JsonNode error : doc.path("Errors")) {
            int line = error.path("Row").asInt();
            if (line >= 2) {
                rows.merge(line, error.path("Message").asText(), (a, b) -> a + " " + b);
            }
        }
        return new BulkFileStatus.Outcome(false, null, rows);
    }
}
