package org.channelbridge.sandbox.odata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Answers a collection GET: filter, order, count, page. The next link repeats the request's query with
 * {@code $skip} moved on (and {@code $top} reduced), and is absent on the last page.
 */
public final class CollectionQuery {
    /**
     * @param entitySet   e.g. {@code Products}, for the context URL
     * @param requestUrl  absolute URL of the collection without query, base of the next link
     * @param query       the request's decoded query parameters, in order
     * @param selfUrl     the URL of one entity, for per-collection next links of expanded navigations
     */
    public record Request(String baseUrl, String entitySet, String typeName, ObjectNode template, String requestUrl,
                          List<Map.Entry<String, String>> query, int pageSize, int expandCap,
                          Function<ObjectNode, String> selfUrl) {
    }

    private CollectionQuery() {
    }

    public static ObjectNode run(Request r, QueryOptions o, Iterable<ObjectNode> entities) {
        EntityWriter.check(r.template, r.typeName, o.select(), o.expand());
        checkAgainst(r.template, o);
        List<ObjectNode> hits = matching(o, entities);
        ObjectNode doc = CaFormat.JSON.createObjectNode();
        doc.put("@odata.context", r.baseUrl + "/v1/$metadata#" + r.entitySet
                + (o.select() == null ? "" : "(" + String.join(",", o.select()) + ")"));
        if (o.count()) {
            doc.put("@odata.count", hits.size());
        }
        int end = o.top() == null ? hits.size() : (int) Math.min(hits.size(), (long) o.skip() + o.top());
        int from = Math.min(o.skip(), end);
        int to = Math.min(end, from + r.pageSize);
        ArrayNode value = doc.putArray("value");
        for (ObjectNode e : hits.subList(from, to)) {
            value.add(EntityWriter.write(e, o.select(), o.expand(), r.expandCap, r.selfUrl.apply(e)));
        }
        if (to < end) {
            doc.put("@odata.nextLink", nextLink(r, to, o.top() == null ? null : o.top() - (to - o.skip())));
        }
        return doc;
    }

    /**
     * Runs the filter and the ordering once over the entity type's template, so that an unknown property is a
     * 400 even when no entity would reach it.
     */
    public static void checkAgainst(ObjectNode template, QueryOptions o) {
        if (o.filter() != null) {
            o.filter().matches(template);
        }
        for (QueryOptions.OrderBy ob : o.orderBy()) {
            at(template, ob.path());
        }
    }

    public static List<ObjectNode> matching(QueryOptions o, Iterable<ObjectNode> entities) {
        List<ObjectNode> hits = new ArrayList<>();
        for (ObjectNode e : entities) {
            if (o.filter() == null || o.filter().matches(e)) {
                hits.add(e);
            }
        }
        if (!o.orderBy().isEmpty()) {
            hits.sort(comparator(o.orderBy()));
        }
        return hits;
    }

    private static Comparator<ObjectNode> comparator(List<QueryOptions.OrderBy> orderBy) {
        Comparator<ObjectNode> result = null;
        for (QueryOptions.OrderBy ob : orderBy) {
            Comparator<ObjectNode> c = (a, b) -> compareValues(at(a, ob.path()), at(b, ob.path()));
            if (ob.descending()) {
                c = c.reversed();
            }
            result = result == null ? c : result.thenComparing(c);
        }
        return result;
    }

    private static Object at(ObjectNode entity, List<String> path) {
        JsonNode n = entity;
        for (String p : path) {
            JsonNode next = n == null ? null : n.get(p);
            if (next == null && n != null && !n.isNull()) {
                throw new ODataQueryException("Could not find a property named '" + p + "' in $orderby.");
            }
            n = next;
        }
        return Filter.value(n);
    }

    private static int compareValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return Filter.compare(a, b);
    }

    private static String nextLink(CollectionQuery.Request r, int skip, Integer top) {
        StringBuilder sb = new StringBuilder(r.requestUrl).append('?');
        for (Map.Entry<String, String> e : r.query) {
            String name = e.getKey().toLowerCase(java.util.Locale.ROOT);
            if (name.equals("$skip") || name.equals("$top")) {
                continue;
            }
            sb.append(encode(e.getKey())).append('=').append(encode(e.getValue())).append('&');
        }
        if (top != null) {
            sb.append("$top=").append(top).append('&');
        }
        return sb.append("$skip=").append(skip).toString();
    }

    /** Percent-encodes a query component, keeping the characters OData URLs show plainly. */
    public static String encode(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~$'(),:/@!*".indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }
}
