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
    void aQuantityOnlyFileHasTheSkuAndQuantityColumnsAlone() throws Exception {
        List<BulkFile> files = new InventoryFileWriter(folder, 1 << 20).write(List.of(
                new InventoryFileWriter.Row("K-1", new ProductValues(Map.of("Title", "Kettle"), 3, null))).iterator(),
                InventoryFileWriter.Layout.QUANTITY_ONLY, List.of(), "All_q", 1);

        assertThat(Files.readAllLines(files.get(0).path())).containsExactly(
                "Inventory Number\tQuantity\tQuantity Update Type", "K-1\t3\tAbsolute");
    }

    @Test
    void rowsPastTheSizeLimitGoToAnotherFileEachWithItsHeaderAndLedger() throws Exception {
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
            assertThat(Files.readAllLines(f.ledger())).hasSize(f.rows());
        }
        assertThat(files.stream().map(BulkFile::hash).distinct()).hasSameSizeAs(files);
    }
}
