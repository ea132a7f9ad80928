package org.channelbridge.channeladvisor;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Access tokens from the refresh-token grant, cached until shortly before they expire. Refreshes are single-flight:
 * callers arriving during a refresh wait for it and share its token.
 */
public final class AccessTokenProvider {

    private static final Duration MAX_MARGIN = Duration.ofSeconds(60);

    private final ChannelAdvisorSettings settings;
    private final HttpTransport transport;
    private final Clock clock;
    private final ReentrantLock refreshing = new ReentrantLock();
    private final AtomicLong refreshes = new AtomicLong();
    private volatile CachedToken cached;

    public AccessTokenProvider(ChannelAdvisorSettings settings, HttpTransport transport) {
        this(settings, transport, Clock.systemUTC());
    }

    public AccessTokenProvider(ChannelAdvisorSettings settings, HttpTransport transport, Clock clock) {
        this.settings = settings;
        this.transport = transport;
        this.clock = clock;
    }

    /** A valid access token, refreshed first when there is none or it is about to expire. */
    public String accessToken() {
        CachedToken current = cached;
        if (current != null && current.usableAt(clock.instant())) {
            return current.value();
        }
        refreshing.lock();
        try {
            current = cached;
            if (current != null && current.usableAt(clock.instant())) {
                return current.value();
            }
            current = refresh();
            cached = current;
            return current.value();
        } finally {
            refreshing.unlock();
        }
    }

    /**
     * Forgets {@code token} after ChannelAdvisor answered 401 to it, so the next {@link #accessToken()} refreshes. A
     * token that was already replaced by another caller's refresh is left alone.
     */
    public void invalidate(String token) {
        refreshing.lock();
        try {
            CachedToken current = cached;
            if (current != null && current.value().equals(token)) {
                cached = null;
            }
        } finally {
            refreshing.unlock();
        }
    }

    /** How many times a token was fetched from the token endpoint. */
    public long refreshCount() {
        return refreshes.get();
    }

    /** When the cached token stops being used, or null when none is cached; for health checks. */
    public Instant cachedUntil() {
        CachedToken current = cached;
        return current == null ? null : current.refreshAt();
    }

    private CachedToken refresh() {
        String basic = Base64.getEncoder().encodeToString(
                (settings.applicationId() + ":" + settings.sharedSecret()).getBytes(StandardCharsets.UTF_8));
        String form = "grant_type=refresh_token&refresh_token="
                + URLEncoder.encode(settings.refreshToken(), StandardCharsets.UTF_8);
        String url = settings.tokenUrl();
        CaResponse response = transport.send("POST", url, Map.of(
                "Authorization", "Basic " + basic,
                "Content-Type", "application/x-www-form-urlencoded",
                "Accept", "application/json"), form.getBytes(StandardCharsets.UTF_8));
        refreshes.incrementAndGet();
        if (response.status() == 400 || response.status() == 401) {
            String said = ErrorClassifier.caMessage(response.body());
            throw new ChannelAdvisorAuthenticationException("ChannelAdvisor refused the refresh token for application "
                    + settings.applicationId() + (said.isEmpty() ? " (HTTP " + response.status() + ")" : ": " + said),
                    response.status(), said);
        }
        if (!response.isSuccess()) {
            throw ErrorClassifier.classify("POST", url, response);
        }
        JsonNode json = response.json();
        String token = json.path("access_token").asText("");
        if (token.isEmpty()) {
            throw new ChannelAdvisorUnavailableException("ChannelAdvisor answered the token request for application "
                    + settings.applicationId() + " without an access token.", response.status(), "", null);
        }
        Duration lifetime = Duration.ofSeconds(json.path("expires_in").asLong(3600));
        Duration margin = lifetime.dividedBy(10).compareTo(MAX_MARGIN) < 0 ? lifetime.dividedBy(10) : MAX_MARGIN;
        return new CachedToken(token, clock.instant().plus(lifetime).minus(margin));
    }

    private record CachedToken(String value, Instant refreshAt) {
        boolean usableAt(Instant now) {
            return now.isBefore(refreshAt);
        }

        @Override
        public String toString() {
            return "CachedToken[refreshAt=" + refreshAt + "]";
        }
    }
}
