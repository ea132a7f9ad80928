package org.channelbridge.app;

import org.channelbridge.ops.monitor.BridgeMonitoring;
import org.channelbridge.ops.monitor.CycleLine;
import org.channelbridge.ops.monitor.ManagementEndpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.channelbridge.app.BridgeApplication;
import org.channelbridge.app.BridgeSession;
import org.channelbridge.app.CommandOutcome;
import org.channelbridge.ops.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code channel-bridge status}: reads a running bridge through its management port (health and the flow MBeans over
 * Jolokia) and prints one row per flow (per flow and profile, with a profile column, when there are several); exits 0 when the bridge is healthy, 3 when it is not (health not UP, a last
 * cycle that failed, an open dead letter, or no answer).
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows a running bridge's flows (last cycle, items in the last hour, backlog, open dead letters,"
                + " 429s in the last hour); exits 0 when healthy, 3 when not.")
public final class StatusCommand implements Callable<Integer> {

    public static final int UNHEALTHY = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    BridgeSession.Opener bridge;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", description = "The bridge's management port (default: camel.management.port).")
    Integer port;

    @Option(names = "--url", description = "The bridge's management base URL, e.g. http://host:8081 (instead of --port).")
    String url;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        return CommandOutcome.run(spec.commandLine().getErr(), () -> {
            ManagementEndpoint endpoint = ManagementEndpoint.of(url, port, bridge.configuration());
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            JsonNode health;
            JsonNode flows;
            try {
                health = get(http, endpoint, "/observe/health");
                // every flow's MBean, and with several profiles each profile's (the key profile)
                flows = get(http, endpoint, "/observe/jolokia/read/" + BridgeMonitoring.DOMAIN + ":type=flows,*")
                        .path("value");
            } catch (IOException e) {
                out.println("No bridge answers at " + endpoint.base() + ": " + e.getMessage());
                out.flush();
                return UNHEALTHY;
            }
            List<String> problems = new ArrayList<>();
            String healthStatus = health.path("status").asText("UNKNOWN");
            if (!healthStatus.equals("UP")) {
                problems.add("health is " + healthStatus);
            }
            boolean several = false;
            for (JsonNode bean : flows) {
                several |= !bean.path("Profile").asText("").isEmpty();
            }
            List<String> columns = new ArrayList<>(List.of("flow", "last cycle", "took", "result", "items/1h",
                    "backlog", "open DL", "429s/1h"));
            if (several) {
                columns.add(1, "profile");
            }
            TextTable table = new TextTable(columns.toArray(String[]::new));
            for (String flow : BridgeApplication.FLOWS) {
                List<JsonNode> beans = beansOf(flows, flow);
                if (beans.isEmpty()) {
                    problems.add(flow + " is not shown by the bridge");
                    beans = List.of(MissingNode.getInstance());
                }
                for (JsonNode f : beans) {
                    String profile = f.path("Profile").asText("");
                    String who = profile.isEmpty() ? flow : flow + " " + profile;
                    String result = f.path("LastCycleResult").asText("");
                    long open = f.path("OpenDeadLetters").asLong();
                    long backlog = f.path("Backlog").asLong(-1);
                    long took = f.path("LastCycleMillis").asLong(-1);
                    List<String> row = new ArrayList<>(List.of(flow, seconds(f.path("LastCycleEnded").asText("")),
                            took < 0 ? "-" : CycleLine.time(Duration.ofMillis(took)), orDash(result),
                            String.valueOf(f.path("ItemsLastHour").asLong()),
                            backlog < 0 ? "-" : String.valueOf(backlog), String.valueOf(open),
                            String.valueOf(f.path("ChannelAdvisorThrottledLastHour").asLong())));
                    if (several) {
                        row.add(1, orDash(profile));
                    }
                    table.row(row.toArray(String[]::new));
                    if (result.startsWith("failed")) {
                        problems.add(who + "'s last cycle " + result);
                    }
                    if (open > 0) {
                        problems.add(who + " has " + open + " open dead letter(s) (dlq list --open)");
                    }
                }
            }
            out.print(table);
            out.println(problems.isEmpty() ? "Bridge at " + endpoint.base() + ": healthy"
                    : "Bridge at " + endpoint.base() + ": not healthy: " + String.join("; ", problems));
            out.flush();
            return problems.isEmpty() ? 0 : UNHEALTHY;
        });
    }

    private static JsonNode get(HttpClient http, ManagementEndpoint endpoint, String path) throws IOException {
        try {
            HttpResponse<String> response = http.send(endpoint.request(path).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            // a DOWN health answers 503 with the same document
            if (response.statusCode() != 200 && response.statusCode() != 503) {
                throw new IOException(path + " answered HTTP " + response.statusCode());
            }
            return JSON.readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * The flow's MBeans among those read: one, or one per profile in the order of their profile ids (Jolokia names
     * them with their keys in any order).
     */
    private static List<JsonNode> beansOf(JsonNode flows, String flow) {
        List<JsonNode> beans = new ArrayList<>();
        flows.forEach(bean -> {
            if (flow.equals(bean.path("Flow").asText())) {
                beans.add(bean);
            }
        });
        beans.sort(java.util.Comparator.comparing(StatusCommand::profileId));
        return beans;
    }

    /** The id of a profile as the MBean names it ({@code uk (12346)} → 12346); 0 for none. */
    private static long profileId(JsonNode bean) {
        String profile = bean.path("Profile").asText("");
        int open = profile.lastIndexOf('(');
        try {
            return open < 0 ? 0 : Long.parseLong(profile.substring(open + 1, profile.length() - 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String seconds(String instant) {
        return instant.isEmpty() ? "-" : Instant.parse(instant).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String orDash(String text) {
        return text.isEmpty() ? "-" : text;
    }
}
