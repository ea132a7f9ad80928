package org.channelbridge.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Every knob of the sandbox. The defaults are the fixed, documented demo values (design.md section 2) and the
 * limits ChannelAdvisor documents; every limit and timing can be scaled down for tests or up for benchmarks.
 */
public final class SandboxSettings {

    /**
     * An integration registered with the sandbox: its credentials, whether its tokens may write, and the profiles
     * its tokens cover (empty: every profile of the sandbox).
     */
    public record Application(String id, String secret, String refreshToken, boolean readOnly, List<Long> profileIds) {
        public Application {
            profileIds = List.copyOf(profileIds);
        }

        /** An application whose tokens cover every profile of the sandbox. */
        public Application(String id, String secret, String refreshToken, boolean readOnly) {
            this(id, secret, refreshToken, readOnly, List.of());
        }
    }

    /** A ChannelAdvisor profile (account) of the sandbox and the {@code <prefix>:<user>} login of its FTP inbox. */
    public record Profile(long id, String ftpUser) {
    }

    /** A distribution center of the account. */
    public record DistributionCenter(int id, String name, String code) {
    }

    public List<Application> applications = new ArrayList<>(List.of(
            new Application("sandbox-app", "sandbox-secret", "sandbox-refresh-token", false)));
    /** The first profile: calls that name no profile act in it (see {@link #profiles()}). */
    public long profileId = 12345;
    /** The first profile's FTP login, ChannelAdvisor's {@code <prefix>:<user>} form; a login without the prefix is refused. */
    public String ftpUser = "sbxftp:sandbox";
    /** The profiles after the first, each with its own data, limits and FTP login; empty for a single profile. */
    public List<Profile> moreProfiles = new ArrayList<>(List.of(new Profile(12346, defaultFtpUser(2))));
    /** Every profile's FTP password. */
    public String ftpPassword = "sandbox";
    public String host = "127.0.0.1";
    public int httpPort = 8089;
    public int ftpPort = 2121;

    public List<DistributionCenter> distributionCenters = new ArrayList<>(List.of(
            new DistributionCenter(0, "Default", "DEFAULT")));
    public Map<String, List<String>> carriers = defaultCarriers();

