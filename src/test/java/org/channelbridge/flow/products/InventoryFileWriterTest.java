package org.channelbridge.flow.products;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class InventoryFileWriterTest {

    @TempDir
    Path folder;

    @Test
    void aFileHasChannelAdvisorsColumnNamesOneLinePerProductAndNoTabOrLineBreakInsideAValue() throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Title", "Kettle\twith\r\nbreaks");
        fields.put("RetailPrice", new BigDecimal("10.5"));
        TreeMap<String, String> attributes = new TreeMap<>(Map.of("Color", "Red\nish"));
        List<BulkFile> files = new InventoryFileWriter(folder, 1 << 20).write(List.of(
                new InventoryFileWriter.Row("K-1", new ProductValues(fields, 7, attributes))).iterator(),
                InventoryFileWriter.Layout.FULL, List.of("Color", "Size"), "All_test", 1);

        assertThat(files).hasSize(1);
        List<String> lines = Files.readAllLines(files.get(0).path(), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        List<String> header = List.of(lines.get(0).split("\t", -1));
        List<String> row = List.of(lines.get(1).split("\t", -1));
        assertThat(header).startsWith("Inventory Number", "Auction Title").contains("Retail Price", "Quantity",
                "Quantity Update Type", "Seller Cost", "Buy It Now Price").endsWith("Color", "Size");
        assertThat(row).hasSameSizeAs(header);
        assertThat(row.get(header.indexOf("Auction Title"))).isEqualTo("Kettle with breaks");
        assertThat(row.get(header.indexOf("Retail Price"))).isEqualTo("10.5");
        assertThat(row.get(header.indexOf("Quantity"))).isEqualTo("7");
        assertThat(row.get(header.indexOf("Quantity Update Type"))).isEqualTo("Absolute");
        assertThat(row.get(header.indexOf("Color"))).isEqualTo("Red ish");
        assertThat(row.get(header.indexOf("Size"))).isEmpty();
    }

    @Test
    void aRunWhoseRowsStopComingMidwayLeavesNoFileBehindNotEvenTheFinishedParts() throws Exception {
        java.util.Iterator<InventoryFileWriter.Row> rows = new java.util.Iterator<>() {
            private int n;

            @Override
            public boolean hasNext() {
                if (n == 500) {
                    throw new IllegalStateException("System2's cursor broke");
                }
                return true;
            }

            @Override
            public InventoryFileWriter.Row next() {
                n++;
                return new InventoryFileWriter.Row("S-" + n, new ProductValues(Map.of("Title", "Product " + n), n, null));
            }
        };

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new InventoryFileWriter(folder, 4096).write(rows,
                InventoryFileWriter.Layout.FULL, List.of(), "All_broken", 1000)).hasMessageContaining("cursor broke");

        try (var left = Files.list(folder)) {
            assertThat(left).as("files and ledgers of the unfinished run").isEmpty();
        }
    }

    @Test
    void aQuantityOnlyFileHasTheSkuAndQuantityColumnsAlone() throws Exception {
        List<BulkFile> files = new InventoryFileWriter(folder, 1 << 20).write(List.of(
                new InventoryFileWriter.Row("K-1", new ProductValues(Map.of("Title", "Kettle"), 3, null))).iterator(),
                InventoryFileWriter.Layout.QUANTITY_ONLY, List.of(), "All_q", 1);

        assertThat(Files.readAllLines(files.get(0).path())).containsExactly(
                "Inventory Number\tQuantity\tQuantity Update Type", "K-1\t3\tAbsolute");
    }

    @Test
    void rowsPastTheSizeLimitGoToAnotherFileEachWithItsHeaderAndRowsThatReadBack() throws Exception {
        List<InventoryFileWriter.Row> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add(new InventoryFileWriter.Row("S-" + i, new ProductValues(Map.of("Title", "x".repeat(100)), i,
                    null)));
        }
        List<BulkFile> files = new InventoryFileWriter(folder, 2_000).write(rows.iterator(),
                InventoryFileWriter.Layout.FULL, List.of(), "All_split", rows.size());

        assertThat(files.size()).isGreaterThan(1);
        assertThat(files).allMatch(f -> f.bytes() <= 2_000);
        assertThat(files.stream().mapToInt(BulkFile::rows).sum()).isEqualTo(100);
        for (BulkFile f : files) {
            assertThat(Files.readAllLines(f.path()).get(0)).startsWith("Inventory Number\t");
            assertThat(Files.readAllLines(f.ledger())).as("every line carries its values").isEmpty();
            assertThat(readBack(f)).hasSize(f.rows());
        }
        assertThat(files.stream().map(BulkFile::hash).distinct()).hasSameSizeAs(files);
    }

    @Test
    void eachRowReadsBackWithTheValuesAndHashItWasWrittenWith() throws Exception {
        Map<String, Object> plain = new LinkedHashMap<>();
        plain.put("Title", "Kettle 1.7 l");
        plain.put("Brand", "Acme");
        plain.put("Weight", ProductValues.canonicalDecimal(new BigDecimal("1.250")));
        plain.put("RetailPrice", ProductValues.canonicalDecimal(new BigDecimal("40")));
        Map<String, Object> withTab = new LinkedHashMap<>(Map.of("Title", "Kettle\twith tab"));
        Map<String, Object> withEmpty = new LinkedHashMap<>(Map.of("Title", ""));
        List<InventoryFileWriter.Row> rows = List.of(
                new InventoryFileWriter.Row("K-1", new ProductValues(plain, 7, new TreeMap<>(Map.of("Color", "Red")))),
                new InventoryFileWriter.Row("K-2", new ProductValues(withTab, 1, new TreeMap<>())),
                new InventoryFileWriter.Row("K-3", new ProductValues(withEmpty, null, new TreeMap<>(Map.of("Size", "")))),
                new InventoryFileWriter.Row("K-4", new ProductValues(new LinkedHashMap<>(), 0,
                        new TreeMap<>(Map.of("Size", "XL", "Color", "Blue")))));
        BulkFile file = new InventoryFileWriter(folder, 1 << 20).write(rows.iterator(), InventoryFileWriter.Layout.FULL,
                List.of("Color", "Size"), "All_back", rows.size()).get(0);

        List<InventoryFileRows.SentRow> back = readBack(file);

        assertThat(back).extracting(InventoryFileRows.SentRow::line).containsExactly(2, 3, 4, 5);
        for (int i = 0; i < rows.size(); i++) {
            ProductValues sent = rows.get(i).values();
            assertThat(back.get(i).sku()).isEqualTo(rows.get(i).sku());
            assertThat(ProductValues.fromJson(back.get(i).values())).as(rows.get(i).sku()).isEqualTo(sent);
            assertThat(back.get(i).hash()).as(rows.get(i).sku()).isEqualTo(sent.hash());
        }
        assertThat(Files.readAllLines(file.ledger())).as("only the rows a line cannot carry")
                .extracting(l -> l.split("\t")[1]).containsExactly("K-2", "K-3");
    }

    @Test
    void aQuantityOnlyFileReadsBackTheWholeValuesFromItsLedger() throws Exception {
        ProductValues values = new ProductValues(new LinkedHashMap<>(Map.of("Title", "Kettle")), 3, new TreeMap<>());
        BulkFile file = new InventoryFileWriter(folder, 1 << 20).write(
                List.of(new InventoryFileWriter.Row("K-1", values)).iterator(),
                InventoryFileWriter.Layout.QUANTITY_ONLY, List.of(), "All_q", 1).get(0);

        List<InventoryFileRows.SentRow> back = readBack(file);

        assertThat(back).hasSize(1);
        assertThat(ProductValues.fromJson(back.get(0).values())).isEqualTo(values);
        assertThat(back.get(0).hash()).isEqualTo(values.hash());
    }

    private static List<InventoryFileRows.SentRow> readBack(BulkFile file) throws Exception {
        List<InventoryFileRows.SentRow> rows = new ArrayList<>();
        try (InventoryFileRows reader = new InventoryFileRows(file.path(), file.ledger())) {
            for (InventoryFileRows.SentRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
        }
        return rows;
    }
}
