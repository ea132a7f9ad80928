package org.channelbridge.ops.check;

import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPReply;
import org.apache.commons.net.ftp.FTPSClient;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;

/**
 * Logs in to ChannelAdvisor's FTP server as the products bulk flow would and lists {@code /Inventory}: plain FTP for
 * {@code ftp://}, FTPS with explicit TLS ({@code AUTH TLS} on the control port, protected data channel) for
 * {@code ftps://}. Lists only: nothing is written.
 */
final class FtpProbe {

    private FtpProbe() {
    }

    static ProbeResult run(String url, String user, String password, SSLContext tls) {
        String probe = "FTP login and /Inventory";
        if (user == null || user.isBlank()) {
            return ProbeResult.fail(probe, "no FTP user configured",
                    "Set channeladvisor.ftp-user (CA_FTP_USER) to your login prefix and user, e.g. abc:user@example.com.");
        }
        URI uri = URI.create(url);
        boolean secure = "ftps".equalsIgnoreCase(uri.getScheme());
        FTPClient ftp = secure ? new FTPSClient(false, tls) : new FTPClient();
        ftp.setConnectTimeout(10_000);
        ftp.setDefaultTimeout(10_000);
        int port = uri.getPort() > 0 ? uri.getPort() : 21;
        String where = (secure ? "FTPS " : "FTP ") + uri.getHost() + ":" + port;
        try {
            ftp.connect(uri.getHost(), port);
            if (!FTPReply.isPositiveCompletion(ftp.getReplyCode())) {
                return ProbeResult.fail(probe, where + " answered " + ftp.getReplyString().strip(),
                        "Check channeladvisor.ftp-url (CA_FTP_URL).");
            }
            if (!ftp.login(user, password)) {
                return ProbeResult.fail(probe, where + " refused the login of " + user,
                        "Check channeladvisor.ftp-user (prefix:user) and CA_FTP_PASSWORD, and that FTP is enabled in"
                                + " ChannelAdvisor's inventory settings.");
            }
            if (ftp instanceof FTPSClient ftps) {
                ftps.execPBSZ(0);
                ftps.execPROT("P");
            }
            ftp.enterLocalPassiveMode();
            if (ftp.listNames("/Inventory") == null) {
                return ProbeResult.fail(probe, where + " did not list /Inventory: " + ftp.getReplyString().strip(),
                        "Ask ChannelAdvisor to enable FTP inventory processing for the account.");
            }
            ftp.logout();
            return ProbeResult.pass(probe, where + " as " + user + ", /Inventory listed");
        } catch (IOException e) {
            return ProbeResult.fail(probe, where + " cannot be reached: " + e.getMessage(),
                    secure ? "Check channeladvisor.ftp-url and, for a server whose certificate is not publicly trusted,"
                            + " channeladvisor.ftp-trust-store." : "Check channeladvisor.ftp-url (CA_FTP_URL).");
        } finally {
            try {
                if (ftp.isConnected()) {
                    ftp.disconnect();
                }
            } catch (IOException ignored) {
                // the probe's verdict is made
            }
        }
    }
}
