package org.channelbridge.system2.drop;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.channelbridge.progress.ProgressClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The file-drop form of System2, called by {@code routes/system2-files.camel.yaml} as the bean {@code fileDrop}:
 * loads each complete CSV file of the inbox folders into the System2 tables that the JDBC flows read, so that the
 * products, shipments and refunds flows send their rows unchanged.
 */
public final class FileDrop {

    private static final Logger LOG = LoggerFactory.getLogger(FileDrop.class);
    private static final int PRODUCT_BATCH = 1000;
    private static final long PROGRESS_ROWS = 50_000;
    /** The inbox consumers of routes/system2-files.camel.yaml. */
    private static final String FILE_ROUTES = "system2-files-*";

    private final DataSource dataSource;
    private final String vendor;
    private final Path inbox;
    private final boolean enabled;
    private final Duration onceWait;
    private final long maxFileBytes;
    private final DropProfiles profiles;

    /** {@code profiles}: the profiles a file's {@code profile} column may name. */
    public FileDrop(DataSource dataSource, String vendor, Path inbox, boolean enabled, Duration onceWait,
                    long maxFileMb, DropProfiles profiles) {
        this.dataSource = dataSource;
        this.profiles = profiles;
        this.vendor = vendor;
        this.inbox = inbox;
        this.enabled = enabled;
        this.onceWait = onceWait;
        this.maxFileBytes = maxFileMb * 1024 * 1024;
    }

    /**
     * Why a dropped file is not read at all, or null when it may be: a link (it could point anywhere outside the
     * inbox) or a file larger than {@code system2.file.max-file-mb}. A refused file goes to {@code .error/} with a
     * one-line report beside it; nothing is loaded.
     */
    public String refusal(String folder, File file) throws IOException {
        Path path = file.toPath();
        String reason = null;
        if (Files.isSymbolicLink(path) || !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            reason = "it is a link or not a plain file; only files written into the inbox folder itself are read";
        } else if (Files.size(path) > maxFileBytes) {
            reason = "it holds " + Files.size(path) / (1024 * 1024) + " MB, more than system2.file.max-file-mb ("
                    + maxFileBytes / (1024 * 1024) + " MB); split it into smaller files";
        }
        if (reason != null) {
            DropReport report = new DropReport(folder + "/" + file.getName());
            report.bad(0, "the file was not read: " + reason);
            report.writeTo(path.resolveSibling(".error").resolve(file.getName() + ".report.txt"));
            LOG.warn("{}/{}: not read, {}", folder, file.getName(), reason);
        }
        return reason;
    }

    /** The idempotent key of a file: its kind and the SHA-256 of its bytes, so a new name does not matter. */
    public String contentKey(String folder, File file) throws IOException {
        try (InputStream in = Files.newInputStream(file.toPath())) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
            return folder + ":" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /**
     * Loads one file of the {@code folder} inbox; when some rows are bad, writes the report beside where the file
     * goes ({@code .error/<name>.report.txt}). A database failure is thrown: the file stays for the next poll.
     */
    public DropReport load(String folder, File file) throws IOException, SQLException {
        DropKind kind = DropKind.ofFolder(folder);
        String name = folder + "/" + file.getName();
        DropReport report = new DropReport(name);
        Progress progress = new Progress(name, report);
        try (Connection c = dataSource.getConnection()) {
            try {
                if (kind == DropKind.PRODUCTS) {
                    loadProducts(c, file.toPath(), report, progress);
                } else {
                    EntityInserts inserts = new EntityInserts(c, vendor, kind, report, profiles);
                    DropFileReader.read(file.toPath(), kind, report, row -> {
                        inserts.accept(row);
                        progress.row();
                    });
                    inserts.commit();
                }
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        if (report.hasBadRows()) {
            report.writeTo(file.toPath().resolveSibling(".error").resolve(file.getName() + ".report.txt"));
            LOG.warn("{} (report in {}/.error)", report.summary(), folder);
        } else {
            LOG.info(report.summary());
        }
        return report;
    }

    private void loadProducts(Connection c, Path file, DropReport report, Progress progress) throws IOException, SQLException {
        try (ProductUpserts upserts = new ProductUpserts(c, vendor, report, PRODUCT_BATCH, profiles)) {
            DropFileReader.read(file, DropKind.PRODUCTS, report, row -> {
                upserts.accept(row);
                progress.row();
            });
            upserts.flush();
        }
    }

    /**
     * For a one-off run ({@code --once}): waits until the inbox folders hold no file the file routes have yet to
     * take (a file still being written holds it up to the configured limit), so the flows after it see every row.
     * It waits on the file routes themselves: each file they finish (moved to {@code .done/} or {@code .error/}, or
     * left for the next poll after a failure) wakes it to look at the folders again.
     */
    public void awaitInboxes(CamelContext context) throws IOException {
        if (!enabled) {
            return;
        }
        long deadline = System.nanoTime() + onceWait.toNanos();
        NotifyBuilder fileDone = new NotifyBuilder(context).fromRoute(FILE_ROUTES).whenDone(1).create();
        try {
            for (List<Path> waiting = waiting(); !waiting.isEmpty(); waiting = waiting()) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !fileDone.matches(left, TimeUnit.NANOSECONDS)) {
                    LOG.warn("file drop: {} file(s) not taken within {} s (still being written?): {}", waiting.size(),
                            onceWait.toSeconds(), waiting);
                    return;
                }
                fileDone.reset();
            }
        } finally {
            fileDone.destroy();
        }
    }

    private List<Path> waiting() throws IOException {
        List<Path> files = new ArrayList<>();
        for (DropKind kind : DropKind.values()) {
            Path folder = inbox.resolve(kind.folder());
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> list = Files.list(folder)) {
                list.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                        .filter(p -> PlainFileNames.plain(p.getFileName().toString()))
                        .filter(p -> !p.getFileName().toString().endsWith(".camelLock")).forEach(files::add);
            }
        }
        return files;
    }

    /** Logs counts and rate of a long file at least every 10 s (and every 50,000 rows). */
    private static final class Progress {
        private final String name;
        private final DropReport report;
        private final ProgressClock clock = new ProgressClock();
        private long rows;

        Progress(String name, DropReport report) {
            this.name = name;
            this.report = report;
        }

        void row() {
            rows++;
            if (clock.due() || rows % PROGRESS_ROWS == 0) {
                LOG.info("{}: {} rows so far ({} bad), {} rows/s", name, rows, report.badRows(), clock.perSecond(rows));
            }
        }
    }
}
