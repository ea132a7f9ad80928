package org.channelbridge.ops.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.channelbridge.ops.TextTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The reconciliation's result as a table for people and as JSON for tools. */
public record ReconcileReport(Instant generatedAt, Instant since, List<Difference> differences) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public boolean agrees() {
        return differences.isEmpty();
    }

    public String table() {
        StringBuilder out = new StringBuilder();
        if (!differences.isEmpty()) {
            TextTable table = new TextTable("kind", "key", "detail");
            differences.forEach(d -> table.row(d.kind().name().toLowerCase().replace('_', '-'), d.key(), d.detail()));
            out.append(table);
        }
        Map<Difference.Kind, Integer> counts = counts();
        out.append("System2 and ChannelAdvisor ").append(agrees() ? "agree" : "differ").append(" (window: ")
                .append(since == null ? "everything" : "since " + since).append(")").append(System.lineSeparator());
        for (Difference.Kind kind : Difference.Kind.values()) {
            out.append(String.format("  %-40s %d%n", kind.meaning(), counts.get(kind)));
        }
        return out.toString();
    }

    public void writeJson(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("generatedAt", generatedAt.toString());
        root.put("since", since == null ? null : since.toString());
        root.put("agree", agrees());
        ObjectNode counts = root.putObject("counts");
        counts().forEach((kind, n) -> counts.put(kind.name().toLowerCase().replace('_', '-'), n));
        ArrayNode list = root.putArray("differences");
        for (Difference d : differences) {
            list.addObject().put("kind", d.kind().name().toLowerCase().replace('_', '-')).put("key", d.key())
                    .put("detail", d.detail());
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), root);
    }

    private Map<Difference.Kind, Integer> counts() {
        Map<Difference.Kind, Integer> counts = new EnumMap<>(Difference.Kind.class);
        for (Difference.Kind kind : Difference.Kind.values()) {
            counts.put(kind, 0);
        }
        differences.forEach(d -> counts.merge(d.kind(), 1, Integer::sum));
        return counts;
    }
}
