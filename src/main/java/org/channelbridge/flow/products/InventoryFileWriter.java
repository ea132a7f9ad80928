package org.channelbridge.flow.products;

import org.channelbridge.system2.ProductFields;

import org.channelbridge.progress.ProgressClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes products as ChannelAdvisor inventory files in its default spreadsheet layout: tab-delimited, UTF-8, a header
 * row of the default column names, one product a line (tabs and line breaks inside values become spaces, so the line
 * of a row is its position). Rows come from an iterator fed by a database cursor and go straight to disk: nothing but
 * the current row is held. A file that would pass {@code maxBytes} is closed and the rest goes to the next one.
 * The file is its own record of what was sent: once ChannelAdvisor reports it processed, {@link InventoryFileRows}
 * reads each row's values back for {@code sync_state}. Only a row whose line cannot give its values back exactly (a
 * value with a tab or line break, an empty value, every row of a quantity-only file) gets an entry in the ledger
 * beside the file: line, Sku, content hash and values. Logs progress (rows, rate, time left) every 10 seconds.
 */
public final class InventoryFileWriter {

    /** Which columns a file has: everything, or the quantity alone (ChannelAdvisor queues those faster). */
    public enum Layout { FULL, QUANTITY_ONLY }

    /** One product to write. */
    public record Row(String sku, ProductValues values) {
    }

    /** ChannelAdvisor's default column names for the fields of {@link ProductFields}, in the same order. */
    static final List<String> FIELD_COLUMNS = List.of("Auction Title", "Subtitle", "Description", "Brand",
            "Manufacturer", "MPN", "UPC", "EAN", "Condition", "Weight", "Seller Cost", "Retail Price",
            "Buy It Now Price");

    private static final Logger LOG = LoggerFactory.getLogger(InventoryFileWriter.class);

    private final Path folder;
    private final long maxBytes;
    private final String quantityUpdateType;

    public InventoryFileWriter(Path folder, long maxBytes) {
        this(folder, maxBytes, "Absolute");
    }

    /** {@code quantityUpdateType}: the Quantity Update Type column, as {@code products.quantity-update-type}. */
    public InventoryFileWriter(Path folder, long maxBytes, String quantityUpdateType) {
        this.folder = folder;
        this.maxBytes = maxBytes;
        this.quantityUpdateType = QuantityUpdateType.named(quantityUpdateType);
    }

    /** Where files and their ledgers are written (and kept until ChannelAdvisor reported them). */
    public Path folder() {
        return folder;
    }

    /**
     * Writes every row of {@code rows}; {@code baseName} (e.g. {@code All_products-delta-20260101T000000}) gets
     * {@code -1.txt}, {@code -2.txt}… {@code expected} (rows, or 0 when unknown) gives the time left in the log.
     */
    public List<BulkFile> write(Iterator<Row> rows, Layout layout, List<String> attributeNames, String baseName,
                                long expected) {
        List<BulkFile> files = new ArrayList<>();
        Part part = null;
        long rowsWritten = 0;
        long bytesWritten = 0;
        boolean done = false;
        try {
            Files.createDirectories(folder);
            String header = header(layout, attributeNames);
            Progress progress = new Progress(baseName, expected);
            StringBuilder line = new StringBuilder(512);
            while (rows.hasNext()) {
                Row row = rows.next();
                line.setLength(0);
                boolean whole = appendRow(line, row, layout, attributeNames);
                byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
                if (part != null && part.rows > 0 && part.bytes + bytes.length > maxBytes) {
                    Part finished = part;
                    part = null;
                    files.add(finished.finish());
                }
                if (part == null) {
                    part = new Part(baseName + "-" + (files.size() + 1) + ".txt", header);
                }
                part.add(bytes, row, whole);
                rowsWritten++;
                bytesWritten += bytes.length;
                progress.row();
            }
            if (part != null) {
                Part finished = part;
                part = null;
                files.add(finished.finish());
            }
            progress.done();
            done = true;
            return files;
        } catch (IOException e) {
            if (WorkFolderFullException.isNoSpace(e)) {
                long needed = rowsWritten == 0 ? bytesWritten
                        : bytesWritten + bytesWritten / rowsWritten * Math.max(0, expected - rowsWritten);
                throw new WorkFolderFullException("No room left in " + folder + " for " + baseName + " ("
                        + e.getMessage() + ") after " + bytesWritten + " bytes", e, bytesWritten, needed);
            }
            throw new UncheckedIOException("Cannot write the inventory file in " + folder + ": " + e.getMessage(), e);
        } finally {
            if (!done) {
                // a run that did not end (full disk, a read of System2 that failed midway) leaves no file behind:
                // nothing of it may be sent
                if (part != null) {
                    part.abandon();
                }
                files.forEach(f -> remove(f.path(), f.ledger()));
            }
        }
    }

