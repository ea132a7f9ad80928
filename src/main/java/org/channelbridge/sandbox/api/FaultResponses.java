package org.channelbridge.sandbox.api;

import org.channelbridge.sandbox.traffic.FaultInjector;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What an injected fault answers with. */
public final class FaultResponses {
    private FaultResponses() {
    }

    public static ApiResponse of(FaultInjector.Fault f) {
        if (f.malformedJson()) {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("Content-Type", ApiResponse.ODATA_JSON);
            h.put("OData-Version", "4.0");
            return new ApiResponse(f.status() > 0 ? f.status() : 200, h,
                    "{\"@odata.context\":\"$metadata#Products\",\"value\":[{\"ID\":12,\"Sku\":\"trunc"
                            .getBytes(StandardCharsets.UTF_8));
        }
        ApiResponse r = switch (f.status()) {
            case 401 -> ApiResponse.unauthorized();
            case 429 -> ApiResponse.tooManyRequests();
            default -> ApiResponse.error(f.status(), "An error has occurred.");
        };
        return f.retryAfter() == null ? r : r.withHeader("Retry-After", String.valueOf(f.retryAfter()));
    }
}
