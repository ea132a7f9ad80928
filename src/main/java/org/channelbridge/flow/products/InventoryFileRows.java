package org.channelbridge.flow.products;

import org.channelbridge.system2.ProductFields;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads back what an inventory file written by {@link InventoryFileWriter} sent, row by row, to record it in
 * {@code sync_state} once ChannelAdvisor processed the file: each row's values come from its line, or from the
 * ledger entry of that line when the line could not carry them exactly. One row at a time: a file of a million rows
 * is never held.
 */
final class InventoryFileRows implements Closeable {

    /** One data row: its line in the file (the header is line 1), Sku, content hash and stored values. */
    record SentRow(int line, String sku, String hash, String values) {
    }

    private final BufferedReader file;
    private final BufferedReader ledger;
    private final boolean fullLayout;
    /** The file's columns: Sku, fields (in {@link ProductFields} order), quantity, update type, attributes. */
    private final List<String> attributeNames;
    private int line = 1;
    private String[] nextEntry;

    InventoryFileRows(Path file, Path ledger) throws IOException {
        this.file = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        this.ledger = Files.exists(ledger) ? Files.newBufferedReader(ledger, StandardCharsets.UTF_8) : null;
        String header = this.file.readLine();
        if (header == null) {
            throw new IOException(file.getFileName() + " has no header row");
        }
        String[] columns = header.split("\t", -1);
        this.fullLayout = columns.length > 1 && columns[1].equals(InventoryFileWriter.FIELD_COLUMNS.get(0));
        int firstAttribute = fullLayout ? 3 + ProductFields.NAMES.size() : columns.length;
        this.attributeNames = List.of(columns).subList(firstAttribute, columns.length);
        this.nextEntry = readEntry();
    }

    /** The next row, or null at the end of the file. */
    SentRow next() throws IOException {
        String text = file.readLine();
        if (text == null) {
            return null;
        }
        line++;
        if (nextEntry != null && Integer.parseInt(nextEntry[0]) == line) {
            SentRow row = new SentRow(line, nextEntry[1], nextEntry[2], nextEntry[3]);
            nextEntry = readEntry();
            return row;
        }
        String[] cells = text.split("\t", -1);
        if (!fullLayout) {
            throw new IOException("line " + line + " of a quantity-only file has no ledger entry");
        }
        ProductValues values = valuesOf(cells);
        return new SentRow(line, cells[0], values.hash(), values.toJson());
    }

    /** The values of a full row, as {@link ProductDelta} maps them from System2: empty cells are absent. */
    private ProductValues valuesOf(String[] cells) {
        Map<String, Object> fields = new LinkedHashMap<>();
        int at = 1;
        for (int i = 0; i < ProductFields.NAMES.size(); i++) {
            String cell = cells[at++];
            if (!cell.isEmpty()) {
                fields.put(ProductFields.NAMES.get(i), ProductFields.isDecimal(i) ? ProductValues.decimalOf(cell) : cell);
            }
        }
        String quantity = cells[at];
        TreeMap<String, String> attributes = new TreeMap<>();
        at += 2;
        for (String name : attributeNames) {
            String cell = cells[at++];
            if (!cell.isEmpty()) {
                attributes.put(name, cell);
            }
        }
        return new ProductValues(fields, quantity.isEmpty() ? null : Integer.valueOf(quantity), attributes);
    }

    private String[] readEntry() throws IOException {
        String entry = ledger == null ? null : ledger.readLine();
        return entry == null ? null : entry.split("\t", 4);
    }

    @Override
    public void close() throws IOException {
        try (file) {
            if (ledger != null) {
                ledger.close();
            }
        }
    }
}
