package org.channelbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Checklist 8.6: files uploaded over FTP change the same catalog as the REST API. */
class FtpInboxContractTest extends SandboxTestBase {
    private final FTPClient ftp = new FTPClient();

    @BeforeEach
    void connect() throws IOException {
        ftp.connect("127.0.0.1", sandbox.ftpPort());
        assertThat(ftp.login("sbxftp:sandbox", "sandbox")).isTrue();
        ftp.enterLocalPassiveMode();
        ftp.setFileType(FTP.BINARY_FILE_TYPE);
    }

    @AfterEach
    void disconnect() throws IOException {
        ftp.logout();
        ftp.disconnect();
    }

    @Test
    void theLoginNeedsChannelAdvisorsPrefixFormAndTlsIsOffered() throws IOException {
        FTPClient plain = new FTPClient();
        plain.connect("127.0.0.1", sandbox.ftpPort());
        try {
            assertThat(plain.login("sandbox", "sandbox")).as("a login without the prefix").isFalse();
        } finally {
            plain.disconnect();
        }
        org.apache.commons.net.ftp.FTPSClient tls = new org.apache.commons.net.ftp.FTPSClient(false);
        tls.setTrustManager(trustOf(sandbox.ftpTrustStore()));
        tls.connect("127.0.0.1", sandbox.ftpPort());
        try {
            assertThat(tls.login("sbxftp:sandbox", "sandbox")).isTrue();
            tls.execPBSZ(0);
            tls.execPROT("P");
            tls.enterLocalPassiveMode();
            assertThat(tls.listNames("/Inventory")).isNotNull();
        } finally {
            tls.disconnect();
        }
    }

    private static javax.net.ssl.TrustManager trustOf(java.nio.file.Path store) {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(store)) {
            java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
            ks.load(in, "sandbox".toCharArray());
            javax.net.ssl.TrustManagerFactory f = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            f.init(ks);
            return f.getTrustManagers()[0];
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void upload(String path, String text) throws IOException {
        assertThat(ftp.storeFile(path, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))).isTrue();
    }

    private JsonNode processed(int files) {
        await().atMost(Duration.ofSeconds(10)).until(() -> ca.admin("GET", "stats", null).json().at("/ftp/files").size() >= files);
        return ca.admin("GET", "stats", null).json().at("/ftp/files");
    }

    private JsonNode product(String sku) {
        return ca.all("/v1/Products?$filter=" + SandboxClient.enc("Sku eq '" + sku + "'") + "&$expand=Attributes").get(0);
    }

    @Test
    void aTabFileCreatesAndUpdatesProductsAndIsRemoved() throws IOException {
        long id = ca.createProduct("{\"Sku\":\"F-1\",\"Title\":\"Old title\"}");
        upload("/Inventory/products.txt", "Inventory Number\tAuction Title\tQuantity\tQuantity Update Type\tRetail Price\tColor\n"
                + "F-1\tNew title\t5\tAbsolute\t9.99\tRed\n"
                + "F-2\tBrand new\t3\t\t19.5\t\n");
        JsonNode status = processed(1).get(0);
        assertThat(status.get("status").asText()).isEqualTo("Processed");
        assertThat(status.get("applied").asInt()).isEqualTo(2);
        JsonNode f1 = product("F-1");
        assertThat(f1.get("ID").asLong()).isEqualTo(id);
        assertThat(f1.get("Title").asText()).isEqualTo("New title");
        assertThat(f1.get("TotalAvailableQuantity").asInt()).isEqualTo(5);
        assertThat(f1.get("RetailPrice").decimalValue()).isEqualByComparingTo("9.99");
        assertThat(f1.get("Attributes").get(0).get("Name").asText()).isEqualTo("Color");
        assertThat(product("F-2").get("TotalAvailableQuantity").asInt()).isEqualTo(3);
        assertThat(ftp.listNames("/Inventory")).doesNotContain("products.txt");
        assertThat(ca.admin("GET", "ftp", null).json().at("/files/0/name").asText()).isEqualTo("products.txt");
    }

