package org.channelbridge.ops.monitor;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;

/**
 * Where a running bridge's management server answers ({@code /observe/health}, {@code /observe/jolokia}), as the
 * commands that read it ({@code status}, {@code hawtio}) reach it, and with which login. The login comes from the
 * environment ({@code MANAGEMENT_USER}, {@code MANAGEMENT_PASSWORD}), never from the command line, where any user
 * of the machine could read it in the process list.
 */
public record ManagementEndpoint(URI base, String authorization) {

    /** {@code url} when given, else {@code port} when given, else the configured management host and port. */
    public static ManagementEndpoint of(String url, Integer port, Properties config) {
        return of(url, port, config, System.getenv());
    }

    static ManagementEndpoint of(String url, Integer port, Properties config, Map<String, String> env) {
        String authorization = basic(env.get("MANAGEMENT_USER"), env.get("MANAGEMENT_PASSWORD"));
        if (url != null && !url.isBlank()) {
            return new ManagementEndpoint(URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url),
                    authorization);
        }
        int chosen = port != null ? port : Integer.parseInt(config.getProperty("camel.management.port", "8080").strip());
        String host = config.getProperty("management.host", config.getProperty("camel.management.host", "127.0.0.1"))
                .strip();
        if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::")) {
            host = "127.0.0.1";
        }
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        String scheme = config.getProperty("management.tls.keystore", "").isBlank() ? "http" : "https";
        return new ManagementEndpoint(URI.create(scheme + "://" + host + ":" + chosen), authorization);
    }

    private static String basic(String user, String password) {
        if (user == null || user.isBlank()) {
            return null;
        }
        String pair = user + ":" + (password == null ? "" : password);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** The address alone: the login is never part of what a command prints. */
    @Override
    public String toString() {
        return base.toString();
    }

    public URI resolve(String path) {
        return URI.create(base + path);
    }

    public URI jolokia() {
        return resolve("/observe/jolokia");
    }

    /** A request for a management path, with the login when one is configured. */
    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(path)).header("Accept", "application/json");
        return authorization == null ? request : request.header("Authorization", authorization);
    }
}
