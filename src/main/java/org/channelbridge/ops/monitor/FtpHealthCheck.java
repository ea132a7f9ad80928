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
 * a probe every few seconds must not become a stream of FTP logins. With several profiles each profile's login has a
 * check of its own ({@code channeladvisor-ftp-uk}; the first profile's keeps the name {@code channeladvisor-ftp}),
 * whose reason starts with the profile.
 */
public final class FtpHealthCheck extends AbstractHealthCheck {

    private static final long FRESH_NANOS = Duration.ofMinutes(1).toNanos();

    private record Verdict(boolean up, String message, long at) {
    }

    private final String url;
    private final String user;
    private final String password;
    private final MonitoredProfile profile;
    private volatile Verdict last;

    /** The check of a bridge of one profile. */
    public FtpHealthCheck(String url, String user, String password) {
        this(null, url, user, password);
    }

    /** The FTP login of one of several profiles ({@code profile}: null for the bridge of one profile). */
    public FtpHealthCheck(MonitoredProfile profile, String url, String user, String password) {
        super("bridge", "channeladvisor-ftp" + (profile == null ? "" : profile.suffix()));
        this.url = url;
        this.user = user;
        this.password = password;
        this.profile = profile;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Verdict verdict = last;
        if (verdict == null || System.nanoTime() - verdict.at() >= FRESH_NANOS) {
            verdict = check();
            last = verdict;
        }
        builder.detail("ftp.url", url);
        if (profile != null) {
            builder.detail("profile", profile.label());
        }
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
                String keys = profile == null ? "channeladvisor.ftp-user and CA_FTP_PASSWORD"
                        : "channeladvisor.profile." + profile.name() + ".ftp-user and its ftp-password, or the"
                        + " channeladvisor.ftp-* defaults";
                return new Verdict(false, named("The FTP server " + uri.getHost() + ":" + port
                        + " refused the login of user " + user + " (check " + keys + ")."), System.nanoTime());
            }
            ftp.logout();
            return new Verdict(true, "", System.nanoTime());
        } catch (IOException e) {
            return new Verdict(false, named("The FTP server " + uri.getHost() + ":" + port + " cannot be reached: "
                    + e.getMessage()), System.nanoTime());
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

    private String named(String reason) {
        return profile == null ? reason : "Profile " + profile.title() + ": " + reason;
    }
}
