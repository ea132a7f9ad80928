package org.channelbridge.ops.monitor;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Properties;

/**
 * Where a running bridge's management server answers ({@code /observe/health}, {@code /observe/jolokia}), as the
 * commands that read it ({@code status}, {@code hawtio}) reach it. The one place that will add the management
 * credentials to a request once the management server asks for them.
 */
public record ManagementEndpoint(URI base) {

    /** {@code url} when given, else {@code port} when given, else the configured {@code camel.management.port}. */
    public static ManagementEndpoint of(String url, Integer port, Properties config) {
        if (url != null && !url.isBlank()) {
            return new ManagementEndpoint(URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url));
        }
        int chosen = port != null ? port : Integer.parseInt(config.getProperty("camel.management.port", "8080").strip());
        String host = config.getProperty("camel.management.host", "127.0.0.1").strip();
        if (host.isEmpty() || host.equals("0.0.0.0")) {
            host = "127.0.0.1";
        }
        return new ManagementEndpoint(URI.create("http://" + host + ":" + chosen));
    }

    public URI resolve(String path) {
        return URI.create(base + path);
    }

    public URI jolokia() {
        return resolve("/observe/jolokia");
    }

    /** A GET of a management path, with whatever the management server asks of a caller. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(resolve(path)).header("Accept", "application/json");
    }
}
