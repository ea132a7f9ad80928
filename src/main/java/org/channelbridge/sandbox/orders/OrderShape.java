package org.channelbridge.sandbox.orders;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.channelbridge.sandbox.odata.CaFormat;

/**
 * The Order entity and its parts as the v1 model names them: every field present (null when empty), the
 * navigation collections kept as arrays that only {@code $expand} shows.
 */
final class OrderShape {
    static final String[] ORDER = {"ID", "ProfileID", "SiteID", "SiteName", "SiteAccountID", "SiteOrderID",
            "SecondarySiteOrderID", "SellerOrderID", "CheckoutSourceID", "Currency", "CreatedDateUtc", "ImportDateUtc",
            "UpdatedDateUtc", "PublicNotes", "PrivateNotes", "SpecialInstructions", "TotalPrice", "TotalTaxPrice",
            "TotalShippingPrice", "TotalShippingTaxPrice", "TotalInsurancePrice", "TotalGiftOptionPrice",
            "TotalGiftOptionTaxPrice", "AdditionalCostOrDiscount", "EstimatedShipDateUtc", "DeliverByDateUtc",
            "RequestedShippingCarrier", "RequestedShippingClass", "ResellerID", "FlagID", "FlagDescription", "OrderTags",
            "DistributionCenterTypeRollup", "CheckoutStatus", "PaymentStatus", "ShippingStatus", "CheckoutDateUtc",
            "PaymentDateUtc", "ShippingDateUtc", "BuyerUserId", "BuyerEmailAddress", "BuyerEmailOptIn", "OrderTaxType",
            "ShippingTaxType", "GiftOptionsTaxType", "PaymentMethod", "PaymentTransactionID", "PaymentPaypalAccountID",
            "PaymentCreditCardLast4", "PaymentMerchantReferenceNumber", "ShippingTitle", "ShippingFirstName",
            "ShippingLastName", "ShippingSuffix", "ShippingCompanyName", "ShippingCompanyJobTitle", "ShippingDaytimePhone",
            "ShippingEveningPhone", "ShippingAddressLine1", "ShippingAddressLine2", "ShippingCity",
            "ShippingStateOrProvince", "ShippingStateOrProvinceName", "ShippingPostalCode", "ShippingCountry",
            "BillingTitle", "BillingFirstName", "BillingLastName", "BillingSuffix", "BillingCompanyName",
            "BillingCompanyJobTitle", "BillingDaytimePhone", "BillingEveningPhone", "BillingAddressLine1",
            "BillingAddressLine2", "BillingCity", "BillingStateOrProvince", "BillingStateOrProvinceName",
            "BillingPostalCode", "BillingCountry", "PromotionCode", "PromotionAmount"};
    static final String[] ORDER_NAVIGATIONS = {"Items", "Fulfillments", "Adjustments", "CustomFields"};
    static final String[] ITEM = {"ID", "ProfileID", "OrderID", "ProductID", "SiteOrderItemID", "SellerOrderItemID",
            "SiteListingID", "Sku", "Title", "Quantity", "UnitPrice", "TaxPrice", "ShippingPrice", "ShippingTaxPrice",
            "RecyclingFee", "UnitEstimatedShippingCost", "GiftMessage", "GiftNotes", "GiftPrice", "GiftTaxPrice",
            "IsBundle", "ItemURL", "HarmonizedCode"};
    static final String[] ITEM_NAVIGATIONS = {"Promotions", "FulfillmentItems", "Adjustments", "BundleComponents"};
    static final String[] FULFILLMENT = {"ID", "ProfileID", "OrderID", "CreatedDateUtc", "UpdatedDateUtc", "Type",
            "DeliveryStatus", "TrackingNumber", "TrackingUrl", "ReturnTrackingNumber", "ShippingCarrier",
            "ShippingClass", "DistributionCenterID", "ExternalFulfillmentCenterCode", "ExternalFulfillmentStatus",
            "ShippingCost", "InsuranceCost", "TaxCost", "ShippedDateUtc", "SellerFulfillmentID", "HasShippingLabel"};
    static final String[] FULFILLMENT_ITEM = {"ID", "ProfileID", "FulfillmentID", "OrderID", "OrderItemID",
            "ProductID", "Quantity", "SellerFulfillmentItemID"};
    static final String[] ADJUSTMENT = {"ID", "ProfileID", "OrderID", "OrderItemID", "Quantity", "IsRestock", "Reason",
            "ItemAdjustment", "TaxAdjustment", "ShippingAdjustment", "ShippingTaxAdjustment", "GiftWrapAdjustment",
            "GiftWrapTaxAdjustment", "RecyclingFeeAdjustment", "Type", "SellerAdjustmentID", "SiteAdjustmentID",
            "RmaNumber", "Comment", "CreatedDateUtc", "RequestStatus", "RestockStatus", "ReturnShippingFee",
            "RestockingFee", "ReturnTrackingNumberOrUrl", "ReturnShippingMethod"};

    private OrderShape() {
    }

    static ObjectNode blank(String[] fields, String... navigations) {
        ObjectNode n = CaFormat.JSON.createObjectNode();
        for (String f : fields) {
            n.putNull(f);
        }
        for (String nav : navigations) {
            n.putArray(nav);
        }
        return n;
    }

    static ObjectNode fulfillment() {
        return blank(FULFILLMENT, "Items");
    }

    static ObjectNode item() {
        return blank(ITEM, ITEM_NAVIGATIONS);
    }

    /** The shape used to check $select and $expand names, with one element in each navigation. */
    static ObjectNode template() {
        ObjectNode order = blank(ORDER, ORDER_NAVIGATIONS);
        ObjectNode item = item();
        item.withArray("FulfillmentItems").add(blank(FULFILLMENT_ITEM));
        item.withArray("Adjustments").add(blank(ADJUSTMENT));
        item.withArray("Promotions").add(blank(new String[]{"ID", "Code", "Amount", "ShippingAmount"}));
        order.withArray("Items").add(item);
        ObjectNode f = fulfillment();
        f.withArray("Items").add(blank(FULFILLMENT_ITEM));
        order.withArray("Fulfillments").add(f);
        order.withArray("Adjustments").add(blank(ADJUSTMENT));
        order.withArray("CustomFields").add(blank(new String[]{"ID", "ProfileID", "OrderID", "FieldID", "Value"}));
        return order;
    }
}
