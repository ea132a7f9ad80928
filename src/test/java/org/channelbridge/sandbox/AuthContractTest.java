package org.channelbridge.sandbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Checklist 8.1: the token endpoint and how tokens are accepted, expire and are refused. */
class AuthContractTest extends SandboxTestBase {

    @Override
    void configure(SandboxSettings s) {
        s.applications.add(new SandboxSettings.Application("reader-app", "reader-secret", "reader-refresh", true));
    }

    @Test
    void refreshTokenGrantGivesABearerTokenForAnHour() {
        SandboxClient.Response r = ca.tokenRequest("sandbox-app", "sandbox-secret",
                "grant_type=refresh_token&refresh_token=sandbox-refresh-token");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("token_type").asText()).isEqualTo("bearer");
        assertThat(r.json().get("expires_in").asInt()).isEqualTo(3600);
        assertThat(r.json().get("access_token").asText()).isNotBlank();
    }

    @Test
    void wrongSecretOrUnknownRefreshTokenIsRefusedWithInvalidGrant() {
        SandboxClient.Response badSecret = ca.tokenRequest("sandbox-app", "nope",
                "grant_type=refresh_token&refresh_token=sandbox-refresh-token");
        SandboxClient.Response badRefresh = ca.tokenRequest("sandbox-app", "sandbox-secret",
                "grant_type=refresh_token&refresh_token=other");
        SandboxClient.Response noBasic = ca.tokenRequest(null, null, "grant_type=refresh_token&refresh_token=sandbox-refresh-token");
        for (SandboxClient.Response r : new SandboxClient.Response[]{badSecret, badRefresh, noBasic}) {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("error").asText()).isEqualTo("invalid_grant");
        }
    }

    @Test
    void tokenIsAcceptedFromTheHeaderAndFromTheQuery() {
        assertThat(ca.get("/v1/Products").status()).isEqualTo(200);
        String token = ca.token;
        ca.token = null;
        assertThat(ca.get("/v1/Products?access_token=" + SandboxClient.enc(token)).status()).isEqualTo(200);
    }

    @Test
    void missingOrUnknownTokenGets401WithTheODataMessage() {
        ca.token = null;
        SandboxClient.Response none = ca.get("/v1/Products");
        ca.token = "made-up";
        SandboxClient.Response unknown = ca.get("/v1/Orders");
        for (SandboxClient.Response r : new SandboxClient.Response[]{none, unknown}) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json().at("/error/code").asText()).isEmpty();
            assertThat(r.json().at("/error/message").asText()).isEqualTo("Authorization has been denied for this request.");
        }
    }

    @Test
    void afterTheTokenExpiresTheFirstCallIs401AndARefreshedTokenWorks() {
        sandbox.clock().advance(Duration.ofSeconds(3601));
        assertThat(ca.get("/v1/Products").status()).isEqualTo(401);
        ca.login();
        assertThat(ca.get("/v1/Products").status()).isEqualTo(200);
    }

    @Test
    void adminCanExpireEveryTokenAtOnce() {
        ca.admin("POST", "tokens/expire", null);
        assertThat(ca.get("/v1/Products").status()).isEqualTo(401);
        ca.login();
        assertThat(ca.get("/v1/Products").status()).isEqualTo(200);
    }

    @Test
    void revokedAccessStopsTokensAndRefreshTokens() {
        ca.admin("POST", "tokens/revoke", null);
        assertThat(ca.get("/v1/Products").status()).isEqualTo(401);
        assertThat(ca.tokenRequest("sandbox-app", "sandbox-secret",
                "grant_type=refresh_token&refresh_token=sandbox-refresh-token").status()).isEqualTo(400);
    }

    @Test
    void readOnlyTokenCanReadButNotWrite() {
        ca.login("reader-app", "reader-secret", "reader-refresh");
        assertThat(ca.get("/v1/Products").status()).isEqualTo(200);
        assertThat(ca.post("/v1/Products", "{\"Sku\":\"R-1\"}").status()).isEqualTo(401);
    }

    @Test
    void injected401sForceTheClientToRefreshAndRetry() {
        ca.admin("POST", "faults", "{\"next\":2,\"status\":401}");
        assertThat(ca.get("/v1/Products").status()).isEqualTo(401);
        assertThat(ca.get("/v1/Products").status()).isEqualTo(401);
        assertThat(ca.get("/v1/Products").status()).isEqualTo(200);
    }

    @Test
    void authorizationCodeAndSoapGrantsAreStubbed() {
        SandboxClient.Response code = ca.tokenRequest("sandbox-app", "sandbox-secret",
                "grant_type=authorization_code&code=abc&redirect_uri=https%3A%2F%2Fexample.com");
        assertThat(code.status()).isEqualTo(200);
        assertThat(code.json().get("refresh_token").asText()).isNotBlank();
        SandboxClient.Response soap = ca.tokenRequest(null, null,
                "grant_type=soap&client_id=sandbox-app&scope=orders%20inventory&developer_key=k&password=p&account_id=a");
        assertThat(soap.status()).isEqualTo(200);
    }
}
