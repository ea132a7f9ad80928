package org.channelbridge.ops.deadletter;

import org.channelbridge.ops.deadletter.DeadLetter;
import org.channelbridge.ops.TextTable;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Dead letters and replay results as the command line prints them. */
public final class DeadLetterText {

    private DeadLetterText() {
    }

    public static String of(List<DeadLetter> letters) {
        return of(letters, null);
    }

    /** {@code profiles}: how a profile id is shown, for a profile column; null: no column (a single profile). */
    public static String of(List<DeadLetter> letters, Function<Long, String> profiles) {
        List<String> columns = new ArrayList<>(List.of("id", "flow", "key", "state", "attempts", "status",
                "last failure", "message"));
        if (profiles != null) {
            columns.add(1, "profile");
        }
        TextTable table = new TextTable(columns.toArray(String[]::new));
        for (DeadLetter l : letters) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(l.id()), l.flow(), l.businessKey(), l.state(),
                    String.valueOf(l.attempts()), l.lastStatus() == null ? "" : String.valueOf(l.lastStatus()),
                    String.valueOf(l.lastFailedAt()), oneLine(l.message())));
            if (profiles != null) {
                row.add(1, profiles.apply(l.profileId()));
            }
            table.row(row.toArray(String[]::new));
        }
        return table.toString() + letters.size() + " dead letter(s)" + System.lineSeparator();
    }

    public static String details(DeadLetter l) {
        return details(l, null);
    }

    /** {@code profiles}: how a profile id is shown, for a profile line; null: no line (a single profile). */
    public static String details(DeadLetter l, Function<Long, String> profiles) {
        String nl = System.lineSeparator();
        return "id:            " + l.id() + nl
                + (profiles == null ? "" : "profile:       " + profiles.apply(l.profileId()) + nl)
                + "flow:          " + l.flow() + nl
                + "key:           " + l.businessKey() + nl
                + "state:         " + l.state() + nl
                + "attempts:      " + l.attempts() + nl
                + "last status:   " + (l.lastStatus() == null ? "" : l.lastStatus()) + nl
                + "message:       " + (l.message() == null ? "" : l.message()) + nl
                + "first failure: " + l.firstFailedAt() + nl
                + "last failure:  " + l.lastFailedAt() + nl
                + "item:          " + (l.item() == null ? "" : l.item()) + nl;
    }

    public static String results(List<DeadLetterReplay.Result> results) {
        TextTable table = new TextTable("id", "flow", "key", "outcome", "message");
        for (DeadLetterReplay.Result r : results) {
            table.row(String.valueOf(r.id()), r.flow(), r.businessKey(), r.outcome().name(), oneLine(r.message()));
        }
        return table.toString() + results.size() + " dead letter(s) replayed" + System.lineSeparator();
    }

    private static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("\\s+", " ");
        return line.length() > 120 ? line.substring(0, 117) + "..." : line;
    }
}
