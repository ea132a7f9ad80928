package org.channelbridge.system2.drop;

import java.util.Map;

/** A good row of a drop file: its line in the file and its values by System2 column (only the file's columns). */
public record DropRow(long line, Map<String, Object> values) {

    public Object get(String column) {
        return values.get(column);
    }
}