    @Test
    void pipeAndCsvFilesAreReadToo() throws IOException {
        upload("/Inventory/pipe.txt", "Inventory Number|Auction Title|Quantity\nP-1|Pipe|4\n");
        upload("/Inventory/Transform/comma.csv", "Inventory Number,Auction Title,Description\nC-1,\"Comma, quoted\",\"said \"\"hi\"\"\"\n");
        JsonNode files = processed(2);
        assertThat(files.findValues("folder").stream().map(JsonNode::asText)).contains("/Inventory", "/Inventory/Transform");
        assertThat(product("P-1").get("TotalAvailableQuantity").asInt()).isEqualTo(4);
        assertThat(product("C-1").get("Title").asText()).isEqualTo("Comma, quoted");
        assertThat(product("C-1").get("Description").asText()).isEqualTo("said \"hi\"");
    }

    @Test
    void badRowsAreReportedWithTheirLineWhileGoodRowsApply() throws IOException {
        upload("/Inventory/mixed.txt", "Inventory Number\tAuction Title\tQuantity\tQuantity Update Type\tRetail Price\n"
                + "G-1\tGood\t1\tAbsolute\t1.00\n"
                + "\tNo sku\t1\tAbsolute\t1.00\n"
                + "G-2\tBad quantity\tmany\tAbsolute\t1.00\n"
                + "G-3\tBad type\t1\tSometimes\t1.00\n"
                + "G-4\tBad price\t1\tAbsolute\tcheap\n"
                + "G-5\t\t1\tAbsolute\t1.00\n"
                + "G-6\tShort row\n"
                + "G-7\tAlso good\t2\tRelative\t2.00\n");
        JsonNode status = processed(1).get(0);
        assertThat(status.get("status").asText()).isEqualTo("ProcessedWithErrors");
        assertThat(status.get("applied").asInt()).isEqualTo(2);
        assertThat(status.get("errors").findValues("row").stream().map(JsonNode::asInt)).containsExactly(3, 4, 5, 6, 7, 8);
        assertThat(ca.get("/v1/Products/$count").body()).isEqualTo("2");
    }

    @Test
    void newOnlyAndUpdatesOnlyFilesKeepToTheirMethod() throws IOException {
        ca.createProduct("{\"Sku\":\"M-1\",\"Title\":\"Existing\"}");
        upload("/Inventory/NewOnly_a.txt", "Inventory Number\tAuction Title\nM-1\tChanged\nM-2\tCreated\n");
        processed(1);
        upload("/Inventory/UpdatesOnly_b.txt", "Inventory Number\tAuction Title\nM-1\tUpdated\nM-3\tNot created\n");
        JsonNode files = processed(2);
        assertThat(files.get(0).get("importMethod").asText()).isEqualTo("NEW_ONLY");
        assertThat(files.get(0).at("/errors/0/row").asInt()).isEqualTo(2);
        assertThat(files.get(1).at("/errors/0/row").asInt()).isEqualTo(3);
        assertThat(product("M-1").get("Title").asText()).isEqualTo("Updated");
        assertThat(ca.all("/v1/Products")).extracting(p -> p.get("Sku").asText()).containsExactly("M-1", "M-2");
    }

    @Test
    void aTemporaryNameIsIgnoredUntilTheFileIsRenamed() throws IOException, InterruptedException {
        upload("/Inventory/upload.txt.tmp", "Inventory Number\tAuction Title\nT-1\tLater\n");
        Thread.sleep(400);
        assertThat(ca.admin("GET", "stats", null).json().at("/ftp/files")).isEmpty();
        assertThat(ftp.rename("/Inventory/upload.txt.tmp", "/Inventory/upload.txt")).isTrue();
        processed(1);
        assertThat(product("T-1").get("Title").asText()).isEqualTo("Later");
    }
}
