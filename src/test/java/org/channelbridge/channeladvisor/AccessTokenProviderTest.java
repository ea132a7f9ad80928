package org.channelbridge.channeladvisor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AccessTokenProviderTest {

    /** A clock the test moves by hand, so expiry needs no waiting. */
    private static final class HandClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private ScriptedChannelAdvisor ca;
    private HttpTransport transport;
    private final HandClock clock = new HandClock();

    @BeforeEach
    void start() throws Exception {
        ca = new ScriptedChannelAdvisor();
        transport = new HttpTransport(CamelForTests.context(), ca.settings());
    }

    @AfterEach
    void stop() {
        transport.close();
        ca.close();
    }

    @Test
    void aTokenIsReusedUntilShortlyBeforeItExpires() {
        AccessTokenProvider tokens = new AccessTokenProvider(ca.settings(), transport, clock);

        String first = tokens.accessToken();
        clock.advance(Duration.ofMinutes(58));
        String stillFirst = tokens.accessToken();
        clock.advance(Duration.ofSeconds(90));
        String second = tokens.accessToken();

        assertThat(first).isEqualTo("token-1");
        assertThat(stillFirst).isEqualTo("token-1");
        assertThat(second).isEqualTo("token-2");
        assertThat(tokens.refreshCount()).isEqualTo(2);
        assertThat(ca.requests("/oauth2/token")).hasSize(2);
    }

    @Test
    void concurrentCallersShareASingleRefresh() throws Exception {
        ca.tokenDelayMillis = 300;
        AccessTokenProvider tokens = new AccessTokenProvider(ca.settings(), transport, clock);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return tokens.accessToken();
                }));
            }
            go.countDown();
            for (Future<String> result : results) {
                assertThat(result.get()).isEqualTo("token-1");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(ca.requests("/oauth2/token")).hasSize(1);
        assertThat(tokens.refreshCount()).isEqualTo(1);
    }

    @Test
    void invalidatingTheCurrentTokenFetchesANewOneButAStaleInvalidationDoesNot() {
        AccessTokenProvider tokens = new AccessTokenProvider(ca.settings(), transport, clock);
        String first = tokens.accessToken();

        tokens.invalidate(first);
        String second = tokens.accessToken();
        tokens.invalidate(first);

        assertThat(second).isEqualTo("token-2");
        assertThat(tokens.accessToken()).isEqualTo("token-2");
        assertThat(tokens.refreshCount()).isEqualTo(2);
    }

    @Test
    void aRefusedRefreshTokenIsAnAuthenticationErrorThatNamesTheApplicationButNoSecret() {
        ChannelAdvisorSettings wrong = ChannelAdvisorSettings.of(ca.url(), "sandbox-app", "sandbox-secret",
                "revoked-refresh-token", 12345);
        AccessTokenProvider tokens = new AccessTokenProvider(wrong, transport, clock);

        var error = catchThrowableOfType(ChannelAdvisorAuthenticationException.class, tokens::accessToken);

        assertThat(error.getMessage())
                .isEqualTo("ChannelAdvisor refused the refresh token for application sandbox-app: invalid_grant");
        assertThat(error.getMessage()).doesNotContain("revoked-refresh-token").doesNotContain("sandbox-secret");
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.isTransient()).isFalse();
    }

    @Test
    void theTokenRequestIsAFormPostWithBasicCredentials() {
        new AccessTokenProvider(ca.settings(), transport, clock).accessToken();

        var request = ca.requests("/oauth2/token").get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(request.header("Authorization")).isEqualTo("Basic c2FuZGJveC1hcHA6c2FuZGJveC1zZWNyZXQ=");
        assertThat(request.body()).isEqualTo("grant_type=refresh_token&refresh_token=sandbox-refresh-token");
    }
}