    private static void remove(Path... paths) {
        for (Path p : paths) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.warn("products-bulk: cannot remove the unfinished file {}: {}", p, e.getMessage());
            }
        }
    }

    static String header(Layout layout, List<String> attributeNames) {
        List<String> columns = new ArrayList<>();
        columns.add("Inventory Number");
        if (layout == Layout.FULL) {
            columns.addAll(FIELD_COLUMNS);
        }
        columns.add("Quantity");
        columns.add("Quantity Update Type");
        if (layout == Layout.FULL) {
            attributeNames.forEach(a -> columns.add(clean(a)));
        }
        return String.join("\t", columns) + "\n";
    }

    /**
     * Appends the row's line; true when the line gives the row's values back exactly as {@link InventoryFileRows}
     * reads them (every value in its cell unchanged and not empty).
     */
    private boolean appendRow(StringBuilder line, Row row, Layout layout, List<String> attributeNames) {
        ProductValues v = row.values();
        String sku = clean(row.sku());
        boolean whole = layout == Layout.FULL && sku == row.sku();
        line.append(sku);
        if (layout == Layout.FULL) {
            // fields are kept in the order of ProductFields (absent when null): one walk, no lookups
            Iterator<Map.Entry<String, Object>> fields = v.fields() == null ? Collections.emptyIterator()
                    : v.fields().entrySet().iterator();
            Map.Entry<String, Object> field = fields.hasNext() ? fields.next() : null;
            int written = 0;
            for (int i = 0; i < ProductFields.NAMES.size(); i++) {
                String name = ProductFields.NAMES.get(i);
                line.append('\t');
                if (field != null && field.getKey().equals(name)) {
                    Object value = field.getValue();
                    if (value instanceof BigDecimal d) {
                        String plain = d.toPlainString();
                        line.append(plain);
                        whole &= ProductFields.isDecimal(i) && ProductValues.isCanonical(d, plain);
                    } else if (value != null) {
                        String text = value.toString();
                        String cell = clean(text);
                        line.append(cell);
                        whole &= cell == text && !text.isEmpty() && !ProductFields.isDecimal(i);
                    }
                    written++;
                    field = fields.hasNext() ? fields.next() : null;
                }
            }
            whole &= v.fields() == null || written == v.fields().size();
        }
        line.append('\t');
        if (v.quantity() != null) {
            line.append(v.quantity()).append('\t').append(quantityUpdateType);
        } else {
            line.append('\t');
        }
        if (layout == Layout.FULL) {
            int written = 0;
            for (String name : attributeNames) {
                line.append('\t');
                String value = v.attributes() == null ? null : v.attributes().get(name);
                if (value != null) {
                    String cell = clean(value);
                    line.append(cell);
                    whole &= cell == value && !value.isEmpty() && clean(name) == name;
                    written++;
                }
            }
            whole &= v.attributes() == null || written == v.attributes().size();
        }
        line.append('\n');
        return whole;
    }

    /** A value as one cell: tabs and line breaks would end the cell or the row, so they become spaces. */
    static String clean(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') {
                return value.replace('\t', ' ').replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
            }
        }
        return value;
    }

    /** One file being written, with its ledger. */
    private final class Part {
        private final String name;
        private final Path path;
        private final Path ledgerPath;
        private final OutputStream out;
        private final BufferedWriter ledger;
        private final MessageDigest digest;
        private long bytes;
        private int rows;

        Part(String name, String header) throws IOException {
            this.name = name;
            this.path = folder.resolve(name);
            this.ledgerPath = folder.resolve(name + ".ledger");
            this.out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
            this.ledger = Files.newBufferedWriter(ledgerPath, StandardCharsets.UTF_8);
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("this Java has no SHA-256", e);
            }
            byte[] h = header.getBytes(StandardCharsets.UTF_8);
            write(h);
        }

        /** A row's line; a row whose line does not give its values back gets its ledger entry. */
        void add(byte[] line, Row row, boolean whole) throws IOException {
            write(line);
            rows++;
            if (!whole) {
                // the header is line 1, so the row's line is its count plus one
                ledger.write(Integer.toString(rows + 1));
                ledger.write('\t');
                ledger.write(clean(row.sku()));
                ledger.write('\t');
                ledger.write(row.values().hash());
                ledger.write('\t');
                ledger.write(row.values().toJson());
                ledger.write('\n');
            }
        }

        private void write(byte[] b) throws IOException {
            out.write(b);
            digest.update(b);
            bytes += b.length;
        }

        BulkFile finish() throws IOException {
            try {
                out.close();
                ledger.close();
            } catch (IOException e) {
                abandon();
                throw e;
            }
            return new BulkFile(name, path, ledgerPath, rows, bytes, HexFormat.of().formatHex(digest.digest()));
        }

        /** Closes what can be closed (a full disk refuses the buffered rest) and removes the file and its ledger. */
        void abandon() {
            try {
                out.close();
            } catch (IOException ignored) {
                // the file goes anyway
            }
            try {
                ledger.close();
            } catch (IOException ignored) {
                // the ledger goes anyway
            }
            remove(path, ledgerPath);
        }
    }

    /** The progress line of long writes. */
    private static final class Progress {
        private final String what;
        private final long expected;
        private final ProgressClock clock = new ProgressClock();
        private long rows;

        Progress(String what, long expected) {
            this.what = what;
            this.expected = expected;
        }

        void row() {
            rows++;
            if ((rows & 1023) == 0 && clock.due()) {
                log();
            }
        }

        void done() {
            if (clock.wasLong()) {
                log();
            }
        }

        private void log() {
            String left = expected > rows ? clock.secondsLeft(rows, expected - rows) + " s left" : "almost done";
            LOG.info("products-bulk: {} rows written to {} in {} s ({} rows/s, {})", rows, what, clock.seconds(),
                    clock.perSecond(rows), left);
        }
    }
}
