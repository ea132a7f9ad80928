package org.channelbridge.config;

import org.apache.camel.CamelContext;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The certificates the bridge trusts for FTPS: {@code channeladvisor.ftp-trust-store} (a PKCS12 or JKS file) with
 * its password, or, when it is empty, the JVM's own trust store (ChannelAdvisor's server has a public certificate).
 */
public final class FtpTrust {

    private FtpTrust() {
    }

    /**
     * The SSL parameters of the configured trust store, or of the JVM's trusted authorities when none is configured.
     * Never none at all: the FTP library alone would accept any certificate that is in date.
     */
    public static SSLContextParameters of(BridgeSettings settings) {
        String file = settings.get("channeladvisor.ftp-trust-store", "");
        if (file.isBlank()) {
            return new SSLContextParameters();
        }
        if (!Files.isReadable(Path.of(file))) {
            throw new ConfigurationException("channeladvisor.ftp-trust-store names " + file
                    + ", which cannot be read.");
        }
        KeyStoreParameters store = new KeyStoreParameters();
        store.setResource("file:" + Path.of(file).toAbsolutePath());
        store.setPassword(settings.get("channeladvisor.ftp-trust-store-password", ""));
        String type = settings.get("channeladvisor.ftp-trust-store-type", "");
        store.setType(type.isBlank() ? (file.toLowerCase(java.util.Locale.ROOT).endsWith(".jks") ? "JKS" : "PKCS12")
                : type);
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(store);
        SSLContextParameters parameters = new SSLContextParameters();
        parameters.setTrustManagers(trust);
        return parameters;
    }

    /** Makes the ftps component use these trusted certificates (it alone opts in to the context's SSL settings). */
    public static void apply(BridgeSettings settings, CamelContext context) {
        context.setSSLContextParameters(of(settings));
    }
}
