package org.channelbridge.channeladvisor;

import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * Everything the ChannelAdvisor client needs to know, read once from the configuration.
 *
 * @param apiUrl            REST base without a trailing slash; {@code /v1} and {@code /oauth2/token} hang below it
 * @param requestsPerMinute our budget per profile (ChannelAdvisor allows 2,000)
 * @param maxConcurrent     requests in flight at once (ChannelAdvisor allows 5 per integration)
 * @param batchSize         the most parts one {@code $batch} may carry (ChannelAdvisor recommends 100)
 * @param maxPause          the longest a 429 may hold every caller back; longer Retry-After values are left to the
 *                          routes' redelivery so no thread sits idle for an hour
 * @param profileNamedInCalls every call names {@code profileId} ({@code profileid} query): one token may cover several
 *                          profiles, and ChannelAdvisor acts in the one a call names (else the token's first)
 */
public record ChannelAdvisorSettings(
        String apiUrl,
        String applicationId,
        String sharedSecret,
        String refreshToken,
        long profileId,
        int requestsPerMinute,
        int maxConcurrent,
        Duration connectTimeout,
        Duration responseTimeout,
        int batchSize,
        Duration maxPause,
        boolean profileNamedInCalls) {

    public static final String DEFAULT_API_URL = "https://api.channeladvisor.com";

    public ChannelAdvisorSettings {
        Objects.requireNonNull(apiUrl, "apiUrl");
        apiUrl = apiUrl.strip();
        while (apiUrl.endsWith("/")) {
            apiUrl = apiUrl.substring(0, apiUrl.length() - 1);
        }
        applicationId = applicationId == null ? "" : applicationId.strip();
        sharedSecret = sharedSecret == null ? "" : sharedSecret;
        refreshToken = refreshToken == null ? "" : refreshToken;
        requirePositive("channeladvisor.requests-per-minute", requestsPerMinute);
        requirePositive("channeladvisor.max-concurrent", maxConcurrent);
        requirePositive("channeladvisor.batch-size", batchSize);
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        Objects.requireNonNull(maxPause, "maxPause");
    }

    /**
     * Reads {@code channeladvisor.*} keys; absent or blank keys take the documented defaults.
     */
    public static ChannelAdvisorSettings fromProperties(Properties p) {
        Duration timeout = Duration.ofSeconds(longOf(p, "channeladvisor.timeout-seconds", 60));
        return new ChannelAdvisorSettings(
                text(p, "channeladvisor.api-url", DEFAULT_API_URL),
                text(p, "channeladvisor.application-id", ""),
                text(p, "channeladvisor.shared-secret", ""),
                text(p, "channeladvisor.refresh-token", ""),
                longOf(p, "channeladvisor.profile-id", 0),
                (int) longOf(p, "channeladvisor.requests-per-minute", 1900),
                (int) longOf(p, "channeladvisor.max-concurrent", 4),
                Duration.ofSeconds(longOf(p, "channeladvisor.connect-timeout-seconds", 10)),
                timeout,
                (int) longOf(p, "channeladvisor.batch-size", 100),
                Duration.ofSeconds(longOf(p, "channeladvisor.max-pause-seconds", 60)),
                false);
    }

    /** Settings with the defaults for everything but where to go and who we are; handy for tests and the sandbox. */
    public static ChannelAdvisorSettings of(String apiUrl, String applicationId, String sharedSecret,
                                            String refreshToken, long profileId) {
        return new ChannelAdvisorSettings(apiUrl, applicationId, sharedSecret, refreshToken, profileId,
                1900, 4, Duration.ofSeconds(10), Duration.ofSeconds(60), 100, Duration.ofSeconds(60), false);
    }

    public ChannelAdvisorSettings withLimits(int requestsPerMinute, int maxConcurrent) {
        return new ChannelAdvisorSettings(apiUrl, applicationId, sharedSecret, refreshToken, profileId,
                requestsPerMinute, maxConcurrent, connectTimeout, responseTimeout, batchSize, maxPause,
                profileNamedInCalls);
    }

    public ChannelAdvisorSettings withTimeouts(Duration connectTimeout, Duration responseTimeout) {
        return new ChannelAdvisorSettings(apiUrl, applicationId, sharedSecret, refreshToken, profileId,
                requestsPerMinute, maxConcurrent, connectTimeout, responseTimeout, batchSize, maxPause,
                profileNamedInCalls);
    }

    public ChannelAdvisorSettings withBatchSize(int batchSize) {
        return new ChannelAdvisorSettings(apiUrl, applicationId, sharedSecret, refreshToken, profileId,
                requestsPerMinute, maxConcurrent, connectTimeout, responseTimeout, batchSize, maxPause,
                profileNamedInCalls);
    }

    /** The same settings with every call naming the profile (or not). */
    public ChannelAdvisorSettings withProfileNamedInCalls(boolean named) {
        return new ChannelAdvisorSettings(apiUrl, applicationId, sharedSecret, refreshToken, profileId,
                requestsPerMinute, maxConcurrent, connectTimeout, responseTimeout, batchSize, maxPause, named);
    }

    /** True when an application id is configured, i.e. a real (or explicitly configured) ChannelAdvisor is meant. */
    public boolean hasCredentials() {
        return !applicationId.isEmpty();
    }

    public String tokenUrl() {
        return apiUrl + "/oauth2/token";
    }

    @Override
    public String toString() {
        return "ChannelAdvisorSettings[apiUrl=" + apiUrl
                + ", applicationId=" + applicationId
                + ", sharedSecret=" + redacted(sharedSecret)
                + ", refreshToken=" + redacted(refreshToken)
                + ", profileId=" + profileId
                + ", requestsPerMinute=" + requestsPerMinute
                + ", maxConcurrent=" + maxConcurrent
                + ", connectTimeout=" + connectTimeout
                + ", responseTimeout=" + responseTimeout
                + ", batchSize=" + batchSize
                + ", maxPause=" + maxPause
                + ", profileNamedInCalls=" + profileNamedInCalls + "]";
    }

    private static String redacted(String secret) {
        return secret.isEmpty() ? "(empty)" : "(set)";
    }

    private static String text(Properties p, String key, String fallback) {
        String value = p.getProperty(key);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static long longOf(Properties p, String key, long fallback) {
        String value = text(p, key, "");
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, but is '" + value + "'");
        }
    }

    private static void requirePositive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be greater than 0, but is " + value);
        }
    }
}
