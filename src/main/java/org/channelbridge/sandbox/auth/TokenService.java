package org.channelbridge.sandbox.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.channelbridge.sandbox.SandboxClock;
import org.channelbridge.sandbox.SandboxSettings;
import org.channelbridge.sandbox.SandboxSettings.Application;
import org.channelbridge.sandbox.api.ApiRequest;
import org.channelbridge.sandbox.api.ApiResponse;
import org.channelbridge.sandbox.odata.CaFormat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The OAuth 2 token endpoint and the access tokens it issued (checklist items 1-5). */
public final class TokenService {

    /** What an access token stands for: its application, the profiles it covers (the first is its default). */
    public record Grant(String applicationId, List<Long> profileIds, boolean readOnly, long expiresAtMillis) {
        public boolean covers(long profileId) {
            return profileIds.contains(profileId);
        }

        /** The profile a call that names none acts in. */
        public long defaultProfile() {
            return profileIds.get(0);
        }
    }

    private final SandboxSettings settings;
    private final SandboxClock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> tokens = new ConcurrentHashMap<>();
    private final Set<String> revokedRefreshTokens = ConcurrentHashMap.newKeySet();
    /** Refresh tokens handed out by the authorization_code and soap stubs, to the application they belong to. */
    private final Map<String, Application> issuedRefreshTokens = new ConcurrentHashMap<>();

    public TokenService(SandboxSettings settings, SandboxClock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** {@code POST /oauth2/token}: Basic client authentication, then one of the three grants. */
    public ApiResponse token(ApiRequest r) {
        Map<String, String> form = formFields(r.bodyText());
        String grantType = form.getOrDefault("grant_type", "");
        Application app = basicClient(r.header("authorization"));
        if (app == null && grantType.equals("soap")) {
            app = byId(form.get("client_id"));
        }
        if (app == null) {
            return invalid("invalid_grant");
        }
        switch (grantType) {
            case "refresh_token" -> {
                String refresh = form.getOrDefault("refresh_token", "");
                Application owner = refresh.equals(app.refreshToken()) ? app : issuedRefreshTokens.get(refresh);
                if (owner == null || !owner.id().equals(app.id()) || revokedRefreshTokens.contains(refresh)) {
                    return invalid("invalid_grant");
                }
                return issue(app, null);
            }
            case "authorization_code" -> {
                if (form.getOrDefault("code", "").isBlank()) {
                    return invalid("invalid_grant");
                }
                String refresh = newToken();
                issuedRefreshTokens.put(refresh, app);
                return issue(app, refresh);
            }
            case "soap" -> {
                if (form.getOrDefault("developer_key", "").isBlank() || form.getOrDefault("password", "").isBlank()) {
                    return invalid("invalid_grant");
                }
                return issue(app, null);
            }
            default -> {
                return invalid("unsupported_grant_type");
            }
        }
    }

    /** Every access token issued so far. */
    public Set<String> issued() {
        return Set.copyOf(tokens.keySet());
    }

    /** The grant of a request's bearer token (header or {@code access_token} parameter), or null. */
    public Grant authenticate(ApiRequest r) {
        String token = r.param("access_token");
        String auth = r.header("authorization");
        if (token == null && auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = auth.substring(7).trim();
        }
        if (token == null) {
            return null;
        }
        Grant g = tokens.get(token);
        if (g == null || g.expiresAtMillis <= clock.millis()) {
            return null;
        }
        return g;
    }

    /** Every issued access token expires now; refresh tokens stay valid. */
    public void expireAll() {
        tokens.replaceAll((k, g) -> new Grant(g.applicationId, g.profileIds, g.readOnly, 0));
    }

    /** The seller revoked access: access tokens and refresh tokens stop working. */
    public void revokeAll() {
        tokens.clear();
        settings.applications.forEach(a -> revokedRefreshTokens.add(a.refreshToken()));
        revokedRefreshTokens.addAll(issuedRefreshTokens.keySet());
    }

    /** One application's access is revoked: its access tokens and refresh tokens stop working, others' go on. */
    public void revoke(String applicationId) {
        tokens.values().removeIf(g -> g.applicationId.equals(applicationId));
        settings.applications.stream().filter(a -> a.id().equals(applicationId))
                .forEach(a -> revokedRefreshTokens.add(a.refreshToken()));
        issuedRefreshTokens.forEach((refresh, app) -> {
            if (app.id().equals(applicationId)) {
                revokedRefreshTokens.add(refresh);
            }
        });
    }

    /** Whether an application of this id is registered. */
    public boolean knows(String applicationId) {
        return byId(applicationId) != null;
    }

    public void reset() {
        tokens.clear();
        revokedRefreshTokens.clear();
        issuedRefreshTokens.clear();
    }

    private ApiResponse issue(Application app, String refreshToken) {
        long lifetime = settings.tokenLifetime.toSeconds();
        String token = newToken();
        long now = clock.millis();
        if (tokens.size() > 10_000) {
            tokens.values().removeIf(g -> g.expiresAtMillis <= now);
        }
        List<Long> profiles = app.profileIds().isEmpty()
                ? settings.profiles().stream().map(SandboxSettings.Profile::id).toList() : app.profileIds();
        tokens.put(token, new Grant(app.id(), profiles, app.readOnly(), now + lifetime * 1000));
        ObjectNode body = CaFormat.JSON.createObjectNode();
        body.put("access_token", token);
        body.put("token_type", "bearer");
        body.put("expires_in", lifetime);
        if (refreshToken != null) {
            body.put("refresh_token", refreshToken);
        }
        return ApiResponse.plainJson(200, body);
    }

    private static ApiResponse invalid(String error) {
        ObjectNode body = CaFormat.JSON.createObjectNode();
        body.put("error", error);
        return ApiResponse.plainJson(400, body);
    }

    private Application basicClient(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        Application app = byId(decoded.substring(0, colon));
        return app != null && app.secret().equals(decoded.substring(colon + 1)) ? app : null;
    }

    private Application byId(String id) {
        for (Application a : settings.applications) {
            if (a.id().equals(id)) {
                return a;
            }
        }
        return null;
    }

    private String newToken() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static Map<String, String> formFields(String body) {
        Map<String, String> fields = new java.util.HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            fields.put(java.net.URLDecoder.decode(k, StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return fields;
    }
}
