package org.channelbridge.sandbox.odata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** ChannelAdvisor's wire formats: UTC dates with seven fractional digits, money with four decimals. */
public final class CaFormat {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private CaFormat() {
    }

    public static String date(Instant t) {
        return DATE.format(t);
    }

    public static JsonNode money(BigDecimal v) {
        return v == null ? NullNode.instance : DecimalNode.valueOf(v.setScale(4, RoundingMode.HALF_UP));
    }

    public static BigDecimal cents(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }

    /** Parses an OData date or date-time literal, or a stored date text; null when it is neither. */
    public static Instant parseInstant(String text) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (text.endsWith("Z") || text.matches(".*[+-]\\d{2}:\\d{2}$")) {
                return OffsetDateTime.parse(text).toInstant();
            }
            return OffsetDateTime.parse(text + "Z").toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
