package org.channelbridge.sandbox.odata;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The OData system query options of one request, parsed and checked. */
public record QueryOptions(Filter filter, Set<String> select, Expand expand, List<OrderBy> orderBy,
                           Integer top, int skip, boolean count) {

    public record OrderBy(List<String> path, boolean descending) {
    }

    private static final Set<String> KNOWN = Set.of("$filter", "$select", "$expand", "$orderby", "$top", "$skip",
            "$count", "$format", "$search", "$skiptoken");

    public static QueryOptions parse(List<Map.Entry<String, String>> query) {
        Filter filter = null;
        Set<String> select = null;
        Expand expand = Expand.NONE;
        List<OrderBy> orderBy = List.of();
        Integer top = null;
        int skip = 0;
        boolean count = false;
        for (Map.Entry<String, String> e : query) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            String value = e.getValue();
            if (!name.startsWith("$")) {
                continue;
            }
            if (!KNOWN.contains(name)) {
                throw new ODataQueryException("The query parameter '" + e.getKey() + "' is not supported.");
            }
            switch (name) {
                case "$filter" -> filter = value.isBlank() ? null : Filter.parse(value);
                case "$select" -> select = parseSelect(value);
                case "$expand" -> expand = Expand.parse(value);
                case "$orderby" -> orderBy = parseOrderBy(value);
                case "$top" -> top = nonNegative("$top", value);
                case "$skip" -> skip = nonNegative("$skip", value);
                case "$count" -> count = parseBoolean(value);
                default -> {
                }
            }
        }
        return new QueryOptions(filter, select, expand, orderBy, top, skip, count);
    }

    private static Set<String> parseSelect(String value) {
        Set<String> fields = new LinkedHashSet<>();
        for (String f : value.split(",")) {
            if (!f.isBlank() && !f.trim().equals("*")) {
                fields.add(f.trim());
            }
        }
        return fields.isEmpty() ? null : fields;
    }

    private static List<OrderBy> parseOrderBy(String value) {
        List<OrderBy> result = new ArrayList<>();
        for (String item : value.split(",")) {
            String[] words = item.trim().split("\\s+");
            if (words.length == 0 || words[0].isEmpty() || words.length > 2) {
                throw new ODataQueryException("The query specified in the URI is not valid. Malformed $orderby: " + value);
            }
            boolean desc = false;
            if (words.length == 2) {
                String dir = words[1].toLowerCase(Locale.ROOT);
                if (!dir.equals("asc") && !dir.equals("desc")) {
                    throw new ODataQueryException("The query specified in the URI is not valid. Malformed $orderby: " + value);
                }
                desc = dir.equals("desc");
            }
            result.add(new OrderBy(List.of(words[0].split("/")), desc));
        }
        return result;
    }

    private static int nonNegative(String name, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below with the same message as a negative number
        }
        throw new ODataQueryException("Invalid value '" + value + "' for " + name + " query option found. The "
                + name + " query option requires a non-negative integer value.");
    }

    private static boolean parseBoolean(String value) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new ODataQueryException("'" + value + "' is not a valid count option.");
    }
}
