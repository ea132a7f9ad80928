package org.channelbridge.sandbox.odata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.time.Instant;

/** The EDM type of a field, and how a value sent by a client is checked and stored. */
public enum FieldType {
    STRING, INT, DECIMAL, MONEY, BOOL, DATE;

    /** The value to store, or null when the client's value does not fit the type. */
    public JsonNode coerce(JsonNode v) {
        if (v == null || v.isNull()) {
            return NullNode.instance;
        }
        switch (this) {
            case STRING:
                return v.isTextual() ? v : null;
            case INT:
                return v.isIntegralNumber() ? LongNode.valueOf(v.longValue()) : null;
            case DECIMAL:
                return v.isNumber() ? DecimalNode.valueOf(v.decimalValue()) : null;
            case MONEY:
                return v.isNumber() ? CaFormat.money(v.decimalValue()) : null;
            case BOOL:
                return v.isBoolean() ? BooleanNode.valueOf(v.booleanValue()) : null;
            default:
                if (!v.isTextual()) {
                    return null;
                }
                Instant t = CaFormat.parseInstant(v.textValue());
                return t == null ? null : TextNode.valueOf(CaFormat.date(t));
        }
    }

    public String edmName() {
        return switch (this) {
            case STRING -> "Edm.String";
            case INT -> "Edm.Int32";
            case DECIMAL, MONEY -> "Edm.Decimal";
            case BOOL -> "Edm.Boolean";
            case DATE -> "Edm.DateTimeOffset";
        };
    }
}
