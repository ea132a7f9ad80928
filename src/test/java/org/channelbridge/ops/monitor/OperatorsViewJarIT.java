package org.channelbridge.ops.monitor;

import org.channelbridge.app.StatusCommand;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.channelbridge.flow.SandboxPeer;
import org.channelbridge.app.BridgeApplication;
import org.channelbridge.ops.BridgeCommands;
import org.channelbridge.ops.BridgeConfigFiles;
import org.channelbridge.ops.BridgeProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged bridge as an operator meets it: a short start-up, {@code status} against the running bridge (0 while
 * healthy, 3 with an open dead letter), and a Grafana dashboard that queries only metrics the bridge exports.
 */
class OperatorsViewJarIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** PromQL words that look like metric names in an expression. */
    private static final Set<String> PROMQL = Set.of("sum", "max", "min", "avg", "rate", "increase", "by", "without",
            "label_values", "histogram_quantile", "count", "on", "ignoring");

    @TempDir
    Path folder;

    private SandboxPeer sandbox;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startSandbox() {
        sandbox = SandboxPeer.start();
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    @Test
    void aStartedBridgeSaysLittleShowsItsFlowsInStatusAndExportsWhatTheDashboardQueries() throws Exception {
        String jdbcUrl = "jdbc:h2:file:" + folder.resolve("data/system2");
        int port = freePort();
        Map<String, String> overrides = new HashMap<>(sandbox.bridgeOverrides());
        overrides.put("system2.jdbc.url", jdbcUrl);
        overrides.put("orders.cron", "0/2 * * * * ?");
        overrides.put("camel.management.port", String.valueOf(port));
        BridgeCommands commands = new BridgeCommands(BridgeConfigFiles.copyWith(folder, overrides), jdbcUrl, "", "");
        commands.migrate();
        commands.sql("insert into products (sku, title, retail_price, quantity) values ('OV-1', 'Viewed', 10, 5)");
        String base = "http://127.0.0.1:" + port + "/observe";

        BridgeProcess bridge = BridgeProcess.start(folder, Map.of());
        try (bridge) {
            assertThat(bridge.awaitOutput("Flows (Quartz cron)", Duration.ofSeconds(90))).as(bridge.output()).isTrue();
            await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> get(base + "/health").contains("\"UP\""));
            List<String> startup = bridge.output().lines().filter(l -> l.contains(" INFO ") && l.contains("[main]"))
                    .toList();
            assertThat(startup).as("start-up INFO lines").hasSizeLessThanOrEqualTo(12);

            BridgeCommands.Run healthy = commands.run("status");
            assertThat(healthy.exit()).as(healthy.all()).isZero();
            for (String flow : BridgeApplication.FLOWS) {
                assertThat(healthy.out()).containsPattern("(?m)^" + flow + "\\s");
            }
            assertThat(healthy.out()).contains("healthy");

            String metrics = get(base + "/metrics");
            Set<String> exported = metrics.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                    .map(l -> l.split("[{ ]")[0]).collect(Collectors.toSet());
            Set<String> queried = dashboardMetrics();
            assertThat(queried).as("the dashboard's metrics").isNotEmpty();
            assertThat(exported).as("metrics of /observe/metrics").containsAll(queried);

            sandbox.seedOrders("{\"count\": 1, \"readyOnly\": true, \"skus\": [\"OV-UNKNOWN\"]}");
            await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(get(base
                    + "/jolokia/read/org.channelbridge:type=flows,name=orders/OpenDeadLetters")).path("value").asLong() == 1);
            BridgeCommands.Run unhealthy = commands.run("status", "--port", String.valueOf(port));
            assertThat(unhealthy.exit()).as(unhealthy.all()).isEqualTo(StatusCommand.UNHEALTHY);
            assertThat(unhealthy.out()).contains("orders has 1 open dead letter");
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\nThe bridge's output:\n" + bridge.output(), e);
        }
    }

    @Test
    void statusWithNoBridgeAnsweringExitsThree() throws Exception {
        BridgeCommands commands = new BridgeCommands(BridgeConfigFiles.copyWith(folder, Map.of()), "jdbc:h2:mem:x", "", "");
        BridgeCommands.Run run = commands.run("status", "--port", String.valueOf(freePort()));
        assertThat(run.exit()).isEqualTo(StatusCommand.UNHEALTHY);
        assertThat(run.out()).contains("No bridge answers at http://127.0.0.1:");
    }

    /** Every metric name the dashboards under deploy/grafana/ query. */
    private static Set<String> dashboardMetrics() throws IOException {
        Set<String> names = new TreeSet<>();
        List<Path> dashboards;
        try (Stream<Path> files = Files.list(Path.of("deploy/grafana"))) {
            dashboards = files.filter(f -> f.toString().endsWith(".json")).toList();
        }
        assertThat(dashboards).isNotEmpty();
        for (Path dashboard : dashboards) {
            List<String> expressions = new ArrayList<>();
            collectExpressions(JSON.readTree(dashboard.toFile()), expressions);
            Pattern identifier = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*[{\\[(]");
            for (String expression : expressions) {
                // label values in quotes are not metrics
                Matcher m = identifier.matcher(expression.replaceAll("\"[^\"]*\"", "\"\""));
                while (m.find()) {
                    if (!PROMQL.contains(m.group(1))) {
                        names.add(m.group(1));
                    }
                }
                Matcher bare = Pattern.compile("\\b(bridge_[a-z_]+|camel_[a-z_]+)\\b").matcher(expression);
                while (bare.find()) {
                    names.add(bare.group(1));
                }
            }
        }
        return names;
    }

    private static void collectExpressions(JsonNode node, List<String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("expr") && field.getValue().isTextual()) {
                    into.add(field.getValue().asText());
                } else {
                    collectExpressions(field.getValue(), into);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectExpressions(child, into));
        }
    }

    private String get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
