package org.channelbridge.sandbox.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.channelbridge.sandbox.odata.CaFormat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The answer to one call, independent of the transport. */
public record ApiResponse(int status, Map<String, String> headers, byte[] body) {
    public static final String ODATA_JSON = "application/json; odata.metadata=minimal; odata.streaming=true";
    public static final String AUTH_DENIED = "Authorization has been denied for this request.";

    public static ApiResponse json(int status, JsonNode body) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", ODATA_JSON);
        h.put("OData-Version", "4.0");
        return new ApiResponse(status, h, bytes(body));
    }

    /** JSON that is not OData (token endpoint, admin API). */
    public static ApiResponse plainJson(int status, JsonNode body) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json; charset=utf-8");
        return new ApiResponse(status, h, bytes(body));
    }

    public static ApiResponse noContent() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("OData-Version", "4.0");
        return new ApiResponse(204, h, new byte[0]);
    }

    public static ApiResponse text(int status, String text) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "text/plain; charset=utf-8");
        return new ApiResponse(status, h, text.getBytes(StandardCharsets.UTF_8));
    }

    /** ChannelAdvisor's OData error: {@code {"error":{"code":"","message":...}}}. */
    public static ApiResponse error(int status, String message) {
        ObjectNode doc = CaFormat.JSON.createObjectNode();
        ObjectNode error = doc.putObject("error");
        error.put("code", "");
        error.put("message", message);
        return json(status, doc);
    }

    public static ApiResponse unauthorized() {
        return error(401, AUTH_DENIED);
    }

    /** The ASP.NET routing error ChannelAdvisor answers for a path it has no resource for. */
    public static ApiResponse noRoute(String url) {
        ObjectNode doc = CaFormat.JSON.createObjectNode();
        doc.put("$id", "1");
        doc.put("Message", "No HTTP resource was found that matches the request URI '" + url + "'.");
        return plainJson(404, doc);
    }

    public static ApiResponse methodNotAllowed(String method) {
        ObjectNode doc = CaFormat.JSON.createObjectNode();
        doc.put("$id", "1");
        doc.put("Message", "The requested resource does not support http method '" + method + "'.");
        return plainJson(405, doc);
    }

    public static ApiResponse tooManyRequests() {
        return text(429, "TOO MANY REQUESTS");
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ApiResponse(status, h, body);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(JsonNode body) {
        try {
            return CaFormat.JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an in-memory JSON tree could not be written", e);
        }
    }
}
