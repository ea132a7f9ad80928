package org.channelbridge.ops.check;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.channelbridge.channeladvisor.ChannelAdvisorAuthenticationException;
import org.channelbridge.channeladvisor.ChannelAdvisorClient;
import org.channelbridge.channeladvisor.ChannelAdvisorException;
import org.channelbridge.channeladvisor.ReadyOrderFilter;
import org.channelbridge.config.BridgeSettings;
import org.channelbridge.config.FtpTrust;
import org.channelbridge.config.ProfileSettings;
import org.channelbridge.config.Profiles;
import org.channelbridge.system2.System2Database;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The probes of {@code check}: each reads one thing the flows need from ChannelAdvisor, its FTP server and System2,
 * and changes nothing (GETs, an FTP listing, a token refresh, database metadata).
 */
public final class LiveReadiness {

    /** The System2 contract tables (design §4) and the bridge's own. */
    static final List<String> TABLES = List.of("products", "product_attributes", "orders", "order_items", "shipments",
            "shipment_items", "adjustments", "sync_state", "dead_letters", "bulk_uploads");

    private final BridgeSettings settings;
    private final ProfileSettings profile;
    private final ChannelAdvisorClient client;
    private final System2Database database;
    private final CamelContext context;

    /** The probes of the first (or only) profile. */
    public LiveReadiness(BridgeSettings settings, ChannelAdvisorClient client, System2Database database,
                         CamelContext context) {
        this(settings, settings.profiles().first(), client, database, context);
    }

    /** {@code client}: the profile's own (its credentials, its calls naming the profile). */
    public LiveReadiness(BridgeSettings settings, ProfileSettings profile, ChannelAdvisorClient client,
                         System2Database database, CamelContext context) {
        this.settings = settings;
        this.profile = profile;
        this.client = client;
        this.database = database;
        this.context = context;
    }

    public List<ProbeResult> run() {
        List<ProbeResult> results = new ArrayList<>(profileProbes());
        results.addAll(sharedProbes());
        return results;
    }

    /** What each profile needs: its token, its account, its distribution center, its orders, its files' way in. */
    public List<ProbeResult> profileProbes() {
        List<ProbeResult> results = new ArrayList<>();
        ProbeResult token = token();
        results.add(token);
        if (token.passed()) {
            results.add(profile());
            results.add(distributionCenter());
            results.add(orders());
        }
        results.add(bulkTransport(token.passed()));
        return results;
    }

    /** What all profiles share: System2's schema and the management port. */
    public List<ProbeResult> sharedProbes() {
        return List.of(schema(), managementPort());
    }

    private ProbeResult token() {
        String probe = "token refresh";
        try {
            client.tokens().accessToken();
            return ProbeResult.pass(probe, "access token issued for application "
                    + profile.get("channeladvisor.application-id"));
        } catch (ChannelAdvisorAuthenticationException e) {
            return ProbeResult.refused(probe, e.getMessage(), "Check channeladvisor.application-id, CA_SHARED_SECRET"
                    + " and CA_REFRESH_TOKEN; a revoked authorisation needs a new refresh token from the seller.");
        } catch (RuntimeException e) {
            return ProbeResult.fail(probe, e.getMessage(), "Check channeladvisor.api-url (CA_API_URL) and the network"
                    + " path to ChannelAdvisor.");
        }
    }

    private ProbeResult profile() {
        String probe = "profile reachable";
        try {
            JsonNode page = client.get("/v1/Products?$top=1&$select=ID");
            return ProbeResult.pass(probe, "GET /v1/Products?$top=1 answered (" + page.path("value").size()
                    + " product)");
        } catch (ChannelAdvisorException e) {
            String key = profile.callsName() ? Profiles.PREFIX + profile.name() + ".profile-id"
                    : "channeladvisor.profile-id (CA_PROFILE_ID)";
            return ProbeResult.fail(probe, e.getMessage(), "Check " + key + " and that the seller authorised the"
                    + " application for that profile.");
        }
    }

    private ProbeResult distributionCenter() {
        int wanted = profile.getInt("products.distribution-center-id", 0);
        String probe = "distribution center " + wanted;
        try {
            List<String> ids = new ArrayList<>();
            client.forEach("/v1/DistributionCenters?$select=ID,Name", dc -> ids.add(dc.path("ID").asText()));
            if (ids.contains(String.valueOf(wanted))) {
                return ProbeResult.pass(probe, "exists (the account has " + String.join(", ", ids) + ")");
            }
            return ProbeResult.fail(probe, "distribution center " + wanted + " does not exist; the account has "
                    + (ids.isEmpty() ? "none" : String.join(", ", ids)),
                    "Set products.distribution-center-id (PRODUCTS_DISTRIBUTION_CENTER_ID) to one of the account's.");
        } catch (ChannelAdvisorException e) {
            return ProbeResult.fail(probe, e.getMessage(), "Check that the application may read distribution centers.");
        }
    }

