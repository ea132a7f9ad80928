package org.channelbridge.sandbox;

import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPSClient;
import org.junit.jupiter.api.Test;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox's FTP server offers explicit TLS but sets it up (making its certificate with keytool, seconds of
 * start-up) only when a client asks for it: the embedded default's bridge speaks plain FTP to its own sandbox.
 */
class FtpTlsOnDemandTest extends SandboxTestBase {

    @Test
    void plainFtpSessionsLeaveTlsUnmadeAndTheFirstAuthTlsSetsItUp() throws Exception {
        assertThat(sandbox.ftpTlsSetUp()).as("TLS set up at start").isFalse();
        FTPClient plain = new FTPClient();
        plain.connect("127.0.0.1", sandbox.ftpPort());
        try {
            assertThat(plain.login("sbxftp:sandbox", "sandbox")).isTrue();
            plain.enterLocalPassiveMode();
            assertThat(plain.listNames("/Inventory")).isNotNull();
        } finally {
            plain.disconnect();
        }
        assertThat(sandbox.ftpTlsSetUp()).as("TLS set up for a plain session").isFalse();

        FTPSClient tls = new FTPSClient(false);
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
        assertThat(sandbox.ftpTlsSetUp()).isTrue();
    }

    private static TrustManager trustOf(Path store) throws Exception {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, "sandbox".toCharArray());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(keys);
            return factory.getTrustManagers()[0];
        }
    }
}
