package org.channelbridge.channeladvisor;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A {@code /v1/...} path with its query options, percent-encoded for the wire:
 * {@code ODataQuery.of("Orders").filter(f).expand("Items").param("exported", "false").toString()}.
 */
public final class ODataQuery {

    private final String path;
    private final Map<String, String> options = new LinkedHashMap<>();

    private ODataQuery(String path) {
        this.path = path;
    }

    /** {@code entitySet} like {@code Orders} or {@code Orders(5)/Items}; a leading {@code /v1/} may be given. */
    public static ODataQuery of(String entitySet) {
        String trimmed = entitySet.startsWith("/") ? entitySet.substring(1) : entitySet;
        return new ODataQuery(trimmed.startsWith("v1/") ? "/" + trimmed : "/v1/" + trimmed);
    }

    public ODataQuery filter(ODataFilter filter) {
        return param("$filter", filter.toString());
    }

    /** A filter written by hand or read from configuration; blank means no filter. */
    public ODataQuery filter(String filter) {
        return filter == null || filter.isBlank() ? this : param("$filter", filter.strip());
    }

    public ODataQuery expand(String expand) {
        return expand == null || expand.isBlank() ? this : param("$expand", expand.strip());
    }

    public ODataQuery select(String select) {
        return param("$select", select);
    }

    public ODataQuery orderBy(String orderBy) {
        return param("$orderby", orderBy);
    }

    public ODataQuery top(int top) {
        return param("$top", Integer.toString(top));
    }

    public ODataQuery skip(int skip) {
        return param("$skip", Integer.toString(skip));
    }

    /** Any other query parameter, e.g. ChannelAdvisor's {@code exported=false}. */
    public ODataQuery param(String name, String value) {
        options.put(name, value);
        return this;
    }

    /** Percent-encodes one query value: spaces as %20 (not +), quotes, parentheses, ampersands and all. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        if (options.isEmpty()) {
            return path;
        }
        StringJoiner query = new StringJoiner("&", path + "?", "");
        options.forEach((name, value) -> query.add(name + "=" + encode(value)));
        return query.toString();
    }
}
