package org.channelbridge.sandbox.products;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.channelbridge.sandbox.odata.CaFormat;
import org.channelbridge.sandbox.odata.FieldType;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The Product entity as the live API returns it: the fields of the real response in their order, each with
 * its type, and the navigation collections that only {@code $expand} shows.
 */
final class ProductShape {
    static final Map<String, FieldType> FIELDS = new LinkedHashMap<>();
    static final Set<String> READ_ONLY = Set.of("ID", "ProfileID", "CreateDateUtc", "UpdateDateUtc",
            "QuantityUpdateDateUtc", "TotalAvailableQuantity", "OpenAllocatedQuantity", "OpenAllocatedQuantityPooled",
            "PendingCheckoutQuantity", "PendingCheckoutQuantityPooled", "PendingPaymentQuantity",
            "PendingPaymentQuantityPooled", "PendingShipmentQuantity", "PendingShipmentQuantityPooled", "TotalQuantity",
            "TotalQuantityPooled", "IsParent", "IsInRelationship");
    static final Set<String> BUNDLE_TYPES = Set.of("None", "BundleComponent", "BundleItem", "AssemblyBundleItem");
    static final String[] NAVIGATIONS = {"Attributes", "DCQuantities", "Images", "Labels", "BundleComponents", "Children"};

    static {
        FieldType s = FieldType.STRING;
        put(FieldType.INT, "ID", "ProfileID");
        put(FieldType.DATE, "CreateDateUtc", "UpdateDateUtc", "QuantityUpdateDateUtc");
        put(FieldType.BOOL, "IsAvailableInStore", "IsBlocked", "IsExternalQuantityBlocked");
        put(s, "BlockComment");
        put(FieldType.DATE, "BlockedDateUtc", "ReceivedDateUtc", "LastSaleDateUtc");
        put(s, "ASIN", "Brand", "Condition", "Description", "EAN", "FlagDescription", "Flag", "HarmonizedCode", "ISBN",
                "Manufacturer", "MPN", "ShortDescription", "Sku", "Subtitle", "TaxProductCode", "Title", "UPC",
                "WarehouseLocation", "Warranty");
        put(FieldType.DECIMAL, "Height", "Length", "Width", "Weight");
        put(FieldType.MONEY, "Cost", "Margin", "RetailPrice", "StartingPrice", "ReservePrice", "BuyItNowPrice",
                "StorePrice", "SecondChancePrice");
        put(s, "SupplierName", "SupplierCode", "SupplierPO", "Classification");
        put(FieldType.BOOL, "IsDisplayInStore");
        put(s, "StoreTitle", "StoreDescription", "BundleType");
        put(FieldType.INT, "TotalAvailableQuantity", "OpenAllocatedQuantity", "OpenAllocatedQuantityPooled",
                "PendingCheckoutQuantity", "PendingCheckoutQuantityPooled", "PendingPaymentQuantity",
                "PendingPaymentQuantityPooled", "PendingShipmentQuantity", "PendingShipmentQuantityPooled",
                "TotalQuantity", "TotalQuantityPooled");
        put(FieldType.BOOL, "IsParent", "IsInRelationship");
        put(FieldType.INT, "ParentProductID");
        put(s, "RelationshipName", "USP", "CategoryPath", "CategoryCode");
    }

    private static void put(FieldType t, String... names) {
        for (String n : names) {
            FIELDS.put(n, t);
        }
    }

    private ProductShape() {
    }

    /** A new product: explicit nulls, ChannelAdvisor's defaults, zero quantities, empty navigations. */
    static ObjectNode blank() {
        ObjectNode p = CaFormat.JSON.createObjectNode();
        for (String f : FIELDS.keySet()) {
            p.putNull(f);
        }
        for (String f : new String[]{"IsAvailableInStore", "IsBlocked", "IsExternalQuantityBlocked", "IsParent",
                "IsInRelationship"}) {
            p.put(f, false);
        }
        p.put("Flag", "NoFlag");
        p.put("BundleType", "None");
        FIELDS.forEach((f, t) -> {
            if (t == FieldType.INT && (f.endsWith("Quantity") || f.endsWith("QuantityPooled"))) {
                p.put(f, 0);
            }
        });
        for (String nav : NAVIGATIONS) {
            p.putArray(nav);
        }
        return p;
    }

    /** The shape used to check $select and $expand names, with one element in each navigation. */
    static ObjectNode template() {
        ObjectNode t = blank();
        t.withArray("Attributes").addObject().put("ProductID", 0).put("ProfileID", 0).put("Name", "").put("Value", "");
        t.withArray("DCQuantities").addObject().put("ProductID", 0).put("ProfileID", 0).put("DistributionCenterID", 0)
                .put("AvailableQuantity", 0);
        t.withArray("Images").addObject().put("ProductID", 0).put("ProfileID", 0).put("PlacementName", "")
                .put("Abbreviation", "").put("Url", "");
        t.withArray("Labels").addObject().put("ProductID", 0).put("ProfileID", 0).put("Name", "");
        return t;
    }
}
