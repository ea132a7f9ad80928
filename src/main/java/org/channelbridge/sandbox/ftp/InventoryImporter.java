package org.channelbridge.sandbox.ftp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.channelbridge.sandbox.SandboxSettings;
import org.channelbridge.sandbox.api.ApiError;
import org.channelbridge.sandbox.odata.CaFormat;
import org.channelbridge.sandbox.products.ProductStore;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Applies an inventory file in ChannelAdvisor's default spreadsheet layout to the product store, row by row:
 * a bad row is reported with its line number and the good rows still apply. Empty cells leave a field as it
 * is; columns that are not standard spreadsheet columns become attributes of that name.
 */
public final class InventoryImporter {
    private static final Map<String, String> COLUMNS = new HashMap<>();
    private static final Set<String> MONEY = Set.of("RetailPrice", "StartingPrice", "ReservePrice", "BuyItNowPrice",
            "Cost", "StorePrice", "SecondChancePrice");
    private static final Set<String> DECIMAL = Set.of("Weight", "Height", "Length", "Width");

    static {
        String[][] pairs = {{"Inventory Number", "Sku"}, {"Auction Title", "Title"}, {"Retail Price", "RetailPrice"},
                {"Starting Bid", "StartingPrice"}, {"Starting Price", "StartingPrice"}, {"Reserve", "ReservePrice"},
                {"Reserve Price", "ReservePrice"}, {"Buy It Now Price", "BuyItNowPrice"}, {"Seller Cost", "Cost"},
                {"Cost", "Cost"}, {"Store Price", "StorePrice"}, {"Second Chance Offer Price", "SecondChancePrice"},
                {"Description", "Description"}, {"Short Description", "ShortDescription"}, {"Subtitle", "Subtitle"},
                {"Auction Subtitle", "Subtitle"}, {"Brand", "Brand"}, {"Manufacturer", "Manufacturer"}, {"MPN", "MPN"},
                {"UPC", "UPC"}, {"EAN", "EAN"}, {"ISBN", "ISBN"}, {"ASIN", "ASIN"}, {"Weight", "Weight"},
                {"Height", "Height"}, {"Length", "Length"}, {"Width", "Width"}, {"Condition", "Condition"},
                {"Warehouse Location", "WarehouseLocation"}, {"Warranty", "Warranty"},
                {"Harmonized Code", "HarmonizedCode"}, {"Supplier Name", "SupplierName"},
                {"Supplier Code", "SupplierCode"}, {"Supplier PO", "SupplierPO"}, {"Classification", "Classification"},
                {"Quantity", null}, {"Quantity Update Type", null}, {"Labels", null}};
        for (String[] p : pairs) {
            COLUMNS.put(p[0].toLowerCase(Locale.ROOT), p[1]);
        }
    }

    /** Import methods, as named in ChannelAdvisor's inventory settings. */
    public enum Method { ALL, NEW_ONLY, UPDATES_ONLY }

    private final SandboxSettings settings;
    private final ProductStore products;

    public InventoryImporter(SandboxSettings settings, ProductStore products) {
        this.settings = settings;
        this.products = products;
    }

    /** Imports one file; the result is its status record as {@code GET /sandbox/stats} shows it. */
    public ObjectNode apply(String name, String text, Method method, Instant now) {
        ObjectNode status = CaFormat.JSON.createObjectNode();
        status.put("importMethod", method.name());
        ArrayNode errors = CaFormat.JSON.createArrayNode();
        InventoryFile file = InventoryFile.parse(name, text);
        int sku = file.header().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList().indexOf("inventory number");
        if (sku < 0) {
            errors.addObject().put("row", 1).put("message", "The header row has no 'Inventory Number' column.");
            status.put("status", "Failed").put("rows", file.rows().size()).put("applied", 0);
            status.set("errors", errors);
            return status;
        }
        for (String h : file.header()) {
            if (!h.isEmpty() && Character.isDigit(h.charAt(0))) {
                errors.addObject().put("row", 1).put("message", "Header '" + h + "' starts with a digit.");
            }
        }
        int applied = 0;
        for (InventoryFile.Row row : file.rows()) {
            try {
                applyRow(file.header(), row, method, now);
                applied++;
            } catch (ApiError e) {
                errors.addObject().put("row", row.line()).put("message", e.getMessage());
            }
        }
        status.put("status", errors.isEmpty() ? "Processed" : applied == 0 ? "Failed" : "ProcessedWithErrors");
        status.put("rows", file.rows().size()).put("applied", applied);
        status.set("errors", errors);
        return status;
    }

