package org.channelbridge.system2.drop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What became of a drop file: rows loaded, rows System2 already held (a file loaded again after a crash), and each
 * bad row with its line number and reason. Bad rows are kept up to a limit so that a wholly wrong file of a million
 * rows does not fill the memory; the count stays exact.
 */
public final class DropReport {

    static final int KEPT_PROBLEMS = 10_000;

    private final String file;
    private final List<String> problems = new ArrayList<>();
    private long loaded;
    private long alreadyThere;
    private long bad;
    private final List<String> corrected = new ArrayList<>();
    private final List<String> keptAsIs = new ArrayList<>();

    public DropReport(String file) {
        this.file = file;
    }

    void loaded() {
        loaded++;
    }

    void alreadyThere() {
        alreadyThere++;
    }

    /** A row System2 held as a failure (dead-lettered), replaced by the file's corrected one. */
    void corrected(String id) {
        corrected.add(id);
    }

    /** A row System2 already held, left as it is (it was sent, or is on its way); named in the summary. */
    void keptAsIs(String id) {
        alreadyThere++;
        if (keptAsIs.size() < 20) {
            keptAsIs.add(id);
        }
    }

    /** A row that was not loaded; line 0 is the file as a whole. */
    void bad(long line, String reason) {
        bad++;
        if (problems.size() < KEPT_PROBLEMS) {
            problems.add(line == 0 ? reason : "line " + line + ": " + reason);
        }
    }

    public long loadedRows() {
        return loaded;
    }

    public long badRows() {
        return bad;
    }

    public boolean hasBadRows() {
        return bad > 0;
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Writes the report a person reads next to the file in the error folder. */
    public void writeTo(Path report) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append(file).append(": ").append(loaded).append(" row(s) loaded, ").append(alreadyThere)
                .append(" already in System2, ").append(bad).append(" not loaded:\n");
        problems.forEach(p -> text.append(p).append('\n'));
        if (bad > problems.size()) {
            text.append("... and ").append(bad - problems.size()).append(" more\n");
        }
        Files.createDirectories(report.getParent());
        Files.writeString(report, text, StandardCharsets.UTF_8);
    }

    public String summary() {
        StringBuilder text = new StringBuilder(file + ": " + loaded + " row(s) loaded");
        if (!corrected.isEmpty()) {
            text.append(", ").append(corrected.size()).append(" of them corrections of failed rows that go again (their"
                    + " dead letters resolved): ").append(String.join(", ", corrected));
        }
        text.append(", ").append(alreadyThere).append(" already in System2");
        if (!keptAsIs.isEmpty()) {
            text.append(" and left as they are (sent or on their way): ").append(String.join(", ", keptAsIs))
                    .append(alreadyThere > keptAsIs.size() ? ", ..." : "").append(';');
        } else {
            text.append(',');
        }
        return text.append(' ').append(bad).append(" bad").toString();
    }
}
