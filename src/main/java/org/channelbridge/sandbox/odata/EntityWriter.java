package org.channelbridge.sandbox.odata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Writes a stored entity as ChannelAdvisor shows it. A stored entity keeps its navigation collections as arrays
 * beside its fields; they appear only when expanded, and in list calls each is cut at the cap with its own
 * {@code Name@odata.nextLink}, as ChannelAdvisor does.
 */
public final class EntityWriter {
    private EntityWriter() {
    }

    /** Rejects $select and $expand names the entity type does not have, with CA's OData error. */
    public static void check(ObjectNode template, String typeName, Set<String> select, Expand expand) {
        if (select != null) {
            for (String f : select) {
                JsonNode v = template.get(f);
                if (v == null) {
                    throw unknownProperty(f, typeName);
                }
            }
        }
        checkExpand(template, typeName, expand);
    }

    private static void checkExpand(ObjectNode template, String typeName, Expand expand) {
        if (expand.everything()) {
            return;
        }
        for (Map.Entry<String, Expand> e : expand.children().entrySet()) {
            JsonNode nav = template.get(e.getKey());
            if (nav == null || !nav.isArray()) {
                throw unknownProperty(e.getKey(), typeName);
            }
            if (!nav.isEmpty() && nav.get(0).isObject()) {
                checkExpand((ObjectNode) nav.get(0), e.getKey(), e.getValue());
            }
        }
    }

    private static ODataQueryException unknownProperty(String name, String typeName) {
        return new ODataQueryException("Could not find a property named '" + name + "' on type 'ChannelAdvisor.RestApi.V1.Models."
                + typeName + "'.");
    }

    /**
     * @param cap     largest number of elements of an expanded collection, or 0 for no limit
     * @param selfUrl the entity's own URL, for the per-collection next links
     */
    public static ObjectNode write(ObjectNode stored, Set<String> select, Expand expand, int cap, String selfUrl) {
        ObjectNode out = CaFormat.JSON.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = stored.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode v = f.getValue();
            if (v.isArray()) {
                Expand child = expand.child(f.getKey());
                if (child == null) {
                    continue;
                }
                ArrayNode arr = out.putArray(f.getKey());
                int limit = cap > 0 ? Math.min(cap, v.size()) : v.size();
                for (int i = 0; i < limit; i++) {
                    JsonNode element = v.get(i);
                    arr.add(element.isObject() ? write((ObjectNode) element, null, child, 0, null) : element);
                }
                if (limit < v.size() && selfUrl != null) {
                    out.put(f.getKey() + "@odata.nextLink", selfUrl + "/" + f.getKey() + "?$skip=" + limit);
                }
            } else if (select == null || select.contains(f.getKey())) {
                out.set(f.getKey(), v);
            }
        }
        return out;
    }
}
