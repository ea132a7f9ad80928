package org.channelbridge.sandbox.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.channelbridge.sandbox.odata.CaFormat;
import org.channelbridge.sandbox.products.ProductStore;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Makes realistic marketplace orders: a site and its order-number format, a buyer with shipping and billing
 * addresses, items over known products with totals that add up, and a spread of payment, checkout and
 * shipping states so that a ready-to-ship filter selects some and not others.
 */
final class OrderSeeder {

    /** What one seeded order should look like. */
    record Plan(boolean ready, int manyItems, boolean unknownSku) {
    }

    private record Site(int id, String name, String accountId) {
    }

    private static final Site[] SITES = {
            new Site(640, "Amazon Seller Central - US", "A2EUQ1WTGCTBG2"),
            new Site(578, "eBay Fixed Price", "ebay-sandbox-store"),
            new Site(1036, "Walmart Marketplace", "wm-10042")};
    private static final String[] FIRST = {"Olivia", "Liam", "Emma", "Noah", "Ava", "Mateo", "Sofia", "Lucas", "Mia",
            "Ethan", "Amelia", "James", "Harper", "Benjamin", "Chloe", "Daniel"};
    private static final String[] LAST = {"Smith", "Johnson", "Garcia", "Brown", "Miller", "Davis", "Rodriguez",
            "Martinez", "Wilson", "Anderson", "Thomas", "Nguyen", "O'Brien", "Kowalski"};
    private static final String[][] PLACES = {
            {"Raleigh", "NC", "North Carolina", "27601"}, {"Austin", "TX", "Texas", "73301"},
            {"Portland", "OR", "Oregon", "97201"}, {"Columbus", "OH", "Ohio", "43004"},
            {"Denver", "CO", "Colorado", "80202"}, {"Madison", "WI", "Wisconsin", "53703"},
            {"Tampa", "FL", "Florida", "33602"}, {"Albany", "NY", "New York", "12207"}};
    private static final String[] STREETS = {"Maple Ave", "Oak St", "Pine Rd", "Cedar Ln", "Elm St", "Lakeview Dr",
            "Hillcrest Blvd", "Willow Way"};
    /** Not-ready states, in the order the seeder cycles through them: {checkout, payment, shipping}. */
    private static final String[][] NOT_READY = {
            {"Completed", "Submitted", "Unshipped"}, {"Visited", "NotYetSubmitted", "Unshipped"},
            {"Completed", "Cleared", "Shipped"}, {"CompletedAndVisited", "Cleared", "Canceled"},
            {"NotVisited", "NotYetSubmitted", "Unshipped"}, {"Completed", "Failed", "Unshipped"},
            {"Completed", "Cleared", "Shipped"}};
    private static final String[][] READY = {
            {"Completed", "Cleared", "Unshipped"}, {"CompletedAndVisited", "Cleared", "Unshipped"},
            {"Completed", "Cleared", "PendingShipment"}, {"CompletedOffline", "Cleared", "Unshipped"}};

    private final Random random = new Random(20240611L);
    private int sequence;

