package org.channelbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** A plain java.net.http client for the contract tests: no project code between the test and the sandbox. */
final class SandboxClient {
    static final ObjectMapper JSON = new ObjectMapper();

    record Response(int status, java.net.http.HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    String token;

    SandboxClient(String base) {
        this.base = base;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    Response tokenRequest(String app, String secret, String form) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (app != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((app + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        }
        return send(b.build());
    }

    String login(String app, String secret, String refreshToken) {
        Response r = tokenRequest(app, secret, "grant_type=refresh_token&refresh_token=" + enc(refreshToken));
        if (r.status != 200) {
            throw new AssertionError("token request failed: " + r.status + " " + r.body);
        }
        token = r.json().get("access_token").asText();
        return token;
    }

    SandboxClient login() {
        login("sandbox-app", "sandbox-secret", "sandbox-refresh-token");
        return this;
    }

    Response get(String path) {
        return call("GET", path, null);
    }

    Response post(String path, String json) {
        return call("POST", path, json);
    }

    Response call(String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                .header("Accept", "application/json").timeout(Duration.ofSeconds(20))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    Response raw(HttpRequest request) {
        return send(request);
    }

    Response admin(String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/sandbox/" + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        Response r = send(b.build());
        if (r.status >= 300) {
            throw new AssertionError("admin " + path + " failed: " + r.status + " " + r.body);
        }
        return r;
    }

    /** Every entity of a collection, following each next link. */
    List<JsonNode> all(String path) {
        List<JsonNode> entities = new ArrayList<>();
        String next = path;
        while (next != null) {
            Response r = get(next);
            if (r.status != 200) {
                throw new AssertionError(next + " answered " + r.status + ": " + r.body);
            }
            JsonNode doc = r.json();
            doc.get("value").forEach(entities::add);
            next = doc.hasNonNull("@odata.nextLink") ? doc.get("@odata.nextLink").asText() : null;
        }
        return entities;
    }

    long createProduct(String json) {
        Response r = post("/v1/Products", json);
        if (r.status != 201) {
            throw new AssertionError("create failed: " + r.status + " " + r.body);
        }
        return r.json().get("ID").asLong();
    }

    List<Long> seed(String json) {
        List<Long> ids = new ArrayList<>();
        admin("POST", "orders", json).json().get("ids").forEach(n -> ids.add(n.asLong()));
        return ids;
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