    private ProbeResult orders() {
        String probe = "orders readable";
        String filter = ReadyOrderFilter.build(settings.get("orders.ready.payment-statuses", "Cleared"),
                settings.get("orders.ready.checkout-statuses", "Completed,CompletedAndVisited,CompletedOffline"),
                settings.get("orders.ready.shipping-statuses", "Unshipped,PendingShipment,PartiallyShipped"),
                settings.get("orders.ready.extra-filter"));
        try {
            JsonNode page = client.get("/v1/Orders?exported=false&$filter="
                    + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20")
                    + "&$select=ID&$top=1&$count=true");
            JsonNode count = page.path("@odata.count");
            return ProbeResult.pass(probe, "with the ready filter: " + (count.isMissingNode() ? "readable"
                    : count.asLong() + " not yet exported"));
        } catch (ChannelAdvisorException e) {
            return ProbeResult.fail(probe, e.getMessage(), "Check orders.ready.* (the ready filter) and that the"
                    + " application may read orders.");
        }
    }

    private ProbeResult bulkTransport(boolean tokenWorks) {
        String transport = settings.get("products.bulk.transport", "ftp").strip().toLowerCase(Locale.ROOT);
        if (!transport.equals("product-upload")) {
            SSLContext tls;
            try {
                tls = FtpTrust.of(settings).createSSLContext(context);
            } catch (Exception e) {
                return ProbeResult.fail("FTP login and /Inventory", "the trust store cannot be read: "
                        + e.getMessage(), "Check channeladvisor.ftp-trust-store and its password.");
            }
            return FtpProbe.run(profile.get("channeladvisor.ftp-url"), profile.get("channeladvisor.ftp-user"),
                    profile.get("channeladvisor.ftp-password"), tls);
        }
        String probe = "ProductUpload reachable";
        if (!tokenWorks) {
            return ProbeResult.fail(probe, "not tried without a token", "Fix the token refresh first.");
        }
        try {
            // an unknown token reads nothing and starts nothing: any answer but a refusal shows the endpoint is there
            client.get("/v1/ProductUpload?token=channel-bridge-check");
            return ProbeResult.pass(probe, "GET /v1/ProductUpload answered");
        } catch (ChannelAdvisorAuthenticationException e) {
            return ProbeResult.fail(probe, e.getMessage(), "Ask ChannelAdvisor to allow ProductUpload for the"
                    + " application, or set products.bulk.transport=ftp.");
        } catch (ChannelAdvisorException e) {
            if (e.status() == 400 || e.status() == 404) {
                return ProbeResult.pass(probe, "GET /v1/ProductUpload answered " + e.status() + " for an unknown token");
            }
            return ProbeResult.fail(probe, e.getMessage(), "Check that the account may use ProductUpload, or set"
                    + " products.bulk.transport=ftp.");
        }
    }

    private ProbeResult schema() {
        String probe = "System2 schema";
        try {
            System2Database.SchemaStatus status = database.schemaStatus();
            List<String> missing = new ArrayList<>();
            try (Connection c = database.dataSource().getConnection()) {
                DatabaseMetaData meta = c.getMetaData();
                for (String table : TABLES) {
                    if (!exists(meta, table)) {
                        missing.add(table);
                    }
                }
            }
            if (status.version() == null || !missing.isEmpty()) {
                return ProbeResult.fail(probe, "version " + (status.version() == null ? "none" : status.version())
                        + (missing.isEmpty() ? "" : ", missing tables " + String.join(", ", missing)),
                        "Run the bridge once (java -jar target/channel-bridge.jar --once): it applies its migrations;"
                                + " or point the queries in config/application.properties at your own tables.");
            }
            return ProbeResult.pass(probe, "version " + status.version() + (status.pending() > 0 ? " ("
                    + status.pending() + " migration(s) to apply at the next start)" : "") + ", " + TABLES.size()
                    + " tables present");
        } catch (SQLException | RuntimeException e) {
            return ProbeResult.fail(probe, e.getMessage(), "Check system2.jdbc.url, SYSTEM2_JDBC_USER and"
                    + " SYSTEM2_JDBC_PASSWORD.");
        }
    }

    private static boolean exists(DatabaseMetaData meta, String table) throws SQLException {
        for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
            try (ResultSet rs = meta.getTables(null, null, name, new String[] {"TABLE", "VIEW"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private ProbeResult managementPort() {
        String probe = "management port";
        if (!Boolean.parseBoolean(settings.get("camel.management.enabled", "true"))) {
            return ProbeResult.pass(probe, "off (camel.management.enabled=false)");
        }
        int port = settings.getInt("camel.management.port", 8081);
        String host = settings.get("camel.management.host", "0.0.0.0");
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(host, port));
            return ProbeResult.pass(probe, "the continuous run will listen on " + host + ":" + port
                    + " (/observe/health, /observe/metrics, /observe/jolokia)");
        } catch (IOException free) {
            if (answersHealth(port)) {
                return ProbeResult.pass(probe, "a running bridge already listens on " + host + ":" + port);
            }
            return ProbeResult.fail(probe, "port " + port + " is taken by another program",
                    "Set camel.management.port (CAMEL_MANAGEMENT_PORT) to a free port.");
        }
    }

    private static boolean answersHealth(int port) {
        try {
            HttpResponse<Void> answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health"))
                            .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() == 200 || answer.statusCode() == 503;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