    private void applyRow(List<String> header, InventoryFile.Row row, Method method, Instant now) {
        if (row.cells().size() != header.size()) {
            throw new ApiError(400, "The row has " + row.cells().size() + " columns; the header has " + header.size() + ".");
        }
        ObjectNode fields = CaFormat.JSON.createObjectNode();
        Map<String, String> attributes = new LinkedHashMap<>();
        List<String> labels = new ArrayList<>();
        String quantity = null;
        String updateType = null;
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i);
            String value = row.cells().get(i).trim();
            if (value.isEmpty() || column.isEmpty()) {
                continue;
            }
            String key = column.toLowerCase(Locale.ROOT);
            if (!COLUMNS.containsKey(key)) {
                attributes.put(column, value);
            } else if (key.equals("quantity")) {
                quantity = value;
            } else if (key.equals("quantity update type")) {
                updateType = value;
            } else if (key.equals("labels")) {
                for (String l : value.split(",")) {
                    if (!l.isBlank()) {
                        labels.add(l.trim());
                    }
                }
            } else {
                String field = COLUMNS.get(key);
                if (MONEY.contains(field) || DECIMAL.contains(field)) {
                    fields.set(field, number(column, value));
                } else {
                    fields.put(field, value);
                }
            }
        }
        String sku = fields.path("Sku").asText("");
        if (sku.isEmpty()) {
            throw new ApiError(400, "Inventory Number is empty.");
        }
        ObjectNode existing = products.bySku(sku);
        if (existing != null && method == Method.NEW_ONLY) {
            throw new ApiError(400, "Inventory Number '" + sku + "' already exists; the file is New Only.");
        }
        if (existing == null && method == Method.UPDATES_ONLY) {
            throw new ApiError(400, "Inventory Number '" + sku + "' does not exist; the file is Updates Only.");
        }
        if (existing == null && !fields.hasNonNull("Title")) {
            throw new ApiError(400, "Auction Title is required for a new product.");
        }
        Integer q = null;
        if (quantity != null) {
            try {
                q = Integer.valueOf(quantity);
            } catch (NumberFormatException e) {
                throw new ApiError(400, "Quantity '" + quantity + "' is not a whole number.");
            }
        }
        String type = ProductStore.updateType(updateType == null ? "Absolute" : updateType);
        for (String a : attributes.keySet()) {
            if (a.length() > 32) {
                throw new ApiError(400, "Attribute name '" + a + "' is longer than 32 characters.");
            }
        }
        ObjectNode p;
        int dc = settings.distributionCenters.get(0).id();
        if (existing == null) {
            p = products.create(fields, now);
            if (q != null) {
                products.applyQuantity(p, "Absolute", dc, q, false);
                products.quantityChanged(p, now);
            }
        } else {
            p = existing;
            fields.remove("Sku");
            products.update(p.get("ID").asLong(), fields, now);
            if (q != null) {
                products.applyQuantity(p, type, dc, q, true);
                products.quantityChanged(p, now);
            }
        }
        long id = p.get("ID").asLong();
        attributes.forEach((k, v) -> products.setAttribute(id, k, v, now));
        labels.forEach(l -> products.addLabel(id, l, now));
    }

    private static com.fasterxml.jackson.databind.JsonNode number(String column, String value) {
        try {
            return CaFormat.JSON.getNodeFactory().numberNode(new BigDecimal(value.replace("$", "")));
        } catch (NumberFormatException e) {
            throw new ApiError(400, column + " '" + value + "' is not a number.");
        }
    }
}
