package org.channelbridge.flow.products;

import org.channelbridge.system2.CatalogProduct;
import org.channelbridge.system2.SyncState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which changed products get a row in a delta inventory file. The row's values are what {@code sync_state} records
 * as sent once the file is processed, so a row must never claim more than its file carries.
 */
class DeltaFileRowTest {

    private final ProductDelta delta = new ProductDelta();

    @Test
    void aProductWhoseTitleChangedSinceTheCountHasNoRowInAQuantityOnlyFile() {
        CatalogProduct product = sentThenChanged("Kettle", "7", "Kettle 2.0", "9");
        List<ProductChange> invalid = new ArrayList<>();

        assertThat(ProductsBulk.deltaRow(delta, product, InventoryFileWriter.Layout.QUANTITY_ONLY, invalid::add))
                .as("its title would be recorded as sent while the file carries the quantity alone").isNull();
        InventoryFileWriter.Row full = ProductsBulk.deltaRow(delta, product, InventoryFileWriter.Layout.FULL,
                invalid::add);
        assertThat(full).isNotNull();
        assertThat(full.values().fields()).containsEntry("Title", "Kettle 2.0");
        assertThat(full.values().quantity()).isEqualTo(9);
        assertThat(invalid).isEmpty();
    }

    @Test
    void aProductWhoseQuantityAloneChangedHasItsRowInAQuantityOnlyFile() {
        CatalogProduct product = sentThenChanged("Kettle", "7", "Kettle", "9");

        InventoryFileWriter.Row row = ProductsBulk.deltaRow(delta, product, InventoryFileWriter.Layout.QUANTITY_ONLY,
                c -> { });

        assertThat(row).isNotNull();
        assertThat(row.values().quantity()).isEqualTo(9);
        assertThat(row.values().fields()).containsEntry("Title", "Kettle");
    }

    @Test
    void anUnchangedProductHasNoRowAndAnInvalidOneIsHandedBack() {
        List<ProductChange> invalid = new ArrayList<>();

        assertThat(ProductsBulk.deltaRow(delta, sentThenChanged("Kettle", "7", "Kettle", "7"),
                InventoryFileWriter.Layout.FULL, invalid::add)).isNull();
        assertThat(ProductsBulk.deltaRow(delta, sentThenChanged("Kettle", "7", "Kettle", "-1"),
                InventoryFileWriter.Layout.FULL, invalid::add)).isNull();
        assertThat(invalid).hasSize(1);
    }

    /** A product ChannelAdvisor got with one title and quantity, as the catalog reads it once System2 has others. */
    private CatalogProduct sentThenChanged(String sentTitle, String sentQuantity, String title, String quantity) {
        ProductValues sent = delta.valuesOf(product(sentTitle, sentQuantity, null), new ArrayList<>());
        return product(title, quantity, new SyncState("K-1", 1001L, sent.hash(), sent.toJson(), SyncState.SYNCED, 1));
    }

    private static CatalogProduct product(String title, String quantity, SyncState state) {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("title", title);
        columns.put("quantity", quantity);
        return new CatalogProduct("K-1", columns, new TreeMap<>(), state);
    }
}