    /** The plans for a seed request: readiness mixed about half and half unless only ready ones are asked for. */
    List<Plan> plans(int count, boolean readyOnly, int withManyItems, int unknownSkus) {
        List<Plan> plans = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean ready = readyOnly || i % 2 == 0 || i % 7 == 3;
            plans.add(new Plan(ready || i < withManyItems || i < unknownSkus, i < withManyItems ? 25 : 0, i < unknownSkus));
        }
        return plans;
    }

    /**
     * Builds one order. Items take products from {@code candidates} (id, Sku, title, price), or invented Skus
     * when there are none.
     */
    ObjectNode build(Plan plan, long profileId, Instant now, List<JsonNode> candidates, OrderIds ids) {
        int n = sequence++;
        Site site = SITES[n % SITES.length];
        String[] state = plan.ready ? READY[n % READY.length] : NOT_READY[n % NOT_READY.length];
        ObjectNode o = OrderShape.blank(OrderShape.ORDER, OrderShape.ORDER_NAVIGATIONS);
        long id = ids.nextOrder();
        Instant created = now.minus(Duration.ofMinutes(5 + random.nextInt(600)));
        o.put("ID", id).put("ProfileID", profileId).put("SiteID", site.id).put("SiteName", site.name)
                .put("SiteAccountID", site.accountId).put("SiteOrderID", siteOrderId(site))
                .put("SellerOrderID", "SO-" + id).put("CheckoutSourceID", (String) null).put("Currency", "USD");
        o.put("CreatedDateUtc", CaFormat.date(created)).put("ImportDateUtc", CaFormat.date(now))
                .put("UpdatedDateUtc", CaFormat.date(now));
        String first = FIRST[random.nextInt(FIRST.length)];
        String last = LAST[random.nextInt(LAST.length)];
        o.put("BuyerUserId", (first + "." + last).toLowerCase().replace("'", "") + random.nextInt(100));
        o.put("BuyerEmailAddress", (first + "." + last).toLowerCase().replace("'", "") + "@example.com");
        o.put("BuyerEmailOptIn", false);
        o.put("CheckoutStatus", state[0]).put("PaymentStatus", state[1]).put("ShippingStatus", state[2]);
        if (!state[0].equals("NotVisited") && !state[0].equals("Visited")) {
            o.put("CheckoutDateUtc", CaFormat.date(created.plusSeconds(30)));
        }
        if (state[1].equals("Cleared")) {
            o.put("PaymentDateUtc", CaFormat.date(created.plusSeconds(60)));
        }
        o.put("PaymentMethod", "Credit Card").put("PaymentTransactionID", "TX" + (100000000 + random.nextInt(899999999)))
                .put("PaymentCreditCardLast4", String.format("%04d", random.nextInt(10000)));
        o.put("DistributionCenterTypeRollup", "SellerManaged").put("OrderTaxType", "Standard")
                .put("ShippingTaxType", "Standard").put("GiftOptionsTaxType", "NoTax");
        o.put("RequestedShippingCarrier", "UPS").put("RequestedShippingClass", "Ground");
        o.put("EstimatedShipDateUtc", CaFormat.date(created.plus(Duration.ofDays(2))));
        o.put("DeliverByDateUtc", CaFormat.date(created.plus(Duration.ofDays(6))));
        o.put("FlagID", 0).put("FlagDescription", (String) null);
        address(o, "Shipping", first, last);
        if (random.nextInt(4) == 0) {
            address(o, "Billing", FIRST[random.nextInt(FIRST.length)], last);
        } else {
            copyAddress(o);
        }
        items(o, plan, profileId, candidates, ids);
        totals(o);
        ObjectNode f = defaultFulfillment(o, profileId, now, ids);
        if (state[2].equals("Shipped")) {
            Instant shipped = created.plus(Duration.ofHours(20));
            f.put("DeliveryStatus", "Complete").put("ShippingCarrier", "UPS").put("ShippingClass", "Ground")
                    .put("TrackingNumber", "1Z" + (100000000L + random.nextInt(899999999)))
                    .put("ShippedDateUtc", CaFormat.date(shipped));
            o.put("ShippingDateUtc", CaFormat.date(shipped));
        } else if (state[2].equals("Canceled")) {
            f.put("DeliveryStatus", "Canceled");
        }
        return o;
    }

    /** Every order starts with one unshipped fulfillment holding all of its items. */
    static ObjectNode defaultFulfillment(ObjectNode o, long profileId, Instant now, OrderIds ids) {
        ObjectNode f = OrderShape.fulfillment();
        long fid = ids.nextFulfillment();
        long id = o.get("ID").asLong();
        f.put("ID", fid).put("ProfileID", profileId).put("OrderID", id).put("CreatedDateUtc", CaFormat.date(now))
                .put("UpdatedDateUtc", CaFormat.date(now)).put("Type", "Ship").put("DeliveryStatus", "NoChange")
                .put("DistributionCenterID", 0).put("HasShippingLabel", false);
        for (JsonNode item : o.withArray("Items")) {
            f.withArray("Items").addObject().put("ID", ids.nextFulfillmentItem()).put("ProfileID", profileId)
                    .put("FulfillmentID", fid).put("OrderID", id).put("OrderItemID", item.get("ID").asLong())
                    .put("ProductID", item.get("ProductID").asLong()).put("Quantity", item.get("Quantity").asInt())
                    .putNull("SellerFulfillmentItemID");
        }
        o.withArray("Fulfillments").add(f);
        return f;
    }

    private String siteOrderId(Site site) {
        return switch (site.id) {
            case 640 -> String.format("11%d-%07d-%07d", random.nextInt(10), random.nextInt(10_000_000),
                    random.nextInt(10_000_000));
            case 578 -> String.format("%02d-%05d-%05d", random.nextInt(100), random.nextInt(100_000), random.nextInt(100_000));
            default -> String.valueOf(1_000_000_000_000L + (long) (random.nextDouble() * 8_999_999_999_999L));
        };
    }

    private void address(ObjectNode o, String prefix, String first, String last) {
        String[] place = PLACES[random.nextInt(PLACES.length)];
        o.put(prefix + "FirstName", first).put(prefix + "LastName", last)
                .put(prefix + "DaytimePhone", String.format("(555) %03d-%04d", random.nextInt(1000), random.nextInt(10000)))
                .put(prefix + "AddressLine1", (100 + random.nextInt(9800)) + " " + STREETS[random.nextInt(STREETS.length)])
                .put(prefix + "AddressLine2", random.nextInt(5) == 0 ? "Apt " + (1 + random.nextInt(40)) : null)
                .put(prefix + "City", place[0]).put(prefix + "StateOrProvince", place[1])
                .put(prefix + "StateOrProvinceName", place[2]).put(prefix + "PostalCode", place[3])
                .put(prefix + "Country", "US");
    }

    private static void copyAddress(ObjectNode o) {
        for (String f : OrderShape.ORDER) {
            if (f.startsWith("Shipping") && o.has("Billing" + f.substring(8)) && !f.equals("ShippingStatus")
                    && !f.equals("ShippingDateUtc") && !f.equals("ShippingTaxType")) {
                o.set("Billing" + f.substring(8), o.get(f));
            }
        }
    }

    private void items(ObjectNode o, Plan plan, long profileId, List<JsonNode> candidates, OrderIds ids) {
        int count = plan.manyItems > 0 ? plan.manyItems : 1 + random.nextInt(3);
        ArrayNode items = o.withArray("Items");
        for (int i = 0; i < count; i++) {
            ObjectNode item = OrderShape.item();
            long productId;
            String sku;
            String title;
            BigDecimal price;
            if (plan.unknownSku && i == 0) {
                productId = 0;
                sku = "UNKNOWN-" + (10000 + random.nextInt(90000));
                title = "Listing for a product this account does not have";
                price = BigDecimal.valueOf(1999, 2);
            } else if (candidates.isEmpty()) {
                int k = 1 + random.nextInt(50);
                productId = 0;
                sku = "SBX-" + (1000 + k);
                title = "Sandbox product " + k;
                price = BigDecimal.valueOf(500 + k * 137L, 2);
            } else {
                JsonNode p = candidates.get(random.nextInt(candidates.size()));
                productId = p.path("ID").asLong();
                sku = p.path("Sku").asText();
                title = p.path("Title").isNull() ? sku : p.path("Title").asText();
                price = p.path("RetailPrice").isNumber() ? p.get("RetailPrice").decimalValue()
                        : BigDecimal.valueOf(999 + random.nextInt(5000), 2);
            }
            int quantity = 1 + random.nextInt(3);
            BigDecimal unit = CaFormat.cents(price);
            BigDecimal tax = CaFormat.cents(unit.multiply(BigDecimal.valueOf(quantity)).multiply(new BigDecimal("0.0725")));
            BigDecimal shipping = CaFormat.cents(BigDecimal.valueOf(random.nextInt(4) * 199L, 2));
            long itemId = ids.nextItem();
            item.put("ID", itemId).put("ProfileID", profileId).put("OrderID", o.get("ID").asLong())
                    .put("ProductID", productId).put("SiteOrderItemID", String.valueOf(40_000_000_000L + itemId))
                    .put("SellerOrderItemID", (String) null).put("SiteListingID", "L" + (itemId * 7 % 1_000_000))
                    .put("Sku", sku).put("Title", title).put("Quantity", quantity);
            item.set("UnitPrice", CaFormat.money(unit));
            item.set("TaxPrice", CaFormat.money(tax));
            item.set("ShippingPrice", CaFormat.money(shipping));
            item.set("ShippingTaxPrice", CaFormat.money(BigDecimal.ZERO));
            item.set("RecyclingFee", CaFormat.money(BigDecimal.ZERO));
            item.set("GiftPrice", CaFormat.money(BigDecimal.ZERO));
            item.set("GiftTaxPrice", CaFormat.money(BigDecimal.ZERO));
            item.put("IsBundle", false);
            items.add(item);
        }
    }

    /** Totals as the sums of the items, so a client can check one against the other. */
    static void totals(ObjectNode o) {
        BigDecimal goods = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        BigDecimal shipping = BigDecimal.ZERO;
        BigDecimal shippingTax = BigDecimal.ZERO;
        for (JsonNode item : o.withArray("Items")) {
            goods = goods.add(item.get("UnitPrice").decimalValue().multiply(BigDecimal.valueOf(item.get("Quantity").asInt())));
            tax = tax.add(item.get("TaxPrice").decimalValue());
            shipping = shipping.add(item.get("ShippingPrice").decimalValue());
            shippingTax = shippingTax.add(item.get("ShippingTaxPrice").decimalValue());
        }
        o.set("TotalPrice", CaFormat.money(goods.add(tax).add(shipping).add(shippingTax)));
        o.set("TotalTaxPrice", CaFormat.money(tax));
        o.set("TotalShippingPrice", CaFormat.money(shipping));
        o.set("TotalShippingTaxPrice", CaFormat.money(shippingTax));
        o.set("TotalInsurancePrice", CaFormat.money(BigDecimal.ZERO));
        o.set("TotalGiftOptionPrice", CaFormat.money(BigDecimal.ZERO));
        o.set("TotalGiftOptionTaxPrice", CaFormat.money(BigDecimal.ZERO));
        o.set("AdditionalCostOrDiscount", CaFormat.money(BigDecimal.ZERO));
        o.set("PromotionAmount", CaFormat.money(BigDecimal.ZERO));
    }

    static List<JsonNode> candidates(ProductStore products, List<String> skus) {
        List<JsonNode> result = new ArrayList<>();
        if (skus != null && !skus.isEmpty()) {
            for (String sku : skus) {
                ObjectNode p = products.bySku(sku);
                result.add(p != null ? p : CaFormat.JSON.createObjectNode().put("ID", 0).put("Sku", sku).putNull("Title"));
            }
            return result;
        }
        result.addAll(products.all());
        return result;
    }
}
