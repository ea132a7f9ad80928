package org.channelbridge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** Appends one benchmark figure as a JSON line to {@code bench/results/<name>.jsonl}. */
public final class BenchResult {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchResult() {
    }

    /**
     * @param ceilingOrBaseline the figure this one is held against (a goal or a known ceiling)
     */
    public static void append(String name, double figure, String unit, double ceilingOrBaseline) throws IOException {
        append(name, figure, unit, ceilingOrBaseline, figure / ceilingOrBaseline, "");
    }

    /** With the ratio given and {@code extra}: more JSON members ({@code "a":1,"b":"x"}), or empty. */
    public static void append(String name, double figure, String unit, double ceilingOrBaseline, double ratio,
                              String extra) throws IOException {
        ObjectNode line = JSON.createObjectNode();
        line.put("name", name);
        line.put("figure", Math.round(figure * 10) / 10.0);
        line.put("unit", unit);
        line.put("ceiling_or_baseline", Math.round(ceilingOrBaseline * 10) / 10.0);
        line.put("ratio", Math.round(ratio * 1000) / 1000.0);
        line.put("cores", Runtime.getRuntime().availableProcessors());
        line.put("heap", Runtime.getRuntime().maxMemory() / (1024 * 1024) + "m");
        line.put("date", Instant.now().toString());
        if (!extra.isEmpty()) {
            line.setAll((ObjectNode) JSON.readTree("{" + extra + "}"));
        }
        Path file = Path.of("bench", "results", name + ".jsonl");
        Files.createDirectories(file.getParent());
        Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.println(line);
    }
}
