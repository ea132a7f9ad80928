package org.channelbridge.system2.drop;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Streams a drop file (UTF-8 CSV, RFC 4180 quoting, a header row naming System2 columns in any order) row by row:
 * good rows go to the sink, bad ones to the report with their line number. Nothing holds the whole file.
 */
final class DropFileReader {

    interface RowSink {
        /** Takes one good row; a {@link BadRowException} marks that row bad and the file goes on. */
        void accept(DropRow row) throws SQLException;
    }

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    private DropFileReader() {
    }

    /** Reads the whole file; a header the kind cannot take is one bad "row" and no row is loaded. */
    static void read(Path file, DropKind kind, DropReport report, RowSink sink) throws IOException, SQLException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 1 << 16);
             CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
            Iterator<CSVRecord> records = parser.iterator();
            long line = 1;
            try {
                if (!records.hasNext()) {
                    report.bad(0, "the file is empty: it needs a header row naming its columns");
                    return;
                }
                List<DropColumn> columns = header(kind, records.next(), report);
                if (columns == null) {
                    return;
                }
                line = parser.getCurrentLineNumber() + 1;
                while (records.hasNext()) {
                    CSVRecord record = records.next();
                    long next = parser.getCurrentLineNumber() + 1;
                    if (!(record.size() == 1 && record.get(0).isBlank())) {
                        row(kind, columns, record, line, report, sink);
                    }
                    line = next;
                }
            } catch (UncheckedIOException e) {
                report.bad(line, "the file cannot be read from here on (" + e.getCause().getMessage()
                        + "); is it UTF-8 CSV with every quote closed?");
            }
        }
    }

    private static List<DropColumn> header(DropKind kind, CSVRecord header, DropReport report) {
        List<DropColumn> columns = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String cell : header) {
            DropColumn column = kind.column(cell);
            if (column == null) {
                unknown.add("'" + cell.replace("\uFEFF", "") + "'");
            } else if (columns.contains(column)) {
                report.bad(1, "the header names the column " + column.name() + " twice");
                return null;
            }
            columns.add(column);
        }
        if (!unknown.isEmpty()) {
            report.bad(1, "the header names column(s) " + String.join(", ", unknown) + " that " + kind.folder()
                    + " files do not have; their columns are " + kind.columns().stream().map(DropColumn::name)
                    .collect(Collectors.joining(", ")));
            return null;
        }
        for (DropColumn column : kind.columns()) {
            if (column.required() && !columns.contains(column)) {
                report.bad(1, "the header has no " + column.name() + " column, which " + kind.folder() + " files need");
                return null;
            }
        }
        return columns;
    }

    private static void row(DropKind kind, List<DropColumn> columns, CSVRecord record, long line, DropReport report,
                            RowSink sink) throws SQLException {
        if (record.size() != columns.size()) {
            report.bad(line, "the row has " + record.size() + " values where the header names " + columns.size()
                    + " columns");
            return;
        }
        try {
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                if (record.get(i).indexOf('\0') >= 0) {
                    throw new BadRowException("the value of " + columns.get(i).name() + " holds a NUL character");
                }
                values.put(columns.get(i).name(), columns.get(i).parse(record.get(i)));
            }
            kind.check(values);
            sink.accept(new DropRow(line, values));
        } catch (BadRowException e) {
            report.bad(line, e.getMessage());
        }
    }
}
