package org.channelbridge.sandbox.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds an {@link ApiRequest} from a raw request URI, the same way for HTTP requests and $batch parts. */
public final class RequestParsing {
    private RequestParsing() {
    }

    /** @throws ApiError 400 when the URI cannot be decoded */
    public static ApiRequest request(String method, String rawUri, Map<String, String> headers, byte[] body,
                                     String remoteIp, boolean inBatch) {
        int q = rawUri.indexOf('?');
        String rawPath = q < 0 ? rawUri : rawUri.substring(0, q);
        String rawQuery = q < 0 ? "" : rawUri.substring(q + 1);
        String path;
        try {
            path = rawPath.indexOf('%') < 0 ? rawPath : new URI(rawPath.replace(" ", "%20")).getPath();
        } catch (URISyntaxException e) {
            throw new ApiError(400, "The request URI is not valid.");
        }
        return new ApiRequest(method, path, rawUri, query(rawQuery), headers, body, remoteIp, inBatch);
    }

    public static List<Map.Entry<String, String>> query(String rawQuery) {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        if (rawQuery.isEmpty()) {
            return params;
        }
        try {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = eq < 0 ? pair : pair.substring(0, eq);
                String v = eq < 0 ? "" : pair.substring(eq + 1);
                params.add(Map.entry(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8)));
            }
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "The query string is not valid: " + e.getMessage());
        }
        return params;
    }
}
