package org.channelbridge.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.channelbridge.app.ChannelBridge;
import org.channelbridge.flow.SandboxPeer;
import org.channelbridge.system2.DemoCatalog;
import org.channelbridge.system2.System2Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's two examples of routes of one's own, run by the command line beside the shipped flows. */
class IntegratorRoutesTest {

    @TempDir
    Path folder;

    private SandboxPeer sandbox;
    private String jdbcUrl;
    private final Map<String, String> overrides = new HashMap<>();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() {
        sandbox = SandboxPeer.start();
        jdbcUrl = "jdbc:h2:file:" + folder.resolve("data/system2").toAbsolutePath();
        overrides.putAll(sandbox.bridgeOverrides());
        overrides.put("system2.jdbc.url", jdbcUrl);
        overrides.put("orders.require-known-skus", "false");
        overrides.put("demo.catalog-size", "0");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void theSkipBrandExampleKeepsThatBrandsProductsOutOfChannelAdvisorAndSendsTheRest() throws Exception {
        int acme;
        try (System2Database database = System2Database.open(jdbcUrl, "", "", 2)) {
            database.migrate();
            new DemoCatalog(database.dataSource()).seedIfEmpty(60);
            try (var c = database.dataSource().getConnection();
                 var rs = c.createStatement().executeQuery("select count(*) from products where brand = 'Acme'")) {
                rs.next();
                acme = rs.getInt(1);
            }
        }
        assertThat(acme).isPositive();

        run(Path.of("examples/routes/skip-brand.camel.yaml"), text -> text);

        List<JsonNode> products = sandbox.all("/v1/Products?$select=Sku,Brand");
        assertThat(products).hasSize(60 - acme);
        assertThat(products).noneMatch(p -> p.path("Brand").asText().equals("Acme"));
    }

    @Test
    void theShippedOrdersExampleInXmlWritesEveryShipmentSentToAFile() throws Exception {
        List<Long> orders = sandbox.seedOrders("{\"count\":2,\"readyOnly\":true}");
        run(null, text -> text);
        Path shipped = folder.resolve("shipped");
        try (System2Database database = System2Database.open(jdbcUrl, "", "", 2);
             var c = database.dataSource().getConnection();
             var insert = c.prepareStatement("insert into shipments (id, ca_order_id, carrier, shipping_class,"
                     + " tracking_number) values (?, ?, 'UPS', 'Ground', ?)")) {
            for (int i = 0; i < orders.size(); i++) {
                insert.setString(1, "S-" + i);
                insert.setLong(2, orders.get(i));
                insert.setString(3, "1Z" + i);
                insert.executeUpdate();
            }
        }

        run(Path.of("examples/routes/shipped-orders-to-file.camel.xml"),
                text -> text.replace("file:data/shipped", "file:" + shipped.toString().replace('\\', '/')));

        List<String> lines = Files.readAllLines(shipped.resolve("shipped-orders.jsonl"));
        assertThat(lines).hasSize(2);
        assertThat(String.join("\n", lines)).contains("\"id\":\"S-0\"").contains("\"id\":\"S-1\"")
                .contains("\"ca_order_id\":" + orders.get(0)).contains("\"ca_order_id\":" + orders.get(1));
    }

    @Test
    void aLogStepOfAnIntegratorsRouteIsSaidByOnceWithoutVerbose() throws Exception {
        Path example = folder.resolve("hello.camel.yaml");
        Files.writeString(example, """
                - route:
                    id: integrator-hello
                    from:
                      uri: timer:integratorHello?repeatCount=1&delay=0
                      steps:
                        - log:
                            message: "integrator route says hello"
                """);
        ch.qos.logback.classic.Logger route = (ch.qos.logback.classic.Logger)
                org.slf4j.LoggerFactory.getLogger("integrator-hello");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> said =
                new ch.qos.logback.core.read.ListAppender<>();
        said.start();
        route.addAppender(said);
        try {
            run(example, text -> text);
        } finally {
            route.detachAppender(said);
        }

        assertThat(said.list).extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                .contains("integrator route says hello");
    }

    private void run(Path example, java.util.function.UnaryOperator<String> edit) throws Exception {
        Path config = BridgeConfigFiles.copyWith(folder.resolve("run" + System.nanoTime()), overrides);
        if (example != null) {
            Path routes = config.getParent().resolveSibling("routes");
            Files.writeString(routes.resolve(example.getFileName()), edit.apply(Files.readString(example)));
        }
        int code = new CommandLine(new ChannelBridge()).setErr(new PrintWriter(err, true))
                .execute("--once", "--config", config.toString());
        assertThat(code).as(err.toString()).isZero();
    }
}
