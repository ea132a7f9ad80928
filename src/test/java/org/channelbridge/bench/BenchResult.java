package org.channelbridge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Appends one benchmark figure as a JSON line to {@code bench/results/<name>.jsonl}. The line names what the figure
 * is held against: a {@code ceiling} (higher is better, the ratio is figure/ceiling) or a {@code baseline} (a goal
 * where lower is better, the ratio is figure/baseline); {@code ceiling_or_baseline} repeats the number for tables.
 */
public final class BenchResult {

    /** What a figure is held against. */
    public enum Against {
        /** Higher is better; the goal is a ratio of at least 0.9. */
        CEILING("ceiling"),
        /** Lower is better; the goal is a ratio of at most 1.5. */
        BASELINE("baseline");

        private final String key;

        Against(String key) {
            this.key = key;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchResult() {
    }

    /** A figure held against {@code reference}, the ratio figure/reference. */
    public static void append(String name, double figure, String unit, Against against, double reference)
            throws IOException {
        append(name, figure, unit, against, reference, figure / reference, "");
    }

    /** With the ratio given and {@code extra}: more JSON members ({@code "a":1,"b":"x"}), or empty. */
    public static void append(String name, double figure, String unit, Against against, double reference,
                              double ratio, String extra) throws IOException {
        ObjectNode line = JSON.createObjectNode();
        line.put("name", name);
        line.put("figure", Math.round(figure * 10) / 10.0);
        line.put("unit", unit);
        line.put(against.key, Math.round(reference * 10) / 10.0);
        line.put("ceiling_or_baseline", Math.round(reference * 10) / 10.0);
        line.put("ratio", Math.round(ratio * 1000) / 1000.0);
        line.put("cores", Runtime.getRuntime().availableProcessors());
        line.put("heap", Runtime.getRuntime().maxMemory() / (1024 * 1024) + "m");
        line.put("date", Instant.now().toString());
        // a load above the cores means the machine was shared with other work while the figure was taken
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        line.put("load_average", Math.round(load * 10) / 10.0);
        line.put("machine_shared", load > Runtime.getRuntime().availableProcessors());
        if (!extra.isEmpty()) {
            line.setAll((ObjectNode) JSON.readTree("{" + extra + "}"));
        }
        Path file = Path.of("bench", "results", name + ".jsonl");
        Files.createDirectories(file.getParent());
        Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.println(line);
    }
}
