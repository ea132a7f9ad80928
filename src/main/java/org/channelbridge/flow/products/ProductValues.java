package org.channelbridge.flow.products;

import org.channelbridge.system2.ProductFields;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What ChannelAdvisor should hold for one product, split into the three parts that are sent separately: the product
 * fields (PATCH), the quantity (UpdateQuantity) and the attributes (UpdateAttributes). Fields are kept in the fixed
 * order of {@link ProductFields}, attributes sorted by name, decimals without trailing zeros — so that equal content
 * always gives the same {@link #hash()}.
 *
 * @param fields     ChannelAdvisor field name → String or BigDecimal; null values are absent
 * @param quantity   the quantity for the configured distribution center, or null when System2 has none
 * @param attributes attribute name → value, sorted
 */
public record ProductValues(Map<String, Object> fields, Integer quantity, TreeMap<String, String> attributes) {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    });

    /** Nothing sent yet: every part differs from it. */
    public static final ProductValues NOTHING = new ProductValues(null, null, null);

    /** The content hash: hex SHA-256 of the canonical text. */
    public String hash() {
        StringBuilder text = new StringBuilder(256);
        if (fields != null) {
            fields.forEach((k, v) -> text.append(k).append('=').append(canonical(v)).append('\u0001'));
        }
        text.append("\u0002q=").append(quantity).append('\u0002');
        if (attributes != null) {
            attributes.forEach((k, v) -> text.append(k).append('=').append(v).append('\u0001'));
        }
        byte[] digest = SHA256.get().digest(text.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }

    public boolean fieldsDifferFrom(ProductValues sent) {
        return !Objects.equals(fields, sent.fields);
    }

    public boolean quantityDiffersFrom(ProductValues sent) {
        return quantity != null && !quantity.equals(sent.quantity);
    }

    public boolean attributesDifferFrom(ProductValues sent) {
        return attributes != null && !attributes.isEmpty() && !attributes.equals(sent.attributes);
    }

    /** The fields whose value is not what was last sent; a field System2 emptied is sent as null to clear it. */
    public Map<String, Object> changedFields(ProductValues sent) {
        Map<String, Object> before = sent.fields == null ? Map.of() : sent.fields;
        Map<String, Object> changed = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            if (!Objects.equals(v, before.get(k))) {
                changed.put(k, v);
            }
        });
        before.keySet().stream().filter(k -> !fields.containsKey(k)).forEach(k -> changed.put(k, null));
        return changed;
    }

    /** The attributes that are new or changed since the last send. */
    public Map<String, String> changedAttributes(ProductValues sent) {
        Map<String, String> before = sent.attributes == null ? Map.of() : sent.attributes;
        Map<String, String> changed = new TreeMap<>();
        attributes.forEach((k, v) -> {
            if (!v.equals(before.get(k))) {
                changed.put(k, v);
            }
        });
        return changed;
    }

    /** These values with some parts taken from {@code other}: what ChannelAdvisor holds after a partial success. */
    public ProductValues merge(boolean takeFields, boolean takeQuantity, boolean takeAttributes, ProductValues other) {
        return new ProductValues(takeFields ? other.fields : fields, takeQuantity ? other.quantity : quantity,
                takeAttributes ? other.attributes : attributes);
    }

    /** The stored form ({@code sync_state.sent_values}); written field by field, no tree in between. */
    public String toJson() {
        StringWriter text = new StringWriter(256);
        try (JsonGenerator json = JSON.getFactory().createGenerator(text)) {
            json.writeStartObject();
            if (fields != null) {
                json.writeObjectFieldStart("fields");
                for (Map.Entry<String, Object> field : fields.entrySet()) {
                    if (field.getValue() instanceof BigDecimal d) {
                        json.writeNumberField(field.getKey(), d);
                    } else {
                        json.writeStringField(field.getKey(), (String) field.getValue());
                    }
                }
                json.writeEndObject();
            }
            if (quantity != null) {
                json.writeNumberField("quantity", quantity);
            }
            if (attributes != null) {
                json.writeObjectFieldStart("attributes");
                for (Map.Entry<String, String> attribute : attributes.entrySet()) {
                    json.writeStringField(attribute.getKey(), attribute.getValue());
                }
                json.writeEndObject();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** Reads the stored form; null or unreadable text means nothing is known to be sent. */
    public static ProductValues fromJson(String text) {
        if (text == null || text.isBlank()) {
            return NOTHING;
        }
        JsonNode doc;
        try {
            doc = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return NOTHING;
        }
        Map<String, Object> fields = null;
        if (doc.has("fields")) {
            fields = new LinkedHashMap<>();
            for (String name : ProductFields.NAMES) {
                JsonNode v = doc.get("fields").get(name);
                if (v != null && !v.isNull()) {
                    fields.put(name, v.isNumber() ? canonicalDecimal(v.decimalValue()) : v.asText());
                }
            }
        }
        Integer quantity = doc.hasNonNull("quantity") ? doc.get("quantity").asInt() : null;
        TreeMap<String, String> attributes = null;
        if (doc.has("attributes")) {
            attributes = new TreeMap<>();
            TreeMap<String, String> target = attributes;
            doc.get("attributes").fields().forEachRemaining(e -> target.put(e.getKey(), e.getValue().asText()));
        }
        return new ProductValues(fields, quantity, attributes);
    }

    /**
     * A decimal's text as its canonical value: what {@link #canonicalDecimal} gives, but trailing zeros are cut from
     * the text first (a database gives "10.5000"), which costs far less than stripping them from the number.
     */
    static BigDecimal decimalOf(String text) {
        String t = text.trim();
        int dot = t.indexOf('.');
        if (t.indexOf('e') >= 0 || t.indexOf('E') >= 0) {
            return canonicalDecimal(new BigDecimal(t));
        }
        if (dot >= 0) {
            int end = t.length();
            while (end > dot + 1 && t.charAt(end - 1) == '0') {
                end--;
            }
            t = t.substring(0, end == dot + 1 ? dot : end);
        }
        return new BigDecimal(t);
    }

    /** Whether this decimal is in its canonical form (no trailing zeros after the point, no negative scale). */
    static boolean isCanonical(BigDecimal value, String plain) {
        return value.scale() == 0 || value.scale() > 0 && plain.charAt(plain.length() - 1) != '0';
    }

    static BigDecimal canonicalDecimal(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static String canonical(Object value) {
        return value instanceof BigDecimal d ? d.toPlainString() : String.valueOf(value);
    }
}
