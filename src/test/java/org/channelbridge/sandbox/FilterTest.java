package org.channelbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.channelbridge.sandbox.odata.Filter;
import org.channelbridge.sandbox.odata.ODataQueryException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The $filter grammar on its own: precedence, keywords, literals, lambdas. */
class FilterTest {
    private final JsonNode order = json("{\"ID\":7,\"ShippingStatus\":\"Unshipped\",\"PaymentStatus\":\"Cleared\","
            + "\"CreatedDateUtc\":\"2024-03-02T10:00:00.0000000Z\",\"Total\":12.5,\"Note\":null,"
            + "\"Labels\":[{\"Name\":\"A\"},{\"Name\":\"B\"}]}");

    private static JsonNode json(String s) {
        try {
            return SandboxClient.JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private boolean test(String filter) {
        return Filter.parse(filter).matches(order);
    }

    @Test
    void andBindsTighterThanOr() {
        assertThat(test("ID eq 7 or ID eq 8 and ID eq 9")).isTrue();
        assertThat(test("(ID eq 7 or ID eq 8) and ID eq 9")).isFalse();
    }

    @Test
    void notBindsTighterThanAnd() {
        assertThat(test("not (ID eq 8) and ID eq 7")).isTrue();
        assertThat(test("not (ID eq 7) or ID eq 7")).isTrue();
        assertThat(test("not (ID eq 7 or ID eq 8)")).isFalse();
    }

    @Test
    void keywordsIgnoreCase() {
        assertThat(test("ShippingStatus EQ 'Unshipped' AND PaymentStatus eq 'Cleared' OR ID Eq 0")).isTrue();
    }

    @Test
    void literalsOfEveryKindCompare() {
        assertThat(test("Total gt 12 and Total lt 12.6m")).isTrue();
        assertThat(test("CreatedDateUtc ge 2024-03-02 and CreatedDateUtc lt 2024-03-02T10:00:01Z")).isTrue();
        assertThat(test("Note eq null and ShippingStatus ne null")).isTrue();
        assertThat(test("ShippingStatus eq 'it''s'")).isFalse();
    }

    @Test
    void anyAndAllWorkOnCollections() {
        assertThat(test("Labels/any(l: l/Name eq 'B')")).isTrue();
        assertThat(test("Labels/all(l: l/Name eq 'B')")).isFalse();
        assertThat(test("Labels/any()")).isTrue();
    }

    @Test
    void malformedExpressionsAreRejected() {
        for (String bad : new String[]{"", "ID eq", "ID eq 7)", "ID 7", "foo(ID)", "ID eq 'x", "Labels/any(l l/Name eq 'A')"}) {
            assertThatThrownBy(() -> test(bad)).as(bad).isInstanceOf(ODataQueryException.class);
        }
    }
}
