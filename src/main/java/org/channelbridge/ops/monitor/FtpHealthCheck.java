package org.channelbridge.ops.monitor;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPSClient;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * UP when ChannelAdvisor's FTP server (for bulk inventory files) accepts our login. Asked at most once a minute:
 * a probe every few seconds must not become a stream of FTP logins.
 */
public final class FtpHealthCheck extends AbstractHealthCheck {

    private static final long FRESH_NANOS = Duration.ofMinutes(1).toNanos();

    private record Verdict(boolean up, String message, long at) {
    }

    private final String url;
    private final String user;
    private final String password;
    private volatile Verdict last;

    public FtpHealthCheck(String url, String user, String password) {
        super("bridge", "channeladvisor-ftp");
        this.url = url;
        this.user = user;
        this.password = password;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Verdict verdict = last;
        if (verdict == null || System.nanoTime() - verdict.at() >= FRESH_NANOS) {
            verdict = check();
            last = verdict;
        }
        builder.detail("ftp.url", url);
        if (verdict.up()) {
            builder.up();
        } else {
            builder.message(verdict.message()).down();
        }
    }

    private Verdict check() {
        if (user == null || user.isBlank()) {
            return new Verdict(true, "", System.nanoTime());
        }
        URI uri = URI.create(url);
        boolean secure = "ftps".equalsIgnoreCase(uri.getScheme());
        // ftps:// is explicit TLS (AUTH TLS on the control port), as camel-ftp's ftps: and ftps.channeladvisor.com use
        FTPClient ftp = secure ? new FTPSClient(false) : new FTPClient();
        ftp.setConnectTimeout(5000);
        ftp.setDefaultTimeout(5000);
        int port = uri.getPort() > 0 ? uri.getPort() : 21;
        try {
            ftp.connect(uri.getHost(), port);
            if (!ftp.login(user, password)) {
                return new Verdict(false, "The FTP server " + uri.getHost() + ":" + port + " refused the login of user "
                        + user + " (check channeladvisor.ftp-user and CA_FTP_PASSWORD).", System.nanoTime());
            }
            ftp.logout();
            return new Verdict(true, "", System.nanoTime());
        } catch (IOException e) {
            return new Verdict(false, "The FTP server " + uri.getHost() + ":" + port + " cannot be reached: "
                    + e.getMessage(), System.nanoTime());
        } finally {
            try {
                if (ftp.isConnected()) {
                    ftp.disconnect();
                }
            } catch (IOException ignored) {
                // the verdict is made; a failed goodbye changes nothing
            }
        }
    }
}
