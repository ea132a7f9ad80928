package org.channelbridge.ops.hawtio;

import org.channelbridge.ops.monitor.ManagementEndpoint;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * Hands Hawtio's own Jolokia path ({@code /hawtio/jolokia}) to the bridge's Jolokia ({@code /observe/jolokia}), so that
 * the console opens already showing the bridge: no connection form, no proxy allow-list. The bridge's access policy
 * (jolokia-access.xml) still decides what may be done.
 */
final class JolokiaForwarder extends Handler.Wrapper {

    static final String PATH = "/hawtio/jolokia";

    private final ManagementEndpoint bridge;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    JolokiaForwarder(ManagementEndpoint bridge, Handler webapp) {
        super(webapp);
        this.bridge = bridge;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        if (!path.equals(PATH) && !path.startsWith(PATH + "/")) {
            return super.handle(request, response, callback);
        }
        String query = request.getHttpURI().getQuery();
        String target = "/observe/jolokia" + path.substring(PATH.length()) + (query == null ? "" : "?" + query);
        HttpRequest.Builder forward = bridge.request(target).timeout(Duration.ofSeconds(60));
        if (request.getMethod().equals("POST")) {
            ByteBuffer body = Content.Source.asByteBuffer(request);
            byte[] bytes = new byte[body.remaining()];
            body.get(bytes);
            String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
            forward.header("Content-Type", type == null ? "application/json" : type)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        } else {
            forward.GET();
        }
        try {
            HttpResponse<byte[]> answer = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.setStatus(answer.statusCode());
            answer.headers().firstValue("Content-Type")
                    .ifPresent(type -> response.getHeaders().put(HttpHeader.CONTENT_TYPE, type));
            response.write(true, ByteBuffer.wrap(answer.body()), callback);
        } catch (IOException e) {
            Response.writeError(request, response, callback, 502, "The bridge's Jolokia at " + bridge.jolokia()
                    + " does not answer: " + e);
        }
        return true;
    }
}
