package org.channelbridge.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.channelbridge.sandbox.odata.CaFormat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One call to the API, independent of the transport: an HTTP request, or one part of a {@code $batch}.
 *
 * @param path    decoded path, e.g. {@code /v1/Products(12)}
 * @param query   decoded query parameters in order
 * @param headers header names in lower case
 */
public record ApiRequest(String method, String path, String rawUri, List<Map.Entry<String, String>> query,
                         Map<String, String> headers, byte[] body, String remoteIp, boolean inBatch) {

    public String param(String name) {
        for (Map.Entry<String, String> e : query) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String bodyText() {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }

    /** The body as JSON; a body that is not JSON is the caller's mistake and answered with 400. */
    public JsonNode json() {
        if (body == null || body.length == 0) {
            throw new ApiError(400, "The request body is empty; a JSON body is required.");
        }
        try {
            return CaFormat.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiError(400, "The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new ApiError(400, "The request body could not be read.");
        }
    }
}
