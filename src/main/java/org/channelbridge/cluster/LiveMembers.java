package org.channelbridge.cluster;

import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * How many instances take part, for spreading the profiles' leadership over them. ZooKeeper and Kubernetes list the
 * members of each election ({@code CamelClusterView.getMembers()}); the file lock lists none, so there each instance
 * keeps a heartbeat file, {@code members/<member id>}, under {@code cluster.file.root} with the time of its last beat:
 * an instance whose beat is older than {@link #STALE} is gone (killed, or its machine down).
 */
final class LiveMembers extends ServiceSupport {

    /** A file-lock member's heartbeat, as often as the lock is tried. */
    static final Duration BEAT = Duration.ofMillis(ClusterEngine.FILE_LOCK_INTERVAL_MS);
    /** A heartbeat this old is a dead member's (the lock's own staleness: three beats). */
    static final Duration STALE = BEAT.multipliedBy(ClusterEngine.FILE_HEARTBEAT_MULTIPLIER);
    /** A dead member's heartbeat file this old is removed. */
    static final Duration FORGOTTEN = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(LiveMembers.class);

    private final String memberId;
    private final Leaderships leaderships;
    private final Path folder;
    private final Path own;

    /** {@code fileRoot}: the file lock's root, or null for an engine that lists its members. */
    LiveMembers(String memberId, Leaderships leaderships, String fileRoot) {
        this.memberId = memberId;
        this.leaderships = leaderships;
        this.folder = fileRoot == null ? null : Path.of(fileRoot, "members");
        this.own = folder == null ? null : folder.resolve(memberId.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /** The live instances, this one included (at least 1). */
    int count() {
        Set<String> ids = new HashSet<>();
        ids.add(memberId);
        if (folder == null) {
            leaderships.all().forEach(l -> ids.addAll(l.memberIds()));
            return ids.size();
        }
        long now = System.currentTimeMillis();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                long beat = lastBeat(file);
                if (beat > 0 && now - beat <= STALE.toMillis()) {
                    ids.add(file.getFileName().toString());
                } else if (beat > 0 && now - beat > FORGOTTEN.toMillis()) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            LOG.debug("The members under {} could not be read", folder, e);
        }
        return ids.size();
    }

    /** Writes this instance's heartbeat (file lock only). */
    void beat() {
        if (folder == null) {
            return;
        }
        try {
            Files.createDirectories(folder);
            Path next = folder.resolve("." + own.getFileName() + ".next");
            Files.writeString(next, String.valueOf(System.currentTimeMillis()), StandardCharsets.US_ASCII);
            Files.move(next, own, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.debug("The heartbeat {} could not be written", own, e);
        }
    }

    private static long lastBeat(Path file) {
        if (file.getFileName().toString().startsWith(".")) {
            return 0;
        }
        try {
            return Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    @Override
    protected void doStart() {
        beat();
    }

    @Override
    protected void doStop() {
        if (own != null) {
            try {
                Files.deleteIfExists(own);
            } catch (IOException e) {
                LOG.debug("The heartbeat {} could not be removed", own, e);
            }
        }
    }
}
