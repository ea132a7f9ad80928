package org.channelbridge.flow.products;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.builder.AdviceWith;
import org.channelbridge.channeladvisor.BatchPart;
import org.channelbridge.system2.TestDatabases;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The products flow's catalog query ({@code products.sql.catalog}) on a real database of each kind the bridge
 * supports: the rows of a product (one per attribute) make one product, its columns come as System2 holds them, and
 * a second cycle finds nothing changed. ChannelAdvisor is a {@code MockEndpoint} (AdviceWith).
 */
abstract class CatalogQueryRouteTest extends ProductRoutesTestSupport {

    private final BatchAnswers channelAdvisor = new BatchAnswers();

    /** A column name as an insert of this database takes it ({@code condition} and {@code value} are MariaDB keywords). */
    String quoted(String column) {
        return column;
    }

    @Test
    void theCatalogStreamsFromTheDatabaseAsProductsWithTheirAttributesAndAQuietCycleSendsNothing() throws Exception {
        execute("insert into products (sku, title, brand, " + quoted("condition") + ", weight, retail_price, cost,"
                + " quantity) values ('Q-1', 'Kettle', 'Acme', 'New', 1.25, 10.50, 4, 7),"
                + " ('Q-2', 'Mug', null, null, null, 3, 1, 0)");
        execute("insert into product_attributes (sku, name, " + quoted("value") + ") values ('Q-1', 'Color', 'Red'),"
                + " ('Q-1', 'Size', 'L'), ('Q-2', 'Color', 'Blue')");
        AdviceWith.adviceWith(context, "products-send", route ->
                route.weaveByToUri("channeladvisor:products/batch*").replace().to("mock:batch"));
        getMockEndpoint("mock:batch").whenAnyExchangeReceived(channelAdvisor);
        context.start();

        cycle();

        Map<String, JsonNode> created = channelAdvisor.batches.stream().flatMap(List::stream)
                .filter(p -> p.path().equals("/v1/Products")).map(BatchPart::body)
                .collect(Collectors.toMap(b -> b.path("Sku").asText(), b -> b));
        assertThat(created).containsOnlyKeys("Q-1", "Q-2");
        assertThat(created.get("Q-1").path("Condition").asText()).isEqualTo("New");
        assertThat(created.get("Q-1").path("RetailPrice").decimalValue()).isEqualByComparingTo("10.5");
        assertThat(created.get("Q-1").path("Weight").decimalValue()).isEqualByComparingTo("1.25");
        assertThat(channelAdvisor.batches.stream().flatMap(List::stream)
                .filter(p -> p.path().endsWith("/UpdateAttributes")).map(p -> p.body().path("Value")
                        .path("Attributes").size()).toList()).containsExactlyInAnyOrder(2, 1);
        assertThat(count("select count(*) from sync_state where state = 'SYNCED'")).isEqualTo(2);

        channelAdvisor.batches.clear();
        cycle();
        assertThat(channelAdvisor.batches).isEmpty();
    }

    static final class OnH2Test extends CatalogQueryRouteTest {
    }

    static final class OnPostgresTest extends CatalogQueryRouteTest {
        @Override
        TestDatabases.Fresh freshDatabase() {
            return TestDatabases.postgres();
        }
    }

    static final class OnMariaDbTest extends CatalogQueryRouteTest {
        @Override
        TestDatabases.Fresh freshDatabase() {
            return TestDatabases.mariadb();
        }

        @Override
        String quoted(String column) {
            return "`" + column + "`";
        }
    }
}
