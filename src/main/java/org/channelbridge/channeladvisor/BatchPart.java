package org.channelbridge.channeladvisor;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.Objects;

/**
 * One request inside a {@code $batch}.
 *
 * @param id     the Content-ID that ties the answer to this part; unique within the batch (e.g. the Sku)
 * @param method GET, POST, PUT, PATCH or DELETE
 * @param path   {@code /v1/Products(5)} or {@code Products(5)}; the writer makes it absolute
 * @param body   JSON body, or null for none
 */
public record BatchPart(String id, String method, String path, JsonNode body) {

    public BatchPart {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        if (id.isBlank() || id.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("a batch part id must be printable ASCII without spaces: '" + id + "'");
        }
        method = method.toUpperCase(Locale.ROOT);
    }

    public static BatchPart get(String id, String path) {
        return new BatchPart(id, "GET", path, null);
    }

    public static BatchPart post(String id, String path, JsonNode body) {
        return new BatchPart(id, "POST", path, body);
    }

    public static BatchPart put(String id, String path, JsonNode body) {
        return new BatchPart(id, "PUT", path, body);
    }

    public static BatchPart patch(String id, String path, JsonNode body) {
        return new BatchPart(id, "PATCH", path, body);
    }

    public static BatchPart delete(String id, String path) {
        return new BatchPart(id, "DELETE", path, null);
    }

    /** The path below {@code /v1}, with a leading slash: {@code /v1/Products(5)}. */
    public String apiPath() {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.startsWith("v1/") ? "/" + trimmed : "/v1/" + trimmed;
    }

    @Override
    public String toString() {
        return method + " " + apiPath() + " [" + id + "]";
    }
}