    public int requestsPerMinutePerProfile = 2000;
    public int requestsPerMinutePerIp = 8300;
    public int concurrentRequestsPerApplication = 5;
    public int orderPageSize = 100;
    public int productPageSize = 100;
    public int expandedCollectionCap = 20;
    public Duration tokenLifetime = Duration.ofSeconds(3600);
    public int batchPartLimit = 100;
    public int maxUriLength = 4096;
    public long maxBodyBytes = 32L * 1024 * 1024;
    public Duration latency = Duration.ZERO;
    public Duration jitter = Duration.ZERO;
    /** More latency for each part of a $batch request (ChannelAdvisor's answer takes longer the more parts). */
    public Duration latencyPerBatchPart = Duration.ZERO;
    public Duration adjustmentProcessingDelay = Duration.ofSeconds(2);
    public Duration ftpPickUpDelay = Duration.ofSeconds(1);
    public Duration ftpPollInterval = Duration.ofMillis(250);
    /** Import method for files without a method prefix: All, NewOnly or UpdatesOnly. */
    public String ftpDefaultImportMethod = "All";
    public int liveOrdersPerMinute = 0;
    /** Status of an Export action inside $batch (ChannelAdvisor forbids it there). */
    public int exportInBatchStatus = 400;
    public boolean duplicateSkuRejected = true;
    /** ProductUpload templates the account has defined (ChannelAdvisor needs one per upload). */
    public List<String> productUploadTemplates = new ArrayList<>(List.of("ChannelBridge"));
    /** Status polls a ProductUpload takes to reach its final status. */
    public int productUploadPolls = 3;
    /** Fault setting: every ProductUpload ends in this final status instead (empty: processed normally). */
    public String productUploadFinalStatus = "";
    /** Worker threads that run requests; the event loop only moves bytes. */
    public int workerThreads = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);

    private static Map<String, List<String>> defaultCarriers() {
        Map<String, List<String>> carriers = new LinkedHashMap<>();
        carriers.put("UPS", List.of("Ground", "2nd Day Air", "Next Day Air"));
        carriers.put("FedEx", List.of("Ground", "Home Delivery", "2Day", "Priority Overnight"));
        carriers.put("USPS", List.of("First Class", "Priority Mail"));
        carriers.put("DHL", List.of("Express"));
        return carriers;
    }

    public Application primaryApplication() {
        return applications.get(0);
    }

    /** Every profile, the first ({@link #profileId}) first. */
    public List<Profile> profiles() {
        List<Profile> all = new ArrayList<>();
        all.add(new Profile(profileId, ftpUser));
        all.addAll(moreProfiles);
        return all;
    }

    /** Refuses profiles that repeat an id or an FTP login, in one sentence. */
    public void checkProfiles() {
        List<Long> ids = new ArrayList<>();
        List<String> users = new ArrayList<>();
        for (Profile p : profiles()) {
            if (ids.contains(p.id())) {
                throw new IllegalArgumentException("profile " + p.id() + " is listed twice in the sandbox's profiles");
            }
            if (users.contains(p.ftpUser())) {
                throw new IllegalArgumentException("FTP login " + p.ftpUser() + " is given to two sandbox profiles");
            }
            ids.add(p.id());
            users.add(p.ftpUser());
        }
    }

    /** The FTP login of the n-th profile (from 2) when none is given: {@code sbxft2:sandbox}, {@code sbxft3:sandbox}... */
    static String defaultFtpUser(int n) {
        return "sbxft" + n + ":sandbox";
    }

    /** Raises every limit so that only the machine bounds throughput (benchmarks, soak runs). */
    public SandboxSettings withoutLimits() {
        requestsPerMinutePerProfile = Integer.MAX_VALUE;
        requestsPerMinutePerIp = Integer.MAX_VALUE;
        concurrentRequestsPerApplication = Integer.MAX_VALUE;
        return this;
    }

    /**
     * Reads keys under the prefix {@code sandbox.} (e.g. {@code sandbox.requests-per-minute}); keys that are
     * absent keep their defaults. Durations are given in milliseconds unless the key says seconds.
     */
    public static SandboxSettings fromProperties(Properties p) {
        SandboxSettings s = new SandboxSettings();
        PropertyReader r = new PropertyReader(p, "sandbox.");
        readProfiles(r, s);
        s.host = r.string("host", s.host);
        s.httpPort = r.intValue("port", s.httpPort);
        s.ftpPort = r.intValue("ftp-port", s.ftpPort);
        s.ftpPassword = r.string("ftp-password", s.ftpPassword);
        Application app = s.primaryApplication();
        s.applications.set(0, new Application(r.string("application-id", app.id()),
                r.string("shared-secret", app.secret()), r.string("refresh-token", app.refreshToken()), false));
        s.requestsPerMinutePerProfile = r.intValue("requests-per-minute", s.requestsPerMinutePerProfile);
        s.requestsPerMinutePerIp = r.intValue("requests-per-minute-per-ip", s.requestsPerMinutePerIp);
        s.concurrentRequestsPerApplication = r.intValue("max-concurrent", s.concurrentRequestsPerApplication);
        s.orderPageSize = r.intValue("order-page-size", s.orderPageSize);
        s.productPageSize = r.intValue("product-page-size", s.productPageSize);
        s.expandedCollectionCap = r.intValue("expanded-collection-cap", s.expandedCollectionCap);
        s.tokenLifetime = Duration.ofSeconds(r.longValue("token-lifetime-seconds", s.tokenLifetime.toSeconds()));
        s.batchPartLimit = r.intValue("batch-part-limit", s.batchPartLimit);
        s.maxUriLength = r.intValue("max-uri-length", s.maxUriLength);
        s.maxBodyBytes = r.longValue("max-body-bytes", s.maxBodyBytes);
        s.latency = Duration.ofMillis(r.longValue("latency-ms", s.latency.toMillis()));
        s.jitter = Duration.ofMillis(r.longValue("jitter-ms", s.jitter.toMillis()));
        s.latencyPerBatchPart = Duration.ofMillis(r.longValue("latency-per-part-ms", s.latencyPerBatchPart.toMillis()));
        s.adjustmentProcessingDelay = Duration.ofMillis(
                r.longValue("adjustment-delay-ms", s.adjustmentProcessingDelay.toMillis()));
        s.ftpPickUpDelay = Duration.ofMillis(r.longValue("ftp-pickup-delay-ms", s.ftpPickUpDelay.toMillis()));
        s.ftpDefaultImportMethod = r.string("ftp-import-method", s.ftpDefaultImportMethod);
        s.liveOrdersPerMinute = r.intValue("live-orders-per-minute", s.liveOrdersPerMinute);
        String templates = r.string("product-upload-templates", null);
        if (templates != null) {
            s.productUploadTemplates = new ArrayList<>(List.of(templates.split("\\s*,\\s*")));
        }
        s.productUploadPolls = r.intValue("product-upload-polls", s.productUploadPolls);
        s.productUploadFinalStatus = r.string("product-upload-final-status", s.productUploadFinalStatus);
        return s;
    }

    /**
     * {@code sandbox.profile-ids} lists the profiles (the first is the default) and {@code sandbox.ftp-users} their
     * FTP logins in the same order; the older {@code sandbox.profile-id} and {@code sandbox.ftp-user} name the
     * first ones and, when both forms are given, must agree with them.
     */
    private static void readProfiles(PropertyReader r, SandboxSettings s) {
        String single = r.string("profile-id", null);
        List<Long> ids = r.longs("profile-ids");
        if (ids != null) {
            if (single != null && r.longValue("profile-id", 0) != ids.get(0)) {
                throw new IllegalArgumentException("sandbox.profile-id (" + single + ") differs from the first of "
                        + "sandbox.profile-ids (" + ids.get(0) + "); set only sandbox.profile-ids");
            }
            s.profileId = ids.get(0);
            s.moreProfiles = new ArrayList<>();
            for (int i = 1; i < ids.size(); i++) {
                s.moreProfiles.add(new Profile(ids.get(i), defaultFtpUser(i + 1)));
            }
        } else if (single != null) {
            s.profileId = r.longValue("profile-id", s.profileId);
            s.moreProfiles.removeIf(p -> p.id() == s.profileId);
        }
        String singleUser = r.string("ftp-user", null);
        String users = r.string("ftp-users", null);
        if (users != null) {
            List<String> logins = List.of(users.split("\\s*,\\s*"));
            if (singleUser != null && !singleUser.equals(logins.get(0))) {
                throw new IllegalArgumentException("sandbox.ftp-user (" + singleUser + ") differs from the first of "
                        + "sandbox.ftp-users (" + logins.get(0) + "); set only sandbox.ftp-users");
            }
            if (logins.size() > s.moreProfiles.size() + 1) {
                throw new IllegalArgumentException("sandbox.ftp-users names " + logins.size() + " logins for "
                        + (s.moreProfiles.size() + 1) + " profiles");
            }
            s.ftpUser = logins.get(0);
            for (int i = 1; i < logins.size(); i++) {
                s.moreProfiles.set(i - 1, new Profile(s.moreProfiles.get(i - 1).id(), logins.get(i)));
            }
        } else if (singleUser != null) {
            s.ftpUser = singleUser;
        }
        s.checkProfiles();
    }

    private record PropertyReader(Properties p, String prefix) {
        /** A comma-separated list of whole numbers, or null when the key is absent. */
        List<Long> longs(String key) {
            String v = string(key, null);
            if (v == null) {
                return null;
            }
            List<Long> values = new ArrayList<>();
            for (String piece : v.split("\\s*,\\s*")) {
                try {
                    values.add(Long.parseLong(piece.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("sandbox setting " + prefix + key
                            + " is not a list of whole numbers: " + v);
                }
            }
            return values;
        }

        String string(String key, String fallback) {
            String v = p.getProperty(prefix + key);
            return v == null || v.isBlank() ? fallback : v.trim();
        }

        int intValue(String key, int fallback) {
            return (int) longValue(key, fallback);
        }

        long longValue(String key, long fallback) {
            String v = string(key, null);
            if (v == null) {
                return fallback;
            }
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("sandbox setting " + prefix + key + " is not a whole number: " + v);
            }
        }
    }
}
