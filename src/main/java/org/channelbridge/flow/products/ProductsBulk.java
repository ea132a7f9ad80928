package org.channelbridge.flow.products;

import org.channelbridge.system2.ProductFields;

import org.channelbridge.channeladvisor.ChannelAdvisorAuthenticationException;
import org.channelbridge.channeladvisor.ChannelAdvisorThrottledException;
import org.channelbridge.channeladvisor.ChannelAdvisorUnavailableException;
import org.channelbridge.flow.InvalidItemException;
import org.channelbridge.progress.FlowStats;
import org.channelbridge.system2.BulkUploadStore;
import org.channelbridge.system2.CatalogProduct;
import org.channelbridge.system2.ProductCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The Java steps of the products bulk flow, called by {@code routes/products-bulk.camel.yaml} as the bean
 * {@code productsBulk}: decide whether a products cycle goes by file, write the delta or the full catalog as
 * inventory files, record uploads, and settle the files ChannelAdvisor reported: the products of a processed file are
 * recorded in {@code sync_state} (only then do they count as sent), the rows it refused come back to be dead-lettered.
 */
public final class ProductsBulk {

    public static final String FLOW = "products-bulk";

    private static final Logger LOG = LoggerFactory.getLogger(ProductsBulk.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    /** Products whose System2 values are unusable are dead-lettered one by one; past this many, the rest wait. */
    private static final int MAX_INVALID_PER_RUN = 10_000;
    private static final int SYNC_STATE_BATCH = 1_000;
    /** A file in the work folder that no row names and nobody wrote for this long is a leftover of a killed run. */
    static final Duration LEFTOVER_AGE = Duration.ofMinutes(10);

    private final DataSource dataSource;
    private final ProductCatalog catalog;
    private final ProductDelta delta = new ProductDelta();
    private final InventoryFileWriter writer;
    private final BulkUploadStore uploads;
    private final BulkFileStatus status;
    private final FlowStats stats;
    private final long threshold;
    private final Duration confirmWait;
    private ProductUploadTransport productUpload;
    /** What its log lines begin with: the flow, and the profile's route suffix ({@code products-bulk-uk}). */
    private String label = FLOW;
    /** The profile's route suffix (empty for the first). */
    private String suffix = "";
    /** The last write that found the work folder full, until it has room for such a run again; null otherwise. */
    private volatile WorkFolderFullException folderFull;

    public ProductsBulk(DataSource dataSource, ProductCatalog catalog, InventoryFileWriter writer,
                        BulkUploadStore uploads, BulkFileStatus status, FlowStats stats, long threshold,
                        Duration confirmWait) {
        this.dataSource = dataSource;
        this.catalog = catalog;
        this.writer = writer;
        this.uploads = uploads;
        this.status = status;
        this.stats = stats;
        this.threshold = threshold;
        this.confirmWait = confirmWait;
    }

    /** Names the profile in the log lines: {@code products-bulk<suffix>}, as its routes are named. */
    public ProductsBulk named(String suffix) {
        this.suffix = suffix;
        this.label = FLOW + suffix;
        return this;
    }

    /** The ProductUpload client for {@code products.bulk.transport=product-upload}. */
    public ProductsBulk withProductUpload(ProductUploadTransport transport) {
        this.productUpload = transport;
        return this;
    }

    /**
     * Whether more than {@code products.bulk.threshold} products changed, so that the products cycle hands over to
     * the file path. Reads the catalog until the count passes the threshold; a threshold of 0 turns the file path off.
     */
    public boolean takesCycle() {
        List<BulkUploadStore.Upload> pending = uploads.pending();
        if (!pending.isEmpty()) {
            LOG.info("{}: {} inventory file(s) written before wait in {} to be sent ({}); this cycle sends"
                    + " them, no new file is written until they went", label, pending.size(), writerFolder(),
                    pending.get(0).fileName());
            return true;
        }
        if (threshold <= 0) {
            return false;
        }
        if (folderFull != null && !roomAgain()) {
            return false;
        }
        long changed = 0;
        try (ProductCatalog.Cursor cursor = catalog.open();
             ReadAhead<CatalogProduct> products = readAhead(cursor)) {
            while (products.hasNext()) {
                ProductChange change = delta.decide(products.next());
                if (change != null && change.isValid() && ++changed > threshold) {
                    LOG.info("products{}: more than {} products changed; this cycle goes as an inventory file",
                            suffix, threshold);
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The changed products as inventory files: quantity-only files when only quantities changed, full rows otherwise
     * (every column, so a file is whole on its own). A first read of the catalog counts the changes and tells which.
     */
    public BulkRun writeDelta() {
        removeLeftovers();
        List<BulkFile> pending = pendingFiles();
        if (!pending.isEmpty()) {
            return counted(new BulkRun(pending, List.of()));
        }
        long changed = 0;
        boolean quantitiesOnly = true;
        try (ProductCatalog.Cursor cursor = catalog.open();
             ReadAhead<CatalogProduct> products = readAhead(cursor)) {
            while (products.hasNext()) {
                CatalogProduct product = products.next();
                ProductChange change = delta.decide(product);
                if (change != null && change.isValid()) {
                    changed++;
                    quantitiesOnly &= onlyQuantityChanged(product, change);
                }
            }
        }
        InventoryFileWriter.Layout layout = quantitiesOnly ? InventoryFileWriter.Layout.QUANTITY_ONLY
                : InventoryFileWriter.Layout.FULL;
        List<ProductChange> invalid = new ArrayList<>();
        List<BulkFile> files;
        try (ProductCatalog.Cursor cursor = catalog.open();
             ReadAhead<CatalogProduct> products = readAhead(cursor)) {
            Iterator<InventoryFileWriter.Row> rows = rows(products,
                    product -> deltaRow(delta, product, layout, change -> keep(invalid, change)));
            files = writer.write(rows, layout, layout == InventoryFileWriter.Layout.FULL ? attributeNames() : List.of(),
                    name(quantitiesOnly ? "quantities" : "delta"), changed);
        } catch (WorkFolderFullException e) {
            return full(e, "this cycle and the next go by the API ($batch) until the folder has room");
        }
        return counted(new BulkRun(files, invalid));
    }

    /**
     * The row of a changed product in a delta file of {@code layout}; null when it has none. A product whose fields
     * or attributes changed since the first read has no row in a quantity-only file: its row would record those
     * changes as sent while the file carries the quantity alone. Unsent, it goes with the next cycle.
     */
    static InventoryFileWriter.Row deltaRow(ProductDelta delta, CatalogProduct product,
                                            InventoryFileWriter.Layout layout, Consumer<ProductChange> invalid) {
        ProductChange change = delta.decide(product);
        if (change == null) {
            return null;
        }
        if (!change.isValid()) {
            invalid.accept(change);
            return null;
        }
        if (layout == InventoryFileWriter.Layout.QUANTITY_ONLY && !onlyQuantityChanged(product, change)) {
            LOG.info("products-bulk: {} changed more than its quantity since the delta was counted; it goes next cycle",
                    change.sku());
            return null;
        }
        return new InventoryFileWriter.Row(change.sku(), change.target());
    }

    /** Every product of the catalog as inventory files (the weekly full-catalog upload). */
    public BulkRun writeFullCatalog() {
        removeLeftovers();
        // files of deltas that could not be sent yet: the full catalog holds every product as it is now
        for (BulkUploadStore.Upload upload : uploads.pending()) {
            uploads.endPending(upload.fileName(), BulkUploadStore.FAILED, "replaced by the full catalog file, never sent");
            LOG.info("{}: {} was never sent; the full catalog replaces it", label, upload.fileName());
            delete(upload.fileName());
        }
        List<ProductChange> invalid = new ArrayList<>();
        List<BulkFile> files;
        try (ProductCatalog.Cursor cursor = catalog.open();
             ReadAhead<CatalogProduct> products = readAhead(cursor)) {
            Iterator<InventoryFileWriter.Row> rows = rows(products, product -> {
                List<String> problems = new ArrayList<>();
                ProductValues values = delta.valuesOf(product, problems);
                if (!problems.isEmpty()) {
                    keep(invalid, delta.decide(product));
                    return null;
                }
                return new InventoryFileWriter.Row(product.sku(), values);
            });
            files = writer.write(rows, InventoryFileWriter.Layout.FULL, attributeNames(), name("full"),
                    productCount());
        } catch (WorkFolderFullException e) {
            return full(e, "the full catalog waits for its next schedule; changed products go with the products cycle");
        }
        return counted(new BulkRun(files, invalid));
    }

    /** A file went up whole: it waits for ChannelAdvisor's word. */
    public void uploaded(BulkFile file) {
        uploads.sent(file.name(), file.rows(), file.hash(), BulkUploadStore.UPLOADED, "ftp", null);
        LOG.info("{}: uploaded {} ({} rows, {} bytes)", label, file.name(), file.rows(), file.bytes());
    }

    /**
     * Sends a file by ProductUpload and records its token. Past ChannelAdvisor's 60 files an hour the file is not
     * sent: {@link UploadDeferredException} leaves its products unsent for a later cycle.
     */
    public void sendByProductUpload(BulkFile file) {
        if (productUpload == null) {
            throw new IllegalStateException("products.bulk.transport is product-upload but no ProductUpload client is set");
        }
        int lastHour = uploads.sentSince(ProductUploadTransport.NAME, Instant.now().minus(Duration.ofHours(1)));
        if (lastHour >= ProductUploadTransport.FILES_PER_HOUR) {
            throw new UploadDeferredException(lastHour + " files went by ProductUpload within the last hour,"
                    + " ChannelAdvisor's limit");
        }
        String token = productUpload.send(writerFolder().resolve(file.name()));
        uploads.sent(file.name(), file.rows(), file.hash(), BulkUploadStore.UPLOADED, ProductUploadTransport.NAME,
                token);
        LOG.info("{}: sent {} by ProductUpload ({} rows, {} bytes)", label, file.name(), file.rows(), file.bytes());
    }

    /** A file that may not go now (ChannelAdvisor's hourly limit): its products go with a later cycle. */
    public void deferred(BulkFile file, Exception why) {
        stats.skipped(FLOW, file.rows());
        LOG.info("{}: {} is not sent now ({}); its products go with a later cycle", label, file.name(),
                why == null ? "" : why.getMessage());
        uploads.endPending(file.name(), BulkUploadStore.FAILED, "not sent: " + (why == null ? "" : why.getMessage()));
        delete(file.name());
    }

    /** The same file (same content hash) went up before: nothing to send. */
    public void duplicate(BulkFile file) {
        stats.skipped(FLOW, file.rows());
        LOG.info("{}: {} has the content of a file uploaded before; not uploaded again", label, file.name());
        uploads.endPending(file.name(), BulkUploadStore.FAILED, "not sent: the same content was uploaded before");
        delete(file.name());
    }

    /**
     * The upload failed. When the way to ChannelAdvisor failed (the FTP server down or refusing the login, the
     * connection lost: an I/O failure) the file stays in the work folder, PENDING in bulk_uploads, and goes as it is
     * with the next products cycle: it is not written again, and nothing else is written before it went. Any other
     * failure is recorded, the file removed, and the products stay unsent, so the next cycle writes them again.
     */
    public void uploadFailed(BulkFile file, Exception cause) {
        String why = cause == null ? "unknown" : reason(cause);
        if (transportFailed(cause) && Files.exists(file.path())) {
            boolean before = uploads.keepPending(file.name(), file.rows(), file.hash(), why);
            LOG.warn("{}: {} could not be sent{} ({}); it stays in {} and goes as it is with the next"
                    + " products cycle", label, file.name(), before ? " again" : "", why, writerFolder());
            return;
        }
        if (!uploads.endPending(file.name(), BulkUploadStore.FAILED, why)) {
            uploads.record(file.name(), file.rows(), file.hash(), BulkUploadStore.FAILED, why);
        }
        LOG.warn("{}: the upload of {} failed ({}); its products go again next cycle", label, file.name(), why);
        delete(file.name());
    }

    /**
     * Settles the uploaded files ChannelAdvisor reported by now; the others are looked at again, soon while they are
     * recent ({@link #awaitsReport()}), else in the next cycle. Returns the refused rows, one per product.
     */
    public List<RejectedRow> settle() {
        List<RejectedRow> rejected = new ArrayList<>();
        List<BulkUploadStore.Upload> waiting = uploads.waiting();
        if (waiting.isEmpty()) {
            return rejected;
        }
        Map<String, BulkFileStatus.Outcome> outcomes = status.outcomesOf(waiting);
        for (BulkUploadStore.Upload upload : waiting) {
            BulkFileStatus.Outcome outcome = outcomes.get(upload.fileName());
            if (outcome != null) {
                settle(upload, outcome, rejected);
            }
        }
        int unreported = waiting.size() - outcomes.size();
        if (unreported > 0 && !awaitsReport()) {
            LOG.info("{}: {} uploaded file(s) not reported processed yet; looked at again next cycle", label,
                    unreported);
        }
        return rejected;
    }

    /**
     * Whether a file uploaded within the last {@code products.bulk.confirm-wait-ms} is not reported yet: the route
     * looks again after {@code products.bulk.confirm-poll-ms}.
     */
    public boolean awaitsReport() {
        Instant recent = Instant.now().minus(confirmWait);
        return uploads.waiting().stream().anyMatch(upload -> upload.uploadedAt().isAfter(recent));
    }

    /** Dead-letters a refused row: thrown inside the route so its dead-letter channel files it. */
    public static void refuse(RejectedRow row) {
        throw new InvalidItemException(row.sentence());
    }

    /** What the dead letter of a refused row keeps: its Sku, file and line. */
    public static Map<String, Object> itemOf(RejectedRow row) {
        return Map.of("sku", row.sku(), "file", row.file(), "line", row.line());
    }

    private void settle(BulkUploadStore.Upload upload, BulkFileStatus.Outcome outcome, List<RejectedRow> rejected) {
        if (outcome.failed()) {
            uploads.settle(upload.id(), BulkUploadStore.FAILED, outcome.fileError());
            LOG.warn("{}: ChannelAdvisor could not process {}: {}; its products go again next cycle", label,
                    upload.fileName(), outcome.fileError());
            delete(upload.fileName());
            return;
        }
        long accepted = 0;
        Path file = writerFolder().resolve(upload.fileName());
        if (Files.exists(file)) {
            List<BulkUploadStore.Accepted> batch = new ArrayList<>(SYNC_STATE_BATCH);
            try (InventoryFileRows rows = new InventoryFileRows(file, writerFolder().resolve(upload.fileName() + ".ledger"))) {
                for (InventoryFileRows.SentRow row = rows.next(); row != null; row = rows.next()) {
                    String error = outcome.rowErrors().get(row.line());
                    if (error != null) {
                        rejected.add(new RejectedRow(row.sku(), upload.fileName(), row.line(), error));
                        continue;
                    }
                    batch.add(new BulkUploadStore.Accepted(row.sku(), row.hash(), row.values()));
                    if (batch.size() == SYNC_STATE_BATCH) {
                        uploads.recordAccepted(batch);
                        accepted += batch.size();
                        batch.clear();
                    }
                }
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("Cannot read back the rows of " + upload.fileName() + ": "
                        + e.getMessage(), e);
            }
            uploads.recordAccepted(batch);
            accepted += batch.size();
        } else {
            LOG.warn("{}: {} is no longer in {}; its products are compared again next cycle", label,
                    upload.fileName(), writerFolder());
        }
        stats.sent(FLOW, (int) accepted);
        String note = outcome.rowErrors().isEmpty() ? null : outcome.rowErrors().size() + " rows refused";
        uploads.settle(upload.id(), BulkUploadStore.PROCESSED, note);
        LOG.info("{}: ChannelAdvisor processed {}: {} products recorded as sent, {} rows refused", label,
                upload.fileName(), accepted, outcome.rowErrors().size());
        delete(upload.fileName());
    }

    /**
     * The files written before and not sent yet, oldest first. A file no longer in the work folder (removed by hand)
     * is given up: its products are compared again by the next cycle.
     */
    private List<BulkFile> pendingFiles() {
        List<BulkFile> files = new ArrayList<>();
        for (BulkUploadStore.Upload upload : uploads.pending()) {
            Path path = writerFolder().resolve(upload.fileName());
            Path ledger = writerFolder().resolve(upload.fileName() + ".ledger");
            try {
                files.add(new BulkFile(upload.fileName(), path, ledger, upload.rows(), Files.size(path),
                        upload.contentHash()));
            } catch (IOException e) {
                uploads.endPending(upload.fileName(), BulkUploadStore.FAILED, "no longer in " + writerFolder());
                LOG.warn("{}: {} waited to be sent but is no longer in {}; its products are compared again"
                        + " next cycle", label, upload.fileName(), writerFolder());
                delete(upload.fileName());
            }
        }
        return files;
    }

    /**
     * Removes the files of runs that never ended (the bridge killed while writing): no bulk_uploads row names them, so
     * nothing would ever send or remove them, and they would fill the disk. Only files untouched for
     * {@link #LEFTOVER_AGE}, so that a run being written at the same time keeps its file.
     */
    void removeLeftovers() {
        Set<String> known = new HashSet<>();
        uploads.pending().forEach(u -> known.add(u.fileName()));
        uploads.waiting().forEach(u -> known.add(u.fileName()));
        Instant before = Instant.now().minus(LEFTOVER_AGE);
        int removed = 0;
        try (Stream<Path> files = Files.list(writerFolder())) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                String file = name.endsWith(".ledger") ? name.substring(0, name.length() - ".ledger".length()) : name;
                if (file.startsWith("All_products-") && file.endsWith(".txt") && !known.contains(file)
                        && Files.getLastModifiedTime(f).toInstant().isBefore(before) && Files.deleteIfExists(f)) {
                    removed++;
                }
            }
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            LOG.warn("{}: cannot look for unfinished files in {}: {}", label, writerFolder(), e.getMessage());
            return;
        }
        if (removed > 0) {
            LOG.info("{}: removed {} unfinished file(s) an earlier run left in {}", label, removed, writerFolder());
        }
    }

    /**
     * Whether the failure is the way to ChannelAdvisor, not the file: I/O (refused, lost, timed out), a login the FTP
     * server refused, ChannelAdvisor's API unreachable, throttling or refusing our credentials (ProductUpload).
     */
    static boolean transportFailed(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof IOException
                    || t instanceof org.apache.camel.component.file.GenericFileOperationFailedException
                    || t instanceof ChannelAdvisorUnavailableException
                    || t instanceof ChannelAdvisorThrottledException
                    || t instanceof ChannelAdvisorAuthenticationException) {
                return true;
            }
        }
        return false;
    }

    /** The failure in one line: its message, and the innermost cause's when that says more. */
    private static String reason(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(cause.getMessage());
        return root == cause || root.getMessage() == null || message.contains(root.getMessage()) ? message
                : message + ": " + root.getMessage();
    }

    /**
     * The work folder had no room: the unfinished file is gone (nothing of it is sent), one error says so, and the
     * products cycle goes by the API until the folder has room for such a run ({@link #roomAgain()}).
     */
    private BulkRun full(WorkFolderFullException e, String what) {
        folderFull = e;
        LOG.error("{}: the work folder {} is full ({}); the unfinished file is removed and nothing of it"
                + " was sent; {}. About {} MB are needed (products.bulk.work-dir).", label, writerFolder(),
                e.getCause().getMessage(), what, Math.max(1, e.needed() / (1024 * 1024)));
        return new BulkRun(List.of(), List.of(), true);
    }

    /** Whether the work folder, full at the last write, has room again for a run of that size. */
    private boolean roomAgain() {
        WorkFolderFullException full = folderFull;
        long usable;
        try {
            usable = Files.getFileStore(writerFolder()).getUsableSpace();
        } catch (IOException e) {
            usable = 0;
        }
        if (usable > Math.max(full.needed() + full.needed() / 4, 1024 * 1024)) {
            LOG.info("{}: the work folder {} has room again ({} MB free); files are written again", label,
                    writerFolder(), usable / (1024 * 1024));
            folderFull = null;
            return true;
        }
        LOG.warn("{}: the work folder {} has {} KB free, too little for an inventory file; this cycle goes by"
                + " the API ($batch)", label, writerFolder(), usable / 1024);
        return false;
    }

    private static boolean onlyQuantityChanged(CatalogProduct product, ProductChange change) {
        if (product.state() == null || product.state().sentValues() == null || product.state().isSending()) {
            return false;
        }
        ProductValues base = ProductValues.fromJson(product.state().sentValues());
        ProductValues target = change.target();
        return base.fields() != null && !target.fieldsDifferFrom(base) && !target.attributesDifferFrom(base)
                && target.quantityDiffersFrom(base);
    }

    private BulkRun counted(BulkRun run) {
        stats.read(FLOW, run.files().stream().mapToInt(BulkFile::rows).sum() + run.invalid().size());
        return run;
    }

    private void keep(List<ProductChange> invalid, ProductChange change) {
        if (invalid.size() < MAX_INVALID_PER_RUN) {
            invalid.add(change);
        }
    }

    private Path writerFolder() {
        return writer.folder();
    }

    private void delete(String fileName) {
        try {
            Files.deleteIfExists(writerFolder().resolve(fileName));
            Files.deleteIfExists(writerFolder().resolve(fileName + ".ledger"));
        } catch (IOException e) {
            LOG.debug("leftover local inventory file {}", fileName);
        }
    }

    private static String name(String kind) {
        return "All_products-" + kind + "-" + LocalDateTime.now(ZoneOffset.UTC).format(STAMP);
    }

    private List<String> attributeNames() {
        List<String> names = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select distinct name from product_attributes order by name")) {
            while (rs.next()) {
                String name = rs.getString(1);
                if (name.length() <= ProductFields.MAX_ATTRIBUTE_NAME_LENGTH) {
                    names.add(name);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read System2's attribute names: " + e.getMessage(), e);
        }
        return names;
    }

    private long productCount() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from products")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count System2's products: " + e.getMessage(), e);
        }
    }

    /** The cursor read on a thread of its own, a few thousand products ahead of the file writer. */
    private static ReadAhead<CatalogProduct> readAhead(ProductCatalog.Cursor cursor) {
        return ReadAhead.of(cursor, "products-bulk-reader");
    }

    /** The rows {@code pick} makes of the products (null: no row for that product), made as the writer takes them. */
    private static Iterator<InventoryFileWriter.Row> rows(Iterator<CatalogProduct> products,
                                                         Function<CatalogProduct, InventoryFileWriter.Row> pick) {
        return new Iterator<>() {
            private InventoryFileWriter.Row next;

            @Override
            public boolean hasNext() {
                while (next == null && products.hasNext()) {
                    next = pick.apply(products.next());
                }
                return next != null;
            }

            @Override
            public InventoryFileWriter.Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                InventoryFileWriter.Row row = next;
                next = null;
                return row;
            }
        };
    }
}
