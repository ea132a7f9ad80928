package org.channelbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.channelbridge.flow.SandboxPeer;
import org.channelbridge.system2.ProductFields;
import org.channelbridge.ops.BridgeConfigFiles;
import org.channelbridge.ops.BridgeProcess;
import org.channelbridge.ops.ChannelAdvisorLine;
import org.channelbridge.system2.OwnDatabaseServer;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The whole system under hostile conditions: the bridge as its own process against the standalone sandbox and a
 * fresh PostgreSQL database, with every flow on a short schedule, while the sandbox injects 429s, 500s, dropped
 * connections, latency spikes and expired tokens, the bridge is killed (SIGKILL) and restarted every 20–60 s, the
 * marketplace keeps creating orders and System2 keeps changing products, shipping and adjusting. After a quiet
 * period without faults it checks that nothing was lost or doubled. Run by {@code bench/soak [--minutes M]};
 * exits 1 on any violation.
 */
public final class Soak {

    private static final int CATALOG = 150;
    private static final int QUIET_SECONDS = 240;
    private static final int MAX_CONCURRENT = 5;
    private static final int REQUESTS_PER_MINUTE = 2000;

    private final Random random = new Random();
    private final double minutes;
    private final boolean hostile;
    private int databaseRestarts;
    private int channelAdvisorOutages;
    private final Path folder;
    private int kills;
    private int supervisorRestarts;
    private int tokenExpiries;
    private int created;

    private Soak(double minutes, boolean hostile, Path folder) {
        this.minutes = minutes;
        this.hostile = hostile;
        this.folder = folder;
    }

