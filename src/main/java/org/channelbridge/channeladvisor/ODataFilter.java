package org.channelbridge.channeladvisor;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An OData {@code $filter} expression, built so that precedence and quoting are right by construction: an {@code or}
 * group inside an {@code and} is parenthesised, strings and enum names are quoted with {@code '} doubled, numbers
 * and dates are written bare (dates as UTC ISO-8601).
 * <pre>
 * ODataFilter.and(
 *     ODataFilter.anyOf("ShippingStatus", "Unshipped", "PartiallyShipped"),
 *     ODataFilter.eq("PaymentStatus", "Cleared"),
 *     ODataFilter.ge("CreatedDateUtc", since))
 * </pre>
 */
public final class ODataFilter {

    private static final DateTimeFormatter UTC_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");

    /** Binding strength, lowest first: an operand binding weaker than its operator needs parentheses. */
    private enum Strength { OR, AND, UNARY }

    private final String text;
    private final Strength strength;

    private ODataFilter(String text, Strength strength) {
        this.text = text;
        this.strength = strength;
    }

    public static ODataFilter eq(String field, Object value) {
        return compare(field, "eq", value);
    }

    public static ODataFilter ne(String field, Object value) {
        return compare(field, "ne", value);
    }

    public static ODataFilter gt(String field, Object value) {
        return compare(field, "gt", value);
    }

    public static ODataFilter ge(String field, Object value) {
        return compare(field, "ge", value);
    }

    public static ODataFilter lt(String field, Object value) {
        return compare(field, "lt", value);
    }

    public static ODataFilter le(String field, Object value) {
        return compare(field, "le", value);
    }

    /** {@code field eq v1 or field eq v2 ...}; one value gives a plain {@code eq}. */
    public static ODataFilter anyOf(String field, Object... values) {
        return anyOf(field, Arrays.asList(values));
    }

    public static ODataFilter anyOf(String field, List<?> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("anyOf(" + field + ") needs at least one value");
        }
        List<ODataFilter> each = new ArrayList<>();
        for (Object value : values) {
            each.add(eq(field, value));
        }
        return or(each);
    }

    /**
     * A hand-written expression (e.g. from configuration). It is treated as binding loosest, so combining it
     * parenthesises it unless it stands alone.
     */
    public static ODataFilter raw(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("a filter expression must not be empty");
        }
        return new ODataFilter(expression.strip(), Strength.OR);
    }

    public static ODataFilter and(ODataFilter... operands) {
        return and(Arrays.asList(operands));
    }

    public static ODataFilter and(List<ODataFilter> operands) {
        return join(operands, "and", Strength.AND);
    }

    public static ODataFilter or(ODataFilter... operands) {
        return or(Arrays.asList(operands));
    }

    public static ODataFilter or(List<ODataFilter> operands) {
        return join(operands, "or", Strength.OR);
    }

    public static ODataFilter not(ODataFilter operand) {
        return new ODataFilter("not " + operand.wrappedBelow(Strength.UNARY), Strength.UNARY);
    }

    public ODataFilter and(ODataFilter other) {
        return and(this, other);
    }

    public ODataFilter or(ODataFilter other) {
        return or(this, other);
    }

    /** The literal as OData writes it: {@code 'O''Brien'}, {@code 42}, {@code 2016-03-02T00:00:00Z}, {@code null}. */
    public static String literal(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof CharSequence || value instanceof Character) {
            return quoted(value.toString());
        }
        if (value instanceof Enum<?> e) {
            return quoted(e.name());
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Instant instant) {
            return utc(instant);
        }
        if (value instanceof OffsetDateTime time) {
            return utc(time.toInstant());
        }
        if (value instanceof ZonedDateTime time) {
            return utc(time.toInstant());
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        throw new IllegalArgumentException("no OData literal for a " + value.getClass().getSimpleName());
    }

    /** A string literal: single quotes, an inner {@code '} doubled. */
    public static String quoted(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static String utc(Instant instant) {
        Instant whole = instant.truncatedTo(ChronoUnit.SECONDS);
        if (!whole.equals(instant)) {
            return DateTimeFormatter.ISO_INSTANT.format(instant);
        }
        return UTC_SECONDS.format(whole.atOffset(ZoneOffset.UTC));
    }

    private static ODataFilter compare(String field, String operator, Object value) {
        Objects.requireNonNull(field, "field");
        if (!field.matches("[A-Za-z_][A-Za-z0-9_/]*")) {
            throw new IllegalArgumentException("'" + field + "' is not a property name");
        }
        return new ODataFilter(field + " " + operator + " " + literal(value), Strength.UNARY);
    }

    private static ODataFilter join(List<ODataFilter> operands, String operator, Strength strength) {
        if (operands.isEmpty()) {
            throw new IllegalArgumentException("'" + operator + "' needs at least one operand");
        }
        if (operands.size() == 1) {
            return operands.get(0);
        }
        List<String> parts = new ArrayList<>();
        for (ODataFilter operand : operands) {
            parts.add(operand.wrappedBelow(strength));
        }
        return new ODataFilter(String.join(" " + operator + " ", parts), strength);
    }

    private String wrappedBelow(Strength operator) {
        return strength.compareTo(operator) < 0 ? "(" + text + ")" : text;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ODataFilter other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
