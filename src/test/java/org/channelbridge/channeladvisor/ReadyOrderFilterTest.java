package org.channelbridge.channeladvisor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadyOrderFilterTest {

    @Test
    void theDefaultFilterGroupsEachStatusListInParenthesesJoinedByAnd() {
        assertThat(ReadyOrderFilter.build("Cleared", "Completed,CompletedAndVisited,CompletedOffline",
                "Unshipped,PendingShipment,PartiallyShipped", ""))
                .isEqualTo("PaymentStatus eq 'Cleared'"
                        + " and (CheckoutStatus eq 'Completed' or CheckoutStatus eq 'CompletedAndVisited'"
                        + " or CheckoutStatus eq 'CompletedOffline')"
                        + " and (ShippingStatus eq 'Unshipped' or ShippingStatus eq 'PendingShipment'"
                        + " or ShippingStatus eq 'PartiallyShipped')");
    }

    @Test
    void anIntegratorsExpressionWithOrIsParenthesisedSoItCannotWidenTheFilter() {
        assertThat(ReadyOrderFilter.build("Cleared", "", "", "SiteName eq 'eBay' or SiteName eq 'Amazon'"))
                .isEqualTo("PaymentStatus eq 'Cleared' and (SiteName eq 'eBay' or SiteName eq 'Amazon')");
    }

    @Test
    void aStatusWithAQuoteIsEscapedTheODataWay() {
        assertThat(ReadyOrderFilter.build("Cle'ared", "", "", null)).isEqualTo("PaymentStatus eq 'Cle''ared'");
    }

    @Test
    void blankListsLeaveTheirGroupOut() {
        assertThat(ReadyOrderFilter.build(" , ", "", "", "")).isEmpty();
    }
}
