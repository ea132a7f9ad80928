package org.channelbridge.system2.drop;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** One column of a drop file: its System2 name and how a cell becomes a value of that column. */
public record DropColumn(String name, Type type, int maxLength, boolean required) {

    public enum Type { TEXT, INTEGER, BIGINT, DECIMAL, TIMESTAMP, BOOLEAN }

    public static DropColumn key(String name, int maxLength) {
        return new DropColumn(name, Type.TEXT, maxLength, true);
    }

    public static DropColumn text(String name, int maxLength) {
        return new DropColumn(name, Type.TEXT, maxLength, false);
    }

    public static DropColumn of(String name, Type type) {
        return new DropColumn(name, type, 0, false);
    }

    public static DropColumn requiredOf(String name, Type type) {
        return new DropColumn(name, type, 0, true);
    }

    /** The name a header cell is matched on: "retail_price", "RetailPrice" and "Retail Price" are one column. */
    static String loose(String headerCell) {
        return headerCell.replace("\uFEFF", "").replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT);
    }

    /** The cell as a value of this column (null when empty); a cell that does not fit says why in a sentence. */
    public Object parse(String cell) {
        String text = cell == null ? "" : cell.strip();
        if (text.isEmpty()) {
            if (required) {
                throw new BadRowException(name + " is missing");
            }
            return null;
        }
        try {
            return switch (type) {
                case TEXT -> fitting(text);
                case INTEGER -> Integer.valueOf(text);
                case BIGINT -> Long.valueOf(text);
                case DECIMAL -> new BigDecimal(text);
                case TIMESTAMP -> timestamp(text);
                case BOOLEAN -> bool(text);
            };
        } catch (NumberFormatException e) {
            throw new BadRowException(name + " '" + text + "' is not " + (type == Type.DECIMAL ? "a number" : "a whole number"));
        } catch (DateTimeParseException e) {
            throw new BadRowException(name + " '" + text + "' is not a time such as 2026-01-31T14:05:00Z");
        }
    }

    private String fitting(String text) {
        if (maxLength > 0 && text.length() > maxLength) {
            throw new BadRowException(name + " has " + text.length() + " characters, more than the " + maxLength + " allowed");
        }
        return text;
    }

    /** ISO instants, or a date and time (or a date alone) read as UTC. */
    private static Timestamp timestamp(String text) {
        if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
            return Timestamp.from(Instant.parse(text));
        }
        if (text.length() == 10) {
            return Timestamp.from(LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC));
        }
        return Timestamp.from(LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC));
    }

    private Boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1" -> Boolean.TRUE;
            case "false", "no", "n", "0" -> Boolean.FALSE;
            default -> throw new BadRowException(name + " '" + text + "' is not true or false");
        };
    }
}
