package org.channelbridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;

/** Appends one result line to {@code bench/results/<name>.jsonl}. */
final class BenchResult {

    private BenchResult() {
    }

    static void append(String name, double figure, String unit, double ceilingOrBaseline, double ratio, String extra)
            throws IOException {
        Path file = Path.of("bench/results", name + ".jsonl");
        Files.createDirectories(file.getParent());
        String line = String.format(Locale.ROOT, "{\"name\":\"%s\",\"figure\":%.1f,\"unit\":\"%s\","
                        + "\"ceiling_or_baseline\":%.1f,\"ratio\":%.3f,\"cores\":%d,\"heap\":\"%dm\",\"date\":\"%s\"%s}%n",
                name, figure, unit, ceilingOrBaseline, ratio, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024), Instant.now(), extra.isEmpty() ? "" : "," + extra);
        Files.writeString(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.print(line);
    }
}
