package org.channelbridge.flow.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.channelbridge.flow.InvalidItemException;
import org.channelbridge.system2.OrderRow;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final OrderMapper mapper = new OrderMapper(12345);

    private static ObjectNode order() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"ID": 901, "ProfileID": 12345, "SiteName": "eBay", "SiteOrderID": "EB-1", "SellerOrderID": null,
                 "BuyerEmailAddress": "ann@example.com", "Currency": "USD", "TotalPrice": 37.9900,
                 "TotalTaxPrice": 2.5, "TotalShippingPrice": 5.0, "PaymentStatus": "Cleared",
                 "CheckoutStatus": "Completed", "ShippingStatus": "Unshipped",
                 "CreatedDateUtc": "2026-11-20T10:15:30.1234567Z",
                 "ShippingFirstName": "Ann", "ShippingLastName": "O'Neil", "ShippingAddressLine1": "1 Main St",
                 "ShippingCity": "Durham", "ShippingStateOrProvince": "NC", "ShippingPostalCode": "27701",
                 "ShippingCountry": "US", "ShippingDaytimePhone": "555-0100", "BillingFirstName": "Ann",
                 "Items": [{"ID": 7001, "Sku": "DEMO-00001", "Title": "Trail Backpack", "Quantity": 2,
                            "UnitPrice": 15.49, "TaxPrice": 1.25, "ShippingPrice": 2.5}]}
                """);
    }

    @Test
    void everyFieldSystem2NeedsIsMappedToItsColumn() throws Exception {
        OrderRow row = mapper.toRow(order());

        assertThat(row.caOrderId()).isEqualTo(901);
        assertThat(row.profileId()).isEqualTo(12345);
        assertThat(row.columns()).containsEntry("site_name", "eBay").containsEntry("site_order_id", "EB-1")
                .containsEntry("buyer_email", "ann@example.com").containsEntry("ship_last_name", "O'Neil")
                .containsEntry("ship_state", "NC").containsEntry("ship_phone", "555-0100")
                .containsEntry("payment_status", "Cleared")
                .containsEntry("created_date_utc", Instant.parse("2026-11-20T10:15:30.1234567Z"))
                .doesNotContainKey("seller_order_id");
        assertThat((BigDecimal) row.columns().get("total_price")).isEqualByComparingTo("37.99");
        assertThat(row.items()).singleElement().satisfies(item -> {
            assertThat(item).containsEntry("ca_order_item_id", 7001L).containsEntry("sku", "DEMO-00001")
                    .containsEntry("quantity", 2);
            assertThat((BigDecimal) item.get("unit_price")).isEqualByComparingTo("15.49");
        });
    }

    @Test
    void pricesWithMoreDecimalsThanSystem2KeepsAreRoundedToFour() throws Exception {
        ObjectNode order = order();
        order.put("TotalPrice", new BigDecimal("37.123456"));

        assertThat(mapper.toRow(order).columns().get("total_price")).isEqualTo(new BigDecimal("37.1235"));
    }

    @Test
    void anOrderWithoutItemsIsRefusedWithASentence() throws Exception {
        ObjectNode order = order();
        order.putArray("Items");

        assertThatThrownBy(() -> mapper.toRow(order)).isInstanceOf(InvalidItemException.class)
                .hasMessage("Order 901 has no items, so System2 has nothing to fulfil.");
    }

    @Test
    void textLongerThanItsColumnIsRefusedNamingFieldAndWidth() throws Exception {
        ObjectNode order = order();
        order.put("ShippingCity", "x".repeat(101));

        assertThatThrownBy(() -> mapper.toRow(order)).isInstanceOf(InvalidItemException.class)
                .hasMessage("Order 901 has a ShippingCity of 101 characters; System2's column ship_city holds 100.");
    }

    @Test
    void anItemWithoutSkuOrWithZeroQuantityIsRefused() throws Exception {
        ObjectNode noSku = order();
        ((ObjectNode) noSku.withArray("Items").get(0)).putNull("Sku");
        assertThatThrownBy(() -> mapper.toRow(noSku)).hasMessage("Order 901 has item 7001 without a Sku.");

        ObjectNode zero = order();
        ((ObjectNode) zero.withArray("Items").get(0)).put("Quantity", 0);
        assertThatThrownBy(() -> mapper.toRow(zero)).hasMessageContaining("has quantity 0; it must be at least 1.");
    }

    @Test
    void aPriceThatIsNotANumberIsRefused() throws Exception {
        JsonNode order = order().put("TotalTaxPrice", "abc");

        assertThatThrownBy(() -> mapper.toRow(order)).isInstanceOf(InvalidItemException.class)
                .hasMessage("order 901 has TotalTaxPrice 'abc', which is not a number.");
    }
}
