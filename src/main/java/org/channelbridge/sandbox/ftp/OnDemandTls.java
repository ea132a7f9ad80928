package org.channelbridge.sandbox.ftp;

import org.apache.ftpserver.ssl.ClientAuth;
import org.apache.ftpserver.ssl.SslConfiguration;
import org.apache.ftpserver.ssl.SslConfigurationFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import java.security.GeneralSecurityException;

/**
 * The FTP server's explicit TLS, set up when a client first asks for it (AUTH TLS) rather than when the server
 * starts: making the self-signed certificate runs {@code keytool} (a second JVM and an RSA key pair), which cost the
 * embedded default seconds of start-up although its bridge speaks plain FTP to its own sandbox. The server asks for
 * none of this at start with explicit TLS; implicit TLS would.
 */
final class OnDemandTls implements SslConfiguration {

    private SslConfiguration made;

    private synchronized SslConfiguration made() {
        if (made == null) {
            SslConfigurationFactory tls = new SslConfigurationFactory();
            tls.setKeystoreFile(FtpCertificate.get().keyStore().toFile());
            tls.setKeystorePassword(FtpCertificate.PASSWORD);
            tls.setKeystoreType("PKCS12");
            tls.setKeyPassword(FtpCertificate.PASSWORD);
            made = tls.createSslConfiguration();
        }
        return made;
    }

    synchronized boolean isSetUp() {
        return made != null;
    }

    @Override
    public SSLSocketFactory getSocketFactory() throws GeneralSecurityException {
        return made().getSocketFactory();
    }

    @Override
    public SSLContext getSSLContext() throws GeneralSecurityException {
        return made().getSSLContext();
    }

    @Override
    public SSLContext getSSLContext(String protocol) throws GeneralSecurityException {
        return made().getSSLContext(protocol);
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return made().getEnabledCipherSuites();
    }

    @Override
    public String getEnabledProtocol() {
        return made().getEnabledProtocol();
    }

    @Override
    public String[] getEnabledProtocols() {
        return made().getEnabledProtocols();
    }

    @Override
    public ClientAuth getClientAuth() {
        return made().getClientAuth();
    }
}
