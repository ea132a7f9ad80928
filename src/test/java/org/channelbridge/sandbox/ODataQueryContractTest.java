package org.channelbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Checklist items 8, 29, 34 and the paging invariant of 8.7: the OData subset and the response shapes. */
class ODataQueryContractTest extends SandboxTestBase {

    private void products(int n) {
        for (int i = 1; i <= n; i++) {
            ca.createProduct("{\"Sku\":\"S-" + i + "\",\"Title\":\"t" + i + "\",\"RetailPrice\":" + i
                    + ",\"Classification\":\"" + (i % 2 == 0 ? "Even" : "Odd") + "\"}");
        }
    }

    private List<String> skus(String filter) {
        return ca.all("/v1/Products?$filter=" + SandboxClient.enc(filter)).stream().map(p -> p.get("Sku").asText()).toList();
    }

    @Test
    void followingEveryNextLinkReturnsEachProductOnce() {
        products(131);
        JsonNode first = ca.get("/v1/Products?$filter=" + SandboxClient.enc("RetailPrice ge 1")).json();
        assertThat(first.get("value")).hasSize(100);
        assertThat(first.get("@odata.context").asText()).endsWith("/v1/$metadata#Products");
        String next = first.get("@odata.nextLink").asText();
        assertThat(next).contains("$filter=RetailPrice%20ge%201").endsWith("$skip=100");
        JsonNode last = ca.get(next).json();
        assertThat(last.get("value")).hasSize(31);
        assertThat(last.has("@odata.nextLink")).isFalse();
        List<JsonNode> all = ca.all("/v1/Products");
        Set<Long> ids = new HashSet<>();
        all.forEach(p -> ids.add(p.get("ID").asLong()));
        assertThat(all).hasSize(131);
        assertThat(ids).hasSize(131);
    }

    @Test
    void topSkipAndCountWork() {
        products(12);
        JsonNode doc = ca.get("/v1/Products?$top=5&$skip=3&$count=true").json();
        assertThat(doc.get("@odata.count").asInt()).isEqualTo(12);
        assertThat(doc.get("value")).extracting(p -> p.get("Sku").asText()).containsExactly("S-4", "S-5", "S-6", "S-7", "S-8");
        assertThat(doc.has("@odata.nextLink")).isFalse();
        assertThat(ca.get("/v1/Products?$top=-1").status()).isEqualTo(400);
    }

    @Test
    void selectNarrowsFieldsAndTheContext() {
        products(2);
        JsonNode doc = ca.get("/v1/Products?$select=ID,Sku").json();
        assertThat(doc.get("@odata.context").asText()).endsWith("#Products(ID,Sku)");
        List<String> names = new java.util.ArrayList<>();
        doc.get("value").get(0).fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("ID", "Sku");
        assertThat(ca.get("/v1/Products?$select=Nope").status()).isEqualTo(400);
        assertThat(ca.get("/v1/Products?$expand=Nope").status()).isEqualTo(400);
    }

    @Test
    void orderByAppliesDirectionAndTies() {
        products(4);
        assertThat(ca.all("/v1/Products?$orderby=" + SandboxClient.enc("Classification asc, RetailPrice desc")))
                .extracting(p -> p.get("Sku").asText()).containsExactly("S-4", "S-2", "S-3", "S-1");
    }

    @Test
    void andBindsTighterThanOrAndParenthesesOverrideIt() {
        products(6);
        assertThat(skus("Sku eq 'S-1' or Sku eq 'S-2' and Classification eq 'Odd'")).containsExactly("S-1");
        assertThat(skus("(Sku eq 'S-1' or Sku eq 'S-2') and Classification eq 'Even'")).containsExactly("S-2");
        assertThat(skus("Sku eq 'S-1' OR Sku eq 'S-3' AND not (Classification eq 'Even')")).containsExactly("S-1", "S-3");
        assertThat(skus("not (RetailPrice gt 2) and RetailPrice ne 1")).containsExactly("S-2");
    }

    @Test
    void functionsNumbersAndNullComparisonsWork() {
        products(3);
        assertThat(skus("startswith(Sku,'S-') and RetailPrice lt 2.5")).containsExactly("S-1", "S-2");
        assertThat(skus("contains(tolower(Title),'t3')")).containsExactly("S-3");
        assertThat(skus("Brand eq null and ID gt 0")).hasSize(3);
    }

    @Test
    void unquotedDatesCompareWithStoredDates() {
        products(2);
        assertThat(skus("CreateDateUtc ge 2000-01-01")).hasSize(2);
        assertThat(skus("CreateDateUtc le 2000-01-01T00:00:00Z")).isEmpty();
        assertThat(skus("UpdateDateUtc gt 2000-01-01T00:00:00.1234567Z and year(CreateDateUtc) ge 2000")).hasSize(2);
    }

    @Test
    void doubledQuoteEscapesAQuoteInAString() {
        ca.createProduct("{\"Sku\":\"O'Brien-1\"}");
        assertThat(skus("Sku eq 'O''Brien-1'")).containsExactly("O'Brien-1");
        assertThat(skus("Sku eq 'o''brien-1'")).containsExactly("O'Brien-1");
    }

    @Test
    void malformedFilterIsA400WithTheODataError() {
        for (String bad : new String[]{"Sku eq", "Sku eq 'open", "Sku eq 'a' and", "(Sku eq 'a'", "Nope eq 1",
                "Sku eqq 'a'", "Sku eq 'a' or or", "RetailPrice eq 'x'"}) {
            ca.createProduct("{\"Sku\":\"F-" + bad.length() + "-" + bad.hashCode() + "\",\"RetailPrice\":1}");
            SandboxClient.Response r = ca.get("/v1/Products?$filter=" + SandboxClient.enc(bad));
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.json().at("/error/message").asText()).as(bad).isNotBlank();
        }
    }

    @Test
    void unknownPropertiesAreRefusedEvenWhenNoEntityExists() {
        assertThat(ca.get("/v1/Products?$filter=" + SandboxClient.enc("Nope eq 1")).status()).isEqualTo(400);
        assertThat(ca.get("/v1/Orders?$orderby=Nope").status()).isEqualTo(400);
        assertThat(ca.get("/v1/Orders/$count?$filter=" + SandboxClient.enc("Items/any(i: i/Nope eq 1)")).status()).isEqualTo(400);
        assertThat(ca.get("/v1/Orders?$filter=" + SandboxClient.enc("Items/any(i: i/Sku eq 'X')")).status()).isEqualTo(200);
    }

    @Test
    void jsonResponsesCarryTheODataHeaders() {
        SandboxClient.Response r = ca.get("/v1/Products");
        assertThat(r.header("Content-Type")).isEqualTo("application/json; odata.metadata=minimal; odata.streaming=true");
        assertThat(r.header("OData-Version")).isEqualTo("4.0");
    }

    @Test
    void nextLinkKeepsTheAccessTokenParameterWhenTheRequestUsedIt() {
        products(101);
        String token = ca.token;
        ca.token = null;
        JsonNode doc = ca.get("/v1/Products?access_token=" + SandboxClient.enc(token)).json();
        assertThat(doc.get("@odata.nextLink").asText()).contains("access_token=");
        assertThat(ca.get(doc.get("@odata.nextLink").asText()).json().get("value")).hasSize(1);
    }
}
