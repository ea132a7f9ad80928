package org.channelbridge.channeladvisor;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.channelbridge.channeladvisor.ODataFilter.and;
import static org.channelbridge.channeladvisor.ODataFilter.anyOf;
import static org.channelbridge.channeladvisor.ODataFilter.eq;
import static org.channelbridge.channeladvisor.ODataFilter.ge;
import static org.channelbridge.channeladvisor.ODataFilter.not;
import static org.channelbridge.channeladvisor.ODataFilter.or;
import static org.channelbridge.channeladvisor.ODataFilter.raw;

class ODataFilterTest {

    private enum ShippingStatus { Unshipped, PartiallyShipped }

    @Test
    void orGroupsInsideAndAreParenthesised() {
        var filter = and(
                anyOf("ShippingStatus", "Unshipped", "PendingShipment", "PartiallyShipped"),
                anyOf("CheckoutStatus", "Completed", "CompletedAndVisited"),
                eq("PaymentStatus", "Cleared"));

        assertThat(filter).hasToString("(ShippingStatus eq 'Unshipped' or ShippingStatus eq 'PendingShipment'"
                + " or ShippingStatus eq 'PartiallyShipped') and (CheckoutStatus eq 'Completed'"
                + " or CheckoutStatus eq 'CompletedAndVisited') and PaymentStatus eq 'Cleared'");
    }

    @Test
    void andGroupsInsideOrNeedNoParentheses() {
        var filter = or(and(eq("ID", 1), eq("Sku", "a")), and(eq("ID", 2), eq("Sku", "b")));

        assertThat(filter).hasToString("ID eq 1 and Sku eq 'a' or ID eq 2 and Sku eq 'b'");
    }

    @Test
    void nestedGroupsOfTheSameOperatorStayFlat() {
        assertThat(eq("A", 1).and(eq("B", 2)).and(eq("C", 3))).hasToString("A eq 1 and B eq 2 and C eq 3");
        assertThat(eq("A", 1).or(eq("B", 2)).or(eq("C", 3))).hasToString("A eq 1 or B eq 2 or C eq 3");
        assertThat(eq("A", 1).or(eq("B", 2)).and(eq("C", 3))).hasToString("(A eq 1 or B eq 2) and C eq 3");
    }

    @Test
    void notWrapsAnythingButASingleComparison() {
        assertThat(not(eq("IsBlocked", true))).hasToString("not IsBlocked eq true");
        assertThat(not(eq("A", 1).and(eq("B", 2)))).hasToString("not (A eq 1 and B eq 2)");
    }

    @Test
    void aRawExpressionIsParenthesisedWhenCombined() {
        var configured = raw("ShippingStatus eq 'Unshipped' or ShippingStatus eq 'PartiallyShipped'");

        assertThat(configured.and(ge("CreatedDateUtc", Instant.parse("2026-01-02T03:04:05Z"))))
                .hasToString("(ShippingStatus eq 'Unshipped' or ShippingStatus eq 'PartiallyShipped')"
                        + " and CreatedDateUtc ge 2026-01-02T03:04:05Z");
        assertThat(configured).hasToString("ShippingStatus eq 'Unshipped' or ShippingStatus eq 'PartiallyShipped'");
    }

    @Test
    void stringsAreQuotedWithSingleQuotesDoubled() {
        assertThat(eq("Sku", "O'Brien's")).hasToString("Sku eq 'O''Brien''s'");
        assertThat(eq("Sku", "''")).hasToString("Sku eq ''''''");
        assertThat(eq("Title", "a and b or c")).hasToString("Title eq 'a and b or c'");
    }

    @Test
    void enumsAreQuotedNamesAndNumbersAndDatesAreBare() {
        assertThat(eq("ShippingStatus", ShippingStatus.PartiallyShipped))
                .hasToString("ShippingStatus eq 'PartiallyShipped'");
        assertThat(eq("ID", 6200108L)).hasToString("ID eq 6200108");
        assertThat(eq("RetailPrice", new BigDecimal("12.9900"))).hasToString("RetailPrice eq 12.9900");
        assertThat(eq("IsBlocked", false)).hasToString("IsBlocked eq false");
        assertThat(eq("ParentProductID", null)).hasToString("ParentProductID eq null");
        assertThat(ge("CreatedDateUtc", LocalDate.of(2016, 3, 2))).hasToString("CreatedDateUtc ge 2016-03-02");
        assertThat(ge("UpdateDateUtc", OffsetDateTime.of(2026, 1, 1, 12, 0, 0, 0, ZoneOffset.ofHours(2))))
                .hasToString("UpdateDateUtc ge 2026-01-01T10:00:00Z");
        assertThat(ge("UpdateDateUtc", Instant.parse("2026-01-01T10:00:00.250Z")))
                .hasToString("UpdateDateUtc ge 2026-01-01T10:00:00.250Z");
    }

    @Test
    void aSingleAlternativeIsAPlainComparison() {
        assertThat(anyOf("ID", 7)).hasToString("ID eq 7");
        assertThat(and(anyOf("ID", 7), eq("Sku", "x"))).hasToString("ID eq 7 and Sku eq 'x'");
    }

    @Test
    void somethingThatIsNotAPropertyNameIsRefused() {
        assertThatThrownBy(() -> eq("Sku eq 'x' or 1", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> anyOf("ID")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void queryOptionsArePercentEncodedWithSpacesAsPercent20() {
        String query = ODataQuery.of("Products")
                .filter(eq("Sku", "A&B 'x'"))
                .select("ID,Sku")
                .toString();

        assertThat(query).isEqualTo("/v1/Products?$filter=Sku%20eq%20%27A%26B%20%27%27x%27%27%27&$select=ID%2CSku");
    }

    @Test
    void ordersQueryCarriesExportedAndNestedExpand() {
        String query = ODataQuery.of("/v1/Orders").param("exported", "false")
                .expand("Items($expand=Promotions)").orderBy("CreatedDateUtc desc").top(20).toString();

        assertThat(query).isEqualTo("/v1/Orders?exported=false&$expand=Items%28%24expand%3DPromotions%29"
                + "&$orderby=CreatedDateUtc%20desc&$top=20");
    }
}