    public static void main(String[] args) throws Exception {
        double minutes = 10;
        boolean hostile = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--minutes")) {
                minutes = Double.parseDouble(args[++i]);
            } else if (args[i].equals("--hostile")) {
                hostile = true;
            }
        }
        Path folder = Files.createTempDirectory("soak");
        System.out.println("soak: " + minutes + " minutes" + (hostile ? ", hostile" : "") + ", logs in " + folder);
        int code = new Soak(minutes, hostile, folder).run();
        System.exit(code);
    }

    private int run() throws Exception {
        // --hostile: System2 on a PostgreSQL server of the soak's own (restarting it disturbs nothing else), and
        // ChannelAdvisor behind a line the soak can cut
        try (OwnDatabaseServer server = hostile ? OwnDatabaseServer.postgres() : null;
             SandboxProcess sandbox = SandboxProcess.start(BridgeProcess.JAR, folder.resolve("sandbox.log"));
             ChannelAdvisorLine line = hostile ? ChannelAdvisorLine.to(URI.create(sandbox.url()).getPort()) : null;
             SoakSystem2 system2 = hostile ? SoakSystem2.create(server.jdbcUrl()) : SoakSystem2.create()) {
            Map<String, String> keys = bridgeKeys(sandbox, system2);
            if (line != null) {
                keys.put("channeladvisor.api-url", line.url());
            }
            Path config = BridgeConfigFiles.copyWith(folder, keys);
            Map<String, String> env = Map.of("SYSTEM2_JDBC_PASSWORD", "");
            BridgeProcess bridge = BridgeProcess.start(folder, env, "--config", config.toString());
            try {
                waitForMigration(system2);
                system2.seedCatalog(CATALOG);
                hostile(sandbox);
                Map<String, String> planted = new HashMap<>();
                long start = System.currentTimeMillis();
                long end = start + (long) (minutes * 60_000);
                long nextKill = Long.MAX_VALUE;
                long nextExpiry = start + 60_000;
                long plantAt = start + (end - start) / 3;
                // --hostile: the database restarts at a quarter of the time (down 60 s), ChannelAdvisor is
                // unreachable at a half (30 s refused, then 30 s of connections that never answer)
                long databaseDownAt = hostile ? start + (end - start) / 4 : Long.MAX_VALUE;
                long databaseUpAt = Long.MAX_VALUE;
                long lineCutAt = hostile ? start + (end - start) / 2 : Long.MAX_VALUE;
                long lineHolesAt = Long.MAX_VALUE;
                long lineBackAt = Long.MAX_VALUE;
                while (System.currentTimeMillis() < end) {
                    long now = System.currentTimeMillis();
                    if (now >= databaseDownAt) {
                        System.out.println("soak: System2's database stops for 60 s");
                        server.stop();
                        databaseRestarts++;
                        databaseDownAt = Long.MAX_VALUE;
                        databaseUpAt = now + 60_000;
                    }
                    if (now >= databaseUpAt) {
                        server.start();
                        system2.reconnect();
                        databaseUpAt = Long.MAX_VALUE;
                        System.out.println("soak: System2's database is back");
                    }
                    if (now >= lineCutAt) {
                        System.out.println("soak: ChannelAdvisor unreachable for 60 s");
                        line.refuse();
                        channelAdvisorOutages++;
                        lineCutAt = Long.MAX_VALUE;
                        lineHolesAt = now + 30_000;
                    }
                    if (now >= lineHolesAt) {
                        line.blackHole();
                        lineHolesAt = Long.MAX_VALUE;
                        lineBackAt = now + 30_000;
                    }
                    if (now >= lineBackAt) {
                        line.restore();
                        lineBackAt = Long.MAX_VALUE;
                        System.out.println("soak: ChannelAdvisor is reachable again");
                    }
                    boolean databaseDown = databaseUpAt != Long.MAX_VALUE;
                    // the next kill comes 20-60 s after the bridge has started, not after it was launched: on a busy
                    // machine start-up alone takes 10 s and more, and a bridge killed before its first cycle ends
                    // proves nothing
                    if (nextKill == Long.MAX_VALUE && bridge.output().contains("Channel Bridge ")
                            && bridge.output().contains(" started ")) {
                        nextKill = now + 20_000 + random.nextInt(40_000);
                    }
                    if (now >= nextKill) {
                        bridge.kill();
                        kills++;
                        bridge = BridgeProcess.start(folder, env, "--config", config.toString());
                        nextKill = Long.MAX_VALUE;
                    }
                    // a bridge that gave up (started while System2's database was down, say) is started again, as
                    // its service manager would (systemd Restart=always, a Kubernetes restart)
                    if (!bridge.isAlive()) {
                        supervisorRestarts++;
                        bridge = BridgeProcess.start(folder, env, "--config", config.toString());
                        nextKill = Long.MAX_VALUE;
                    }
                    if (now >= nextExpiry) {
                        sandbox.admin("POST", "/sandbox/tokens/expire", null);
                        tokenExpiries++;
                        nextExpiry = now + 60_000;
                    }
                    if (databaseDown) {
                        Thread.sleep(2_000);
                        continue;
                    }
                    if (planted.isEmpty() && now >= plantAt) {
                        planted.putAll(system2.plantBadInputs());
                    }
                    if (!planted.isEmpty() && !planted.containsKey("orders")) {
                        long badOrder = sandbox.admin("POST", "/sandbox/orders",
                                "{\"count\":1,\"readyOnly\":true,\"unknownSkus\":1}").path("ids").get(0).asLong();
                        planted.put("orders", String.valueOf(badOrder));
                    }
                    // the marketplace sells once the catalog is there: orders over Skus System2 knows
                    if (sandbox.admin("GET", "/sandbox/stats", null).path("products").asInt() >= CATALOG) {
                        sandbox.admin("POST", "/sandbox/orders", "{\"count\":1}");
                        created++;
                    }
                    system2.changeProducts(3);
                    system2.fulfil();
                    Thread.sleep(2_000);
                }
                if (databaseUpAt != Long.MAX_VALUE) {
                    server.start();
                    system2.reconnect();
                }
                if (line != null) {
                    line.restore();
                }
                if (planted.isEmpty()) {
                    throw new IllegalStateException("no two orders were left for the bad inputs; run the soak longer");
                }
                sandbox.admin("DELETE", "/sandbox/faults", null);
                System.out.println("soak: faults off, quiet period (at most " + QUIET_SECONDS + " s)");
                List<String> violations = quiet(sandbox, system2, planted);
                return report(sandbox, system2, planted, violations);
            } finally {
                bridge.close();
            }
        }
    }

    private Map<String, String> bridgeKeys(SandboxProcess sandbox, SoakSystem2 system2) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("channeladvisor.api-url", sandbox.url());
        keys.put("channeladvisor.application-id", SandboxProcess.APPLICATION);
        keys.put("channeladvisor.shared-secret", SandboxProcess.SECRET);
        keys.put("channeladvisor.refresh-token", SandboxProcess.REFRESH_TOKEN);
        keys.put("channeladvisor.profile-id", SandboxProcess.PROFILE);
        keys.put("channeladvisor.ftp-url", "ftp://127.0.0.1:" + sandbox.ftpPort());
        keys.put("channeladvisor.ftp-user", "sbxftp:sandbox");
        keys.put("channeladvisor.ftp-password", "sandbox");
        keys.put("channeladvisor.timeout-seconds", "20");
        keys.put("channeladvisor.page-retry-delay-ms", "500");
        keys.put("sandbox.enabled", "false");
        keys.put("system2.jdbc.url", system2.url());
        keys.put("system2.jdbc.user", "postgres");
        keys.put("flows.redelivery-delay-ms", "500");
        keys.put("products.cron", "0/10 * * * * ?");
        keys.put("orders.cron", "0/5 * * * * ?");
        keys.put("acks.cron", "1/5 * * * * ?");
        keys.put("shipments.cron", "2/5 * * * * ?");
        keys.put("refunds.cron", "3/5 * * * * ?");
        return keys;
    }

    private static void waitForMigration(SoakSystem2 system2) throws Exception {
        for (int i = 0; i < 120; i++) {
            if (system2.migrated()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the bridge did not create the System2 tables within a minute");
    }

    /** 5% 429, 2% 500, 1% dropped connections, 1% slow calls (latency spikes) on every API and token call. */
    private static void hostile(SandboxProcess sandbox) {
        String api = "\"path\":\"^/(v1|oauth2)/\"";
        sandbox.admin("POST", "/sandbox/faults", "{\"rate\":0.05,\"status\":429," + api + "}");
        sandbox.admin("POST", "/sandbox/faults", "{\"rate\":0.02,\"status\":500," + api + "}");
        sandbox.admin("POST", "/sandbox/faults", "{\"rate\":0.01,\"reset\":true," + api + "}");
        sandbox.admin("POST", "/sandbox/faults", "{\"rate\":0.01,\"latencyMs\":5000," + api + "}");
        sandbox.admin("POST", "/sandbox/faults", "{\"latencyMs\":20,\"jitterMs\":60}");
    }

    /** Lets the bridge run without faults until every check holds, or the quiet period is over. */
    private List<String> quiet(SandboxProcess sandbox, SoakSystem2 system2, Map<String, String> planted) throws Exception {
        long deadline = System.currentTimeMillis() + QUIET_SECONDS * 1000L;
        List<String> violations = check(sandbox, system2, planted);
        long nextNote = System.currentTimeMillis() + 30_000;
        while (!violations.isEmpty() && System.currentTimeMillis() < deadline) {
            if (System.currentTimeMillis() >= nextNote) {
                System.out.println("soak: still waiting for " + violations.size() + " check(s), e.g. " + violations.get(0));
                nextNote += 30_000;
            }
            Thread.sleep(5_000);
            system2.fulfil();
            violations = check(sandbox, system2, planted);
        }
        return violations;
    }

    private List<String> check(SandboxProcess sandbox, SoakSystem2 system2, Map<String, String> planted) throws Exception {
        List<String> violations = new ArrayList<>();
        checkOrders(sandbox, system2, planted, violations);
        JsonNode orders = sandbox.admin("GET", "/sandbox/orders", null).path("value");
        checkOnce("shipment", system2.shipments(), orders, "Fulfillments", "SellerFulfillmentID", violations);
        checkOnce("adjustment", system2.adjustments(), orders, "Adjustments", "SellerAdjustmentID", violations);
        for (Map<String, Object> row : system2.rows("select id, status from shipments where status <> 'SENT'")) {
            if (!row.get("id").equals(planted.get("shipments"))) {
                violations.add("shipment " + row.get("id") + " is " + row.get("status") + " in System2");
            }
        }
        for (Map<String, Object> row : system2.rows("select id, status from adjustments where status <> 'COMPLETE'")) {
            if (!row.get("id").equals(planted.get("refunds"))) {
                violations.add("adjustment " + row.get("id") + " is " + row.get("status") + " in System2");
            }
        }
        checkProducts(sandbox, system2, orders, violations);
        if (created == 0 || system2.shipments().isEmpty() || system2.adjustments().isEmpty()
                || (minutes >= 1 && kills == 0)) {
            violations.add("the soak did too little to prove anything: " + created + " orders, "
                    + system2.shipments().size() + " shipments, " + system2.adjustments().size() + " adjustments, "
                    + kills + " kills");
        }
        Set<String> letters = new TreeSet<>();
        system2.rows("select flow, business_key from dead_letters where state = 'OPEN'")
                .forEach(r -> letters.add(r.get("flow") + ":" + r.get("business_key")));
        Set<String> expected = new TreeSet<>();
        planted.forEach((flow, key) -> expected.add(flow + ":" + key));
        if (!letters.equals(expected)) {
            violations.add("dead letters are " + letters + ", the planted bad inputs " + expected);
        }
        JsonNode limits = sandbox.admin("GET", "/sandbox/stats", null).path("limits");
        int concurrency = limits.path("highestConcurrency").path(SandboxProcess.APPLICATION).asInt();
        int busiestMinute = limits.path("highestPerMinuteByProfile").path(SandboxProcess.PROFILE).asInt();
        if (concurrency > MAX_CONCURRENT) {
            violations.add("highest concurrency " + concurrency + " is above the limit of " + MAX_CONCURRENT);
        }
        if (busiestMinute > REQUESTS_PER_MINUTE || limits.path("rejected").asInt() > 0) {
            violations.add("busiest minute " + busiestMinute + " requests, " + limits.path("rejected").asInt()
                    + " rejected by the sandbox's limiter (budget " + REQUESTS_PER_MINUTE + ")");
        }
        return violations;
    }

    private static void checkOrders(SandboxProcess sandbox, SoakSystem2 system2, Map<String, String> planted,
                                    List<String> violations) throws Exception {
        Map<Long, Integer> saved = new HashMap<>();
        Set<Long> unacked = new HashSet<>();
        for (Map<String, Object> row : system2.rows("select ca_order_id, acked_at from orders")) {
            long id = ((Number) row.get("ca_order_id")).longValue();
            saved.merge(id, 1, Integer::sum);
            if (row.get("acked_at") == null) {
                unacked.add(id);
            }
        }
        saved.forEach((id, n) -> {
            if (n > 1) {
                violations.add("order " + id + " is " + n + " times in System2");
            }
        });
        if (!unacked.isEmpty()) {
            violations.add(unacked.size() + " orders saved but not acknowledged in System2, e.g. " + unacked.iterator().next());
        }
        Set<Long> readyUnexported = ids(sandbox.all("/v1/Orders?exported=false&$select=ID&$filter="
                + SandboxProcess.encode(SandboxPeer.READY_FILTER)));
        Set<Long> expected = planted.containsKey("orders") ? Set.of(Long.parseLong(planted.get("orders"))) : Set.of();
        if (!readyUnexported.equals(expected)) {
            violations.add("ready orders not exported: " + readyUnexported + " (expected only the planted " + expected + ")");
        }
        for (long id : ids(sandbox.all("/v1/Orders?exported=false&$select=ID"))) {
            if (saved.containsKey(id)) {
                violations.add("order " + id + " is in System2 but not exported");
            }
        }
        for (long id : ids(sandbox.all("/v1/Orders?exported=true&$select=ID"))) {
            if (!saved.containsKey(id)) {
                violations.add("order " + id + " is exported but not in System2");
            }
        }
    }

    private static void checkOnce(String what, List<String> ids, JsonNode orders, String collection, String field,
                                  List<String> violations) {
        Map<String, Integer> seen = new HashMap<>();
        orders.forEach(o -> o.path(collection).forEach(e -> seen.merge(e.path(field).asText(), 1, Integer::sum)));
        for (String id : ids) {
            int n = seen.getOrDefault(id, 0);
            if (n != 1) {
                violations.add(what + " " + id + " is " + n + " times in the sandbox");
            }
        }
    }

    /**
     * Every field the products flow sends, the attributes, and the quantity (Absolute: the default distribution
     * center's available quantity) — the quantity only of products no marketplace order holds, since orders, their
     * shipments and cancellations move ChannelAdvisor's quantities on their own.
     */
    private static void checkProducts(SandboxProcess sandbox, SoakSystem2 system2, JsonNode orders,
                                      List<String> violations) throws Exception {
        Map<String, JsonNode> bySku = new HashMap<>();
        sandbox.admin("GET", "/sandbox/products", null).path("value").forEach(p -> bySku.put(p.path("Sku").asText(), p));
        Map<String, Map<String, String>> attributes = new HashMap<>();
        system2.rows("select sku, name, value from product_attributes").forEach(r -> attributes
                .computeIfAbsent((String) r.get("sku"), k -> new TreeMap<>()).put((String) r.get("name"), (String) r.get("value")));
        Set<String> ordered = new HashSet<>();
        orders.forEach(o -> o.path("Items").forEach(i -> ordered.add(i.path("Sku").asText())));
        int differing = 0;
        String example = null;
        for (Map<String, Object> row : system2.rows("select * from products where sku <> '" + SoakSystem2.BAD_SKU + "'")) {
            String sku = (String) row.get("sku");
            JsonNode product = bySku.get(sku);
            String difference = product == null ? "not in the sandbox" : null;
            for (String[] column : ProductFields.COLUMNS) {
                Object value = row.get(column[0]);
                if (difference == null && !same(value, product.path(column[1]))) {
                    difference = column[1] + ": System2 " + value + ", sandbox " + product.path(column[1]);
                }
            }
            if (difference == null) {
                Map<String, String> inSandbox = new TreeMap<>();
                product.path("Attributes").forEach(a -> inSandbox.put(a.path("Name").asText(), a.path("Value").asText()));
                Map<String, String> inSystem2 = attributes.getOrDefault(sku, Map.of());
                if (!inSandbox.equals(inSystem2)) {
                    difference = "attributes: System2 " + inSystem2 + ", sandbox " + inSandbox;
                } else if (!ordered.contains(sku) && !same(row.get("quantity"), available(product))) {
                    difference = "quantity: System2 " + row.get("quantity") + ", sandbox " + available(product);
                }
            }
            if (difference != null) {
                differing++;
                example = sku + " " + difference;
            }
        }
        if (differing > 0) {
            violations.add(differing + " products differ between System2 and the sandbox, e.g. " + example);
        }
        if (bySku.containsKey(SoakSystem2.BAD_SKU)) {
            violations.add("the bad product " + SoakSystem2.BAD_SKU + " reached the sandbox");
        }
    }

    private static JsonNode available(JsonNode product) {
        for (JsonNode dc : product.path("DCQuantities")) {
            if (dc.path("DistributionCenterID").asInt() == 0) {
                return dc.path("AvailableQuantity");
            }
        }
        return product.path("TotalAvailableQuantity");
    }

    private static boolean same(Object system2, JsonNode sandbox) {
        if (system2 == null) {
            return sandbox.isMissingNode() || sandbox.isNull();
        }
        if (system2 instanceof Integer number) {
            return sandbox.isNumber() && sandbox.asInt() == number;
        }
        if (system2 instanceof BigDecimal decimal) {
            return sandbox.isNumber() && decimal.compareTo(sandbox.decimalValue()) == 0;
        }
        return system2.toString().equals(sandbox.asText());
    }

    private static Set<Long> ids(List<JsonNode> entities) {
        Set<Long> ids = new TreeSet<>();
        entities.forEach(e -> ids.add(e.path("ID").asLong()));
        return ids;
    }

    private int report(SandboxProcess sandbox, SoakSystem2 system2, Map<String, String> planted, List<String> violations)
            throws Exception {
        JsonNode stats = sandbox.admin("GET", "/sandbox/stats", null);
        JsonNode limits = stats.path("limits");
        long saved = system2.rows("select id from orders").size();
        long letters = system2.rows("select id from dead_letters where state = 'OPEN'").size();
        System.out.printf("soak: %.1f minutes, bridge killed %d times (and started again %d times after it gave up),"
                + " tokens expired %d times, database restarted %d times, ChannelAdvisor unreachable %d times%n",
                minutes, kills, supervisorRestarts, tokenExpiries, databaseRestarts, channelAdvisorOutages);
        System.out.printf("soak: orders created %d (%d in the sandbox), saved and acknowledged in System2 %d%n",
                created, stats.path("orders").path("total").asInt(), saved);
        System.out.printf("soak: shipments %d, adjustments %d, product changes %d over %d products%n",
                system2.shipments().size(), system2.adjustments().size(), system2.productChanges(), CATALOG);
        System.out.printf("soak: dead letters %d (planted %d: %s)%n", letters, planted.size(), planted);
        System.out.printf("soak: 429s sent %d, highest concurrency %d (limit %d), busiest minute %d requests (limit %d),"
                        + " limiter rejections %d%n", stats.path("tooManyRequestsSent").asInt(),
                limits.path("highestConcurrency").path(SandboxProcess.APPLICATION).asInt(), MAX_CONCURRENT,
                limits.path("highestPerMinuteByProfile").path(SandboxProcess.PROFILE).asInt(), REQUESTS_PER_MINUTE,
                limits.path("rejected").asInt());
        if (hostile) {
            BenchResult.append("soak", minutes, "minutes", BenchResult.Against.CEILING, minutes,
                    violations.isEmpty() ? 1.0 : 0.0, String.format(java.util.Locale.ROOT,
                            "\"hostile\":true,\"held\":%b,\"violations\":%d,\"kills\":%d,\"restarts_after_exit\":%d,"
                                    + "\"token_expiries\":%d,\"database_restarts\":%d,"
                                    + "\"channeladvisor_outages\":%d,\"orders_created\":%d,\"orders_saved\":%d,"
                                    + "\"shipments\":%d,\"adjustments\":%d,\"product_changes\":%d,"
                                    + "\"dead_letters_open\":%d,\"dead_letters_planted\":%d,\"responses_429\":%d,"
                                    + "\"database\":\"PostgreSQL (the soak's own server)\","
                                    + "\"goal\":\"held: nothing lost or doubled, dead letters only for the planted"
                                    + " bad inputs\"", violations.isEmpty(), violations.size(), kills,
                            supervisorRestarts, tokenExpiries, databaseRestarts, channelAdvisorOutages, created, saved,
                            system2.shipments().size(), system2.adjustments().size(), system2.productChanges(),
                            letters, planted.size(), stats.path("tooManyRequestsSent").asInt()));
        }
        if (violations.isEmpty()) {
            System.out.println("soak: held — nothing lost, nothing doubled, within the limits");
            return 0;
        }
        violations.forEach(v -> System.out.println("soak: VIOLATION " + v));
        System.out.println("soak: logs in " + folder);
        return 1;
    }
}
