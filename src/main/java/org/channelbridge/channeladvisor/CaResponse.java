package org.channelbridge.channeladvisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** One HTTP answer from ChannelAdvisor, as received; JSON is parsed only when asked for. */
public final class CaResponse {

    static final ObjectMapper JSON = new ObjectMapper();

    private final int status;
    private final Map<String, String> headers;
    private final byte[] body;

    public CaResponse(int status, Map<String, String> headers, byte[] body) {
        this.status = status;
        TreeMap<String, String> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseless.putAll(headers);
        this.headers = Collections.unmodifiableMap(caseless);
        this.body = body == null ? new byte[0] : body;
    }

    public int status() {
        return status;
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** Response headers; names are matched without regard to case. */
    public Map<String, String> headers() {
        return headers;
    }

    public String header(String name) {
        return headers.get(name);
    }

    public String contentType() {
        String type = headers.get("Content-Type");
        return type == null ? "" : type;
    }

    public byte[] body() {
        return body.clone();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as JSON; an empty body (204) is a missing node, a body that is not JSON is an error. */
    public JsonNode json() {
        if (body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("ChannelAdvisor answered HTTP " + status + " with a body that is not JSON: "
                    + ErrorClassifier.snippet(bodyText()), e);
        }
    }
}
