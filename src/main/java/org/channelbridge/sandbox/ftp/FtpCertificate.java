package org.channelbridge.sandbox.ftp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox FTP server's self-signed certificate for explicit TLS, generated once per JVM with the JDK's
 * {@code keytool} (no certificate library needed): a PKCS12 key store for the server and a trust store holding the
 * certificate alone for clients ({@code sandbox.ftpTrustStore()}). Both have the password {@code sandbox}.
 */
public final class FtpCertificate {

    public static final String PASSWORD = "sandbox";
    private static FtpCertificate generated;

    private final Path keyStore;
    private final Path trustStore;

    private FtpCertificate(Path keyStore, Path trustStore) {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
    }

    public static synchronized FtpCertificate get() {
        if (generated == null || !Files.exists(generated.keyStore) || !Files.exists(generated.trustStore)) {
            generated = generate();
        }
        return generated;
    }

    public Path keyStore() {
        return keyStore;
    }

    public Path trustStore() {
        return trustStore;
    }

    private static FtpCertificate generate() {
        try {
            Path folder = Files.createTempDirectory("sandbox-ftps");
            folder.toFile().deleteOnExit();
            Path keys = folder.resolve("sandbox-ftp-keys.p12");
            Path trust = folder.resolve("sandbox-ftp-trust.p12");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "sandbox-ftp", "-keyalg", "RSA",
                    "-keysize", "2048", "-validity", "3650", "-dname", "CN=127.0.0.1, O=Channel Bridge sandbox",
                    "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12", "-keystore", keys.toString(),
                    "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool could not generate the sandbox FTP certificate: " + out);
            }
            KeyStore server = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keys)) {
                server.load(in, PASSWORD.toCharArray());
            }
            Certificate certificate = server.getCertificate("sandbox-ftp");
            KeyStore clients = KeyStore.getInstance("PKCS12");
            clients.load(null, null);
            clients.setCertificateEntry("sandbox-ftp", certificate);
            try (OutputStream o = Files.newOutputStream(trust)) {
                clients.store(o, PASSWORD.toCharArray());
            }
            keys.toFile().deleteOnExit();
            trust.toFile().deleteOnExit();
            return new FtpCertificate(keys, trust);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot make the sandbox FTP certificate: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while making the sandbox FTP certificate", e);
        }
    }
}
