package org.channelbridge.channeladvisor;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.support.service.ServiceHelper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The wire to ChannelAdvisor: Camel's http component, through a producer template, on a component instance of its
 * own. Its own instance because two settings must not leak into (or be undone by) other users of {@code http}:
 * automatic retries are disabled at component level (the endpoint option alone still lets the client wait out a
 * Retry-After, see camel-notes), and the connection pool is sized to our concurrency cap.
 * <p>
 * Every answer comes back as a {@link CaResponse}, whatever its status; only "no answer" is an exception.
 */
public final class HttpTransport implements AutoCloseable {

    private final HttpComponent component;
    private final Endpoint endpoint;
    private final ProducerTemplate template;

    public HttpTransport(CamelContext context, ChannelAdvisorSettings settings) {
        component = new HttpComponent();
        component.setCamelContext(context);
        component.setAutomaticRetriesDisabled(true);
        component.setFollowRedirects(false);
        // one spare connection for the token refresh, which does not go through the request budget
        component.setMaxTotalConnections(settings.maxConcurrent() + 1);
        component.setConnectionsPerRoute(settings.maxConcurrent() + 1);
        component.setConnectTimeout(settings.connectTimeout().toMillis());
        component.setConnectionRequestTimeout(settings.responseTimeout().toMillis());
        component.setSoTimeout(settings.responseTimeout().toMillis());
        component.setResponseTimeout(settings.responseTimeout().toMillis());
        try {
            ServiceHelper.startService(component);
            // the request URL travels in the CamelHttpUri header, so one endpoint serves every path and nextLink
            endpoint = component.createEndpoint(settings.apiUrl()
                    + "?throwExceptionOnFailure=false");
            ServiceHelper.startService(endpoint);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot set up the HTTP client for " + settings.apiUrl(), e);
        }
        template = context.createProducerTemplate();
    }

    /**
     * Sends one request and returns the answer as received.
     *
     * @param url     absolute URL including the query (already encoded)
     * @param headers request headers, e.g. Authorization, Content-Type, Accept
     * @param body    request body, or null for none
     * @throws ChannelAdvisorUnavailableException when no answer came (I/O error, timeout)
     */
    public CaResponse send(String method, String url, Map<String, String> headers, byte[] body) {
        Exchange result = template.send(endpoint, exchange -> {
            Message in = exchange.getIn();
            in.setHeader(Exchange.HTTP_METHOD, method);
            in.setHeader(Exchange.HTTP_URI, url);
            headers.forEach(in::setHeader);
            in.setBody(body);
        });
        Exception failure = result.getException();
        if (failure != null) {
            throw ErrorClassifier.noAnswer(method, url, failure);
        }
        Message out = result.getMessage();
        Integer status = out.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        Map<String, String> responseHeaders = new LinkedHashMap<>();
        out.getHeaders().forEach((name, value) -> {
            // the message still carries what we sent (Authorization among it): keep only the answer's headers
            if (!name.startsWith("Camel") && value != null && !headers.containsKey(name)) {
                responseHeaders.put(name, value.toString());
            }
        });
        byte[] bytes = out.getBody(byte[].class);
        return new CaResponse(status == null ? 0 : status, responseHeaders, bytes);
    }

    @Override
    public void close() {
        ServiceHelper.stopService(template, endpoint, component);
    }
}
