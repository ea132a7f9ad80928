package org.channelbridge.sandbox.ftp;

import java.util.ArrayList;
import java.util.List;

/** A delimited inventory file split into records: tab, pipe or comma, with CSV quoting for comma files. */
record InventoryFile(List<String> header, List<Row> rows) {

    /** One record and the line of the file it starts on (the header is line 1). */
    record Row(int line, List<String> cells) {
    }

    static InventoryFile parse(String name, String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        int firstBreak = text.indexOf('\n');
        String headerLine = firstBreak < 0 ? text : text.substring(0, firstBreak);
        char delimiter = name.toLowerCase().endsWith(".csv") ? ','
                : headerLine.indexOf('\t') >= 0 ? '\t' : headerLine.indexOf('|') >= 0 ? '|' : ',';
        List<Row> records = records(text, delimiter, delimiter == ',');
        if (records.isEmpty()) {
            return new InventoryFile(List.of(), List.of());
        }
        List<String> header = new ArrayList<>();
        for (String h : records.get(0).cells()) {
            header.add(h.trim());
        }
        return new InventoryFile(header, records.subList(1, records.size()));
    }

    private static List<Row> records(String text, char delimiter, boolean quoting) {
        List<Row> rows = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int start = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
            } else if (quoting && c == '"' && cell.length() == 0) {
                quoted = true;
            } else if (c == delimiter) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                cells.add(cell.toString());
                cell.setLength(0);
                if (!(cells.size() == 1 && cells.get(0).isEmpty())) {
                    rows.add(new Row(start, List.copyOf(cells)));
                }
                cells.clear();
                line++;
                start = line;
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        if (!(cells.size() == 1 && cells.get(0).isEmpty())) {
            rows.add(new Row(start, List.copyOf(cells)));
        }
        return rows;
    }
}
