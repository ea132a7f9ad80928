package org.channelbridge.sandbox.ftp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.DefaultFtplet;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpFile;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.FtpletResult;
import org.apache.ftpserver.listener.Listener;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.ConcurrentLoginPermission;
import org.apache.ftpserver.usermanager.impl.WritePermission;
import org.apache.ftpserver.ftplet.UserManager;
import org.channelbridge.sandbox.SandboxClock;
import org.channelbridge.sandbox.SandboxSettings;
import org.channelbridge.sandbox.api.ApiGateway;
import org.channelbridge.sandbox.odata.CaFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The FTP inbox (items 35-36): an Apache MINA FtpServer with one login per profile, as ChannelAdvisor gives each
 * account its own login prefix (reference 7); each login sees its own {@code /Inventory} and
 * {@code /Inventory/Transform}. A file is picked up once it is complete (not being uploaded, not a temporary
 * name, unchanged for the pick-up delay), applied to its profile's product store, removed, and its status kept.
 */
public final class FtpInbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FtpInbox.class);
    private static final String[] FOLDERS = {"Inventory", "Inventory/Transform"};

    private record Seen(long size, long modified, long since) {
    }

    /** One profile's inbox: its login, its folders, and the importer into its catalog. */
    private record Inbox(long profileId, String user, Path home, InventoryImporter importer) {
    }

    private final SandboxSettings settings;
    private final SandboxClock clock;
    private final ApiGateway gateway;
    private final List<Inbox> inboxes = new ArrayList<>();
    private final Path root;
    private final Set<Path> uploading = ConcurrentHashMap.newKeySet();
    /** Files (by login and final name) that arrived over a TLS-protected session. */
    private final Set<String> overTls = ConcurrentHashMap.newKeySet();
    private final Map<Path, Seen> seen = new HashMap<>();
    private final List<ObjectNode> statuses = new ArrayList<>();
    private final OnDemandTls tls = new OnDemandTls();
    private FtpServer server;
    private int port;
    /** Faults of the FTP server itself (POST /sandbox/ftp/faults): every login refused, or the server down. */
    private volatile boolean refuseLogins;
    private volatile boolean down;

    public FtpInbox(SandboxSettings settings, SandboxClock clock, ApiGateway gateway) throws IOException {
        this.settings = settings;
        this.clock = clock;
        this.gateway = gateway;
        this.root = Files.createTempDirectory("sandbox-ftp");
        for (SandboxSettings.Profile p : settings.profiles()) {
            Path home = root.resolve(String.valueOf(p.id()));
            for (String f : FOLDERS) {
                Files.createDirectories(home.resolve(f));
            }
            inboxes.add(new Inbox(p.id(), p.ftpUser(), home,
                    new InventoryImporter(settings, gateway.profiles().get(p.id()).products())));
        }
    }

    public int start() throws FtpException {
        port = serve(settings.ftpPort);
        return port;
    }

    /** Starts an FTP server on {@code wanted} (0: any free port); returns the port it listens on. */
    private int serve(int wanted) throws FtpException {
        FtpServerFactory factory = new FtpServerFactory();
        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress(settings.host);
        listener.setPort(wanted);
        // explicit TLS (AUTH TLS on the control port), as ftps.channeladvisor.com offers; plain FTP stays possible
        listener.setSslConfiguration(tls);
        listener.setImplicitSsl(false);
        factory.addListener("default", listener.createListener());
        UserManager users = new PropertiesUserManagerFactory().createUserManager();
        for (Inbox inbox : inboxes) {
            BaseUser user = new BaseUser();
            user.setName(inbox.user());
            user.setPassword(settings.ftpPassword);
            user.setHomeDirectory(inbox.home().toString());
            user.setAuthorities(List.of(new WritePermission(), new ConcurrentLoginPermission(0, 0)));
            users.save(user);
        }
        factory.setUserManager(users);
        factory.setFtplets(new HashMap<>(Map.of("inbox", new UploadTracker())));
        server = factory.createServer();
        server.start();
        Listener bound = ((org.apache.ftpserver.impl.DefaultFtpServer) server).getListener("default");
        return bound.getPort();
    }

    public int port() {
        return port;
    }

    /** Whether a client has asked for TLS yet: the server sets it up (and makes its certificate) only then. */
    public boolean tlsSetUp() {
        return tls.isSetUp();
    }

    /** The trust store (PKCS12, password {@code sandbox}) holding the certificate the FTP server offers for TLS. */
    public Path trustStore() {
        return FtpCertificate.get().trustStore();
    }

    /** Looks at every profile's folders once; called by the sandbox's timer. */
    public synchronized void poll() {
        for (Inbox inbox : inboxes) {
            poll(inbox);
        }
        seen.keySet().removeIf(p -> !Files.exists(p));
    }

    private void poll(Inbox inbox) {
        long now = clock.millis();
        for (String folder : FOLDERS) {
            List<Path> files;
            try (Stream<Path> s = Files.list(inbox.home().resolve(folder))) {
                files = s.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList();
            } catch (IOException e) {
                LOG.warn("cannot list the FTP inbox folder /{}: {}", folder, e.getMessage());
                continue;
            }
            for (Path f : files) {
                if (temporary(f.getFileName().toString()) || uploading.contains(f)) {
                    continue;
                }
                File file = f.toFile();
                Seen before = seen.get(f);
                if (before == null || before.size != file.length() || before.modified != file.lastModified()) {
                    seen.put(f, new Seen(file.length(), file.lastModified(), now));
                    continue;
                }
                if (now - seen.get(f).since >= settings.ftpPickUpDelay.toMillis()) {
                    ingest(inbox, folder, f);
                    seen.remove(f);
                }
            }
        }
    }

    private void ingest(Inbox inbox, String folder, Path f) {
        String name = f.getFileName().toString();
        ObjectNode status;
        String received = CaFormat.date(clock.now());
        try {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            InventoryImporter.Method method = method(name);
            status = gateway.underLock(false, () -> inbox.importer().apply(name, text, method, clock.now()));
            Files.deleteIfExists(f);
        } catch (IOException | UncheckedIOException e) {
            status = CaFormat.JSON.createObjectNode().put("status", "Failed");
            status.putArray("errors").addObject().put("row", 0).put("message", "The file could not be read.");
            try {
                Files.deleteIfExists(f);
            } catch (IOException ignored) {
                // the status already says the file failed; a leftover file is retried on the next poll
            }
        }
        ObjectNode record = CaFormat.JSON.createObjectNode();
        record.put("name", name).put("folder", "/" + folder).put("profileId", inbox.profileId())
                .put("tls", overTls.remove(inbox.user() + "/" + name)).put("receivedUtc", received)
                .put("processedUtc", CaFormat.date(clock.now()));
        record.setAll(status);
        LOG.info("FTP inbox of profile {} processed /{}/{}: {} of {} rows applied, {} errors", inbox.profileId(), folder, name,
                status.path("applied").asInt(), status.path("rows").asInt(), status.path("errors").size());
        statuses.add(record);
    }

    private InventoryImporter.Method method(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("newonly_") || lower.startsWith("newonly-")) {
            return InventoryImporter.Method.NEW_ONLY;
        }
        if (lower.startsWith("updatesonly_") || lower.startsWith("updatesonly-")) {
            return InventoryImporter.Method.UPDATES_ONLY;
        }
        if (lower.startsWith("all_") || lower.startsWith("all-")) {
            return InventoryImporter.Method.ALL;
        }
        return switch (settings.ftpDefaultImportMethod.toLowerCase(Locale.ROOT).replace(" ", "")) {
            case "newonly" -> InventoryImporter.Method.NEW_ONLY;
            case "updatesonly" -> InventoryImporter.Method.UPDATES_ONLY;
            default -> InventoryImporter.Method.ALL;
        };
    }

    /** Names that mean the upload is not finished: the uploader renames the file when it is. */
    static boolean temporary(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith(".") || lower.endsWith(".tmp") || lower.endsWith(".part") || lower.endsWith(".filepart")
                || lower.endsWith(".partial") || lower.endsWith(".inprogress");
    }

    public synchronized JsonNode status() {
        ObjectNode doc = CaFormat.JSON.createObjectNode();
        doc.put("port", port);
        doc.set("faults", faults());
        ArrayNode files = doc.putArray("files");
        statuses.forEach(s -> files.add(s.deepCopy()));
        return doc;
    }

    /**
     * Sets the FTP server's faults: {@code refuseLogins} answers every login {@code 530 Login incorrect.} (as a server
     * does to a changed or locked account); {@code down} closes every session and stops listening, so that a
     * connection is refused, until {@code down} is false again. Returns the faults now in force.
     */
    public synchronized JsonNode faults(JsonNode body) {
        if (body.has("refuseLogins")) {
            refuseLogins = body.get("refuseLogins").asBoolean();
        }
        if (body.has("down") && body.get("down").asBoolean() != down) {
            down = body.get("down").asBoolean();
            if (down) {
                stopServer();
                LOG.info("FTP server down (fault): connections to port {} are refused", port);
            } else {
                try {
                    serve(port);
                } catch (FtpException e) {
                    throw new IllegalStateException("the FTP server could not listen on port " + port + " again", e);
                }
                LOG.info("FTP server up again on port {}", port);
            }
        }
        return faults();
    }

    public JsonNode faults() {
        return CaFormat.JSON.createObjectNode().put("refuseLogins", refuseLogins).put("down", down);
    }

    public synchronized void reset() {
        refuseLogins = false;
        if (down) {
            faults(CaFormat.JSON.createObjectNode().put("down", false));
        }
        statuses.clear();
        seen.clear();
        for (Inbox inbox : inboxes) {
            for (String folder : FOLDERS) {
                try (Stream<Path> s = Files.list(inbox.home().resolve(folder))) {
                    for (Path p : s.filter(Files::isRegularFile).toList()) {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException e) {
                    LOG.warn("cannot empty the FTP inbox folder /{} of profile {}: {}", folder, inbox.profileId(),
                            e.getMessage());
                }
            }
        }
    }

    @Override
    public void close() {
        stopServer();
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("leftover temporary FTP folder {}", root);
        }
    }

    private void stopServer() {
        if (server != null) {
            try {
                server.stop();
            } catch (UnsupportedOperationException e) {
                // MINA FtpServer 1.2.1 clears an immutable map at the end of stop(); the server is stopped by then
                LOG.debug("FTP server stopped ({})", e.toString());
            }
            server = null;
        }
    }

    /** Remembers which files are being written, so that the poller never reads half a file. */
    private final class UploadTracker extends DefaultFtplet {
        @Override
        public FtpletResult beforeCommand(FtpSession session, FtpRequest request) throws FtpException, IOException {
            String cmd = request.getCommand().toUpperCase(Locale.ROOT);
            // refused logins: the password is answered 530 as a server answers a changed or locked account
            if (refuseLogins && cmd.equals("PASS")) {
                session.write(new DefaultFtpReply(530, "Login incorrect."));
                return FtpletResult.SKIP;
            }
            if ((cmd.equals("STOR") || cmd.equals("APPE")) && request.hasArgument()) {
                Path p = physical(session, request.getArgument());
                if (p != null) {
                    uploading.add(p);
                }
            }
            return super.beforeCommand(session, request);
        }

        @Override
        public FtpletResult afterCommand(FtpSession session, FtpRequest request,
                                         org.apache.ftpserver.ftplet.FtpReply reply) throws FtpException, IOException {
            String cmd = request.getCommand().toUpperCase(Locale.ROOT);
            if ((cmd.equals("STOR") || cmd.equals("APPE")) && request.hasArgument()) {
                Path p = physical(session, request.getArgument());
                if (p != null) {
                    uploading.remove(p);
                }
            }
            if (session.isSecure() && request.hasArgument()
                    && (cmd.equals("STOR") || cmd.equals("APPE") || cmd.equals("RNTO"))) {
                String arg = request.getArgument();
                overTls.add(session.getUser().getName() + "/" + arg.substring(arg.lastIndexOf('/') + 1));
            }
            return super.afterCommand(session, request, reply);
        }

        private Path physical(FtpSession session, String argument) throws FtpException {
            FtpFile file = session.getFileSystemView().getFile(argument);
            Object physical = file == null ? null : file.getPhysicalFile();
            return physical instanceof File f ? f.toPath().toAbsolutePath().normalize() : null;
        }
    }
}
