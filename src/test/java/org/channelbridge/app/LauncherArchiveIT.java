package org.channelbridge.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/channel-bridge: the first continuous run of the embedded default writes the class-data archive when it is
 * stopped, and the next run starts from it (its classes come from the archive, not the jar).
 */
class LauncherArchiveIT {

    private static final Path LAUNCHER = Path.of("bin/channel-bridge").toAbsolutePath();

    @TempDir
    Path folder;

    @Test
    void theFirstContinuousRunWritesTheArchiveAndTheNextRunLoadsItsClassesFromIt() throws Exception {
        copy(Path.of("config"), folder.resolve("config"));
        copy(Path.of("routes"), folder.resolve("routes"));
        Path archive = folder.resolve("bridge.jsa");

        Path firstLog = folder.resolve("first.log");
        Process first = launch(archive, firstLog);
        try {
            assertThat(awaitLine(first, firstLog, "routes on Apache Camel")).as("the first run started; its log:%n%s",
                    read(firstLog)).isTrue();
        } finally {
            first.destroy();
            assertThat(first.waitFor(120, TimeUnit.SECONDS)).as("the first run stopped").isTrue();
        }
        assertThat(archive).as("the archive written as the first run stopped").exists();
        assertThat(Files.size(archive)).isGreaterThan(10L * 1024 * 1024);

        Path classes = folder.resolve("classes.log");
        Path secondLog = folder.resolve("second.log");
        ProcessBuilder second = new ProcessBuilder(LAUNCHER.toString(), "--help").directory(folder.toFile())
                .redirectErrorStream(true).redirectOutput(secondLog.toFile());
        second.environment().put("CDS_ARCHIVE", archive.toString());
        second.environment().put("JAVA", javaBinary());
        second.environment().put("JAVA_OPTS", "-Xlog:class+load=info:file=" + classes);
        Process help = second.start();
        assertThat(help.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(help.exitValue()).as("--help through the launcher; its output:%n%s", read(secondLog)).isZero();
        // the dynamic archive's classes are reported as coming from the "top" layer of the shared objects file
        assertThat(read(classes)).contains("org.channelbridge.app.ChannelBridge source: shared objects file (top)");
    }

    private Process launch(Path archive, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString()).directory(folder.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("CDS_ARCHIVE", archive.toString());
        builder.environment().put("JAVA", javaBinary());
        builder.environment().put("JAVA_OPTS", "-Xmx512m");
        builder.environment().put("CAMEL_MANAGEMENT_PORT", String.valueOf(freePort()));
        return builder.start();
    }

    private static boolean awaitLine(Process process, Path log, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (read(log).contains(text)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
        }
    }
}
