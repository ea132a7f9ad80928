package org.channelbridge.system2;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A System2 on an H2 file keeps every transaction it reported committed when the process is killed with SIGKILL
 * (H2's default write delay would lose up to a second of them).
 */
class H2CommitDurabilityTest {

    @TempDir
    Path folder;

    @Test
    void everyCommitReportedBeforeAKillIsStillThereAfterIt() throws Exception {
        String url = "jdbc:h2:file:" + folder.resolve("system2").toAbsolutePath();
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CommittingWriter.class.getName(), url)
                .redirectErrorStream(true).start();
        long lastReported = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("committed ")) {
                    lastReported = Long.parseLong(line.substring("committed ".length()));
                    if (lastReported >= 3_000) {
                        writer.destroyForcibly(); // SIGKILL: no shutdown hook, no close
                        break;
                    }
                }
            }
        }
        assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(lastReported).as("the writer reported its commits").isGreaterThanOrEqualTo(3_000);

        try (System2Database db = System2Database.open(url, "", "", 2);
             Connection c = db.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("select count(*), max(n) from commits")) {
            rs.next();
            assertThat(rs.getLong(2)).as("the last commit reported before the kill").isGreaterThanOrEqualTo(lastReported);
            assertThat(rs.getLong(1)).isEqualTo(rs.getLong(2) + 1);
        }
    }

    /** Commits one row per transaction and reports each commit after it returned. */
    public static final class CommittingWriter {
        public static void main(String[] args) throws Exception {
            try (System2Database db = System2Database.open(args[0], "", "", 2);
                 Connection c = db.dataSource().getConnection()) {
                c.createStatement().execute("create table commits (n bigint primary key)");
                c.setAutoCommit(false);
                try (PreparedStatement insert = c.prepareStatement("insert into commits (n) values (?)")) {
                    for (long n = 0; ; n++) {
                        insert.setLong(1, n);
                        insert.executeUpdate();
                        c.commit();
                        System.out.println("committed " + n);
                    }
                }
            }
        }
    }
}
