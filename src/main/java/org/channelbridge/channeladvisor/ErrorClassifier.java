package org.channelbridge.channeladvisor;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Turns a failed answer into the one exception type that tells a route what to do, with a sentence a person
 * understands: the method, the path (never a token) and ChannelAdvisor's own message.
 */
public final class ErrorClassifier {

    private static final int SNIPPET = 300;

    private ErrorClassifier() {
    }

    /**
     * The exception for a non-2xx answer. A 401 here is final (the client has already refreshed once), 429 is
     * throttling, 5xx and 406 are transient, any other 4xx is a permanent rejection.
     */
    public static ChannelAdvisorException classify(String method, String url, int status, String retryAfterHeader,
                                                   byte[] body) {
        String said = caMessage(body);
        String call = describe(method, url);
        String tail = said.isEmpty() ? "." : ": " + said;
        if (status == 401) {
            return new ChannelAdvisorAuthenticationException(
                    "ChannelAdvisor denied authorization for " + call + " even with a fresh access token (HTTP 401)"
                            + tail, status, said);
        }
        if (status == 429) {
            Duration retryAfter = retryAfter(retryAfterHeader);
            String wait = retryAfter == null ? "" : "; it asks to retry after " + retryAfter.toSeconds() + " s";
            return new ChannelAdvisorThrottledException(
                    "ChannelAdvisor throttled " + call + " (HTTP 429)" + wait + tail, said, retryAfter);
        }
        if (status >= 500 || status == 406 || status < 200) {
            return new ChannelAdvisorUnavailableException(
                    "ChannelAdvisor could not handle " + call + " right now (HTTP " + status + ")" + tail,
                    status, said, null);
        }
        return new ChannelAdvisorRejectedException(
                "ChannelAdvisor rejected " + call + " (HTTP " + status + ")" + tail, status, said);
    }

    public static ChannelAdvisorException classify(String method, String url, CaResponse response) {
        return classify(method, url, response.status(), response.header("Retry-After"), response.body());
    }

    /** No answer at all: connection refused, reset, or a timeout. Always transient. */
    public static ChannelAdvisorUnavailableException noAnswer(String method, String url, Throwable cause) {
        String reason = cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException
                || cause.getClass().getSimpleName().contains("Timeout")
                ? "it did not answer in time" : "the connection failed";
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new ChannelAdvisorUnavailableException(
                "ChannelAdvisor could not be reached for " + describe(method, url) + ": " + reason
                        + " (" + AccessTokenParameter.redact(detail) + ").", 0, "", cause);
    }

    /**
     * ChannelAdvisor's message from any of its error bodies: OData {@code {"error":{"code","message"}}}, Web API
     * routing {@code {"$id":"1","Message":..}}, OAuth {@code {"error":"invalid_grant"}}, or plain text.
     */
    public static String caMessage(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (!text.startsWith("{")) {
            return snippet(text);
        }
        try {
            return caMessage(CaResponse.JSON.readTree(text));
        } catch (IOException e) {
            return snippet(text);
        }
    }

    public static String caMessage(JsonNode json) {
        if (json == null || !json.isObject()) {
            return json == null || json.isMissingNode() || json.isNull() ? "" : snippet(json.toString());
        }
        JsonNode error = json.get("error");
        if (error != null && error.isObject()) {
            String code = error.path("code").asText("");
            String message = error.path("message").asText("");
            String inner = error.path("innererror").path("message").asText("");
            String joined = code.isEmpty() ? message : message.isEmpty() ? code : code + ": " + message;
            return snippet(inner.isEmpty() || joined.contains(inner) ? joined : joined + " (" + inner + ")");
        }
        if (error != null && error.isTextual()) {
            String description = json.path("error_description").asText("");
            return snippet(description.isEmpty() ? error.asText() : error.asText() + ": " + description);
        }
        JsonNode message = json.has("Message") ? json.get("Message") : json.get("message");
        if (message != null && message.isTextual()) {
            return snippet(message.asText());
        }
        return snippet(json.toString());
    }

    /** {@code GET /v1/Orders?...}: method and path without host and without any access token. */
    public static String describe(String method, String url) {
        String shown = AccessTokenParameter.redact(url);
        int scheme = shown.indexOf("://");
        if (scheme >= 0) {
            int path = shown.indexOf('/', scheme + 3);
            shown = path < 0 ? "/" : shown.substring(path);
        }
        return method + " " + snippet(shown);
    }

    /** Retry-After in either form HTTP allows (seconds or an HTTP date); null when absent or unreadable. */
    public static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration left = Duration.between(Instant.now(), at);
                return left.isNegative() ? Duration.ZERO : left;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    static String snippet(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= SNIPPET ? oneLine : oneLine.substring(0, SNIPPET) + "...";
    }
}
