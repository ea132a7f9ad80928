package org.channelbridge.sandbox.odata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed {@code $expand}: navigation name to its nested expansion, e.g. {@code Items($expand=Promotions)}.
 * {@link #ALL} expands every navigation at every depth, which is how ChannelAdvisor answers a single order.
 */
public record Expand(Map<String, Expand> children, boolean everything) {
    public static final Expand NONE = new Expand(Map.of(), false);
    public static final Expand ALL = new Expand(Map.of(), true);

    public static Expand parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        Map<String, Expand> children = new LinkedHashMap<>();
        for (String item : splitTopLevel(text, ',')) {
            String trimmed = item.trim();
            int open = trimmed.indexOf('(');
            if (open < 0) {
                children.put(trimmed, NONE);
                continue;
            }
            if (!trimmed.endsWith(")")) {
                throw new ODataQueryException("The query specified in the URI is not valid. Malformed $expand: " + text);
            }
            Expand nested = NONE;
            for (String option : splitTopLevel(trimmed.substring(open + 1, trimmed.length() - 1), ';')) {
                String o = option.trim();
                if (o.regionMatches(true, 0, "$expand=", 0, 8)) {
                    nested = parse(o.substring(8));
                }
            }
            children.put(trimmed.substring(0, open).trim(), nested);
        }
        return new Expand(children, false);
    }

    /** The expansion of a navigation, or null when it is not expanded. */
    public Expand child(String navigation) {
        return everything ? ALL : children.get(navigation);
    }

    static List<String> splitTopLevel(String text, char separator) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == separator && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
