package org.channelbridge.system2.drop;

import org.channelbridge.app.ChannelBridge;
import org.channelbridge.flow.SandboxPeer;
import org.channelbridge.ops.BridgeConfigFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files nobody should drop, dropped into the file-form inbox: each is refused with a report in {@code .error/},
 * loads nothing, and touches nothing outside the inbox; the good rows beside them still load.
 */
class HostileDropFilesTest {

    private static final String HEADER = "sku,title,retail_price,quantity\n";

    @TempDir
    Path folder;

    private SandboxPeer sandbox;
    private Path products;
    private String dbUrl;
    private final Map<String, String> overrides = new HashMap<>();

    @BeforeEach
    void start() throws IOException {
        sandbox = SandboxPeer.start();
        Path inbox = folder.resolve("inbox");
        for (String kind : List.of("products", "shipments", "adjustments")) {
            Files.createDirectories(inbox.resolve(kind));
        }
        products = inbox.resolve("products");
        dbUrl = "jdbc:h2:file:" + folder.resolve("data/system2").toAbsolutePath();
        overrides.putAll(sandbox.bridgeOverrides());
        overrides.put("system2.jdbc.url", dbUrl);
        overrides.put("system2.kind", "file");
        overrides.put("system2.file.inbox", inbox.toString());
        overrides.put("system2.file.outbox", folder.resolve("outbox").toString());
        overrides.put("system2.file.settle-ms", "500");
        overrides.put("system2.file.poll-ms", "200");
        overrides.put("demo.catalog-size", "0");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aLinkAPathInTheNameAHugeFileNulBytesAndAnotherEncodingAreRefusedAndLoadNothing() throws Exception {
        Path outside = Files.createDirectories(folder.resolve("elsewhere")).resolve("private.csv");
        Files.writeString(outside, HEADER + "HX-LINK,Read through a link,1,1\n");
        Files.createSymbolicLink(products.resolve("link.csv"), outside);
        Path pathLike = products.resolve("sub\\..\\..\\escape.csv");
        Files.writeString(pathLike, HEADER + "HX-ESC,Named like a path,1,1\n");
        Path huge = products.resolve("huge.csv");
        Files.writeString(huge, HEADER + "HX-HUGE,Huge,1,1\n");
        try (RandomAccessFile sparse = new RandomAccessFile(huge.toFile(), "rw")) {
            sparse.setLength(2L * 1024 * 1024 * 1024 + 1);   // 2 GB on paper, a few bytes on disk
        }
        Files.writeString(products.resolve("nul.csv"), HEADER + "HX-NUL,Bad\u0000title,1,1\nHX-OK,Fine,1,1\n");
        Files.write(products.resolve("latin1.csv"), (HEADER + "HX-LATIN,Caf\u00e9,1,1\n").getBytes(StandardCharsets.ISO_8859_1));

        Path config = BridgeConfigFiles.copyWith(folder.resolve("run"), overrides);
        assertThat(ChannelBridge.execute("--once", "--config", config.toString())).isZero();

        assertThat(column("select sku from products order by sku")).containsExactly("HX-OK");
        assertThat(outside).as("the link's target is left alone").hasContent(HEADER + "HX-LINK,Read through a link,1,1");
        Path errors = products.resolve(".error");
        assertThat(errors.resolve("link.csv.report.txt")).content().contains("link");
        assertThat(pathLike).as("a name Camel would read as a path is left where it is").exists();
        assertThat(folder.resolve("escape.csv")).doesNotExist();
        assertThat(errors.resolve("huge.csv.report.txt")).content().contains("system2.file.max-file-mb");
        assertThat(errors.resolve("huge.csv")).exists();
        assertThat(errors.resolve("nul.csv.report.txt")).content().contains("NUL");
        assertThat(errors.resolve("latin1.csv.report.txt")).content().contains("UTF-8");
        try (var left = Files.list(products)) {
            assertThat(left.filter(Files::isRegularFile)).as("every other file was taken").containsExactly(pathLike);
        }
    }

    private List<String> column(String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(dbUrl + ";DATABASE_TO_LOWER=TRUE;NON_KEYWORDS=VALUE");
             ResultSet rs = c.createStatement().executeQuery(query)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
