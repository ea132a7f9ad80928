package org.channelbridge.sandbox;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin API given bodies that are not what it takes: 400 with a sentence, and the sandbox stays as it was. */
class AdminBadInputTest extends SandboxTestBase {

    @Test
    void badJsonOrTheWrongShapeOfJsonIsRefusedAndSeedsOrMovesNothing() {
        String now = admin("POST", "clock", "{}").json().path("now").asText();
        List<String> bodies = List.of("{not json", "[1, 2]", "\"ten\"", "42", "{\"count\": \"lots\"}",
                "{\"count\": 1.5}", "{\"count\": 99999999999}", "{\"skus\": \"MUG-1\"}", "{\"skus\": [1, 2]}",
                "{\"readyOnly\": \"yes\"}", "{\"count\": 1, \"unknownSkus\": 5}");
        for (String body : bodies) {
            SandboxClient.Response seeded = admin("POST", "orders", body);
            assertThat(seeded.status()).as(body).isEqualTo(400);
            assertThat(seeded.json().path("message").asText()).as(body).isNotBlank();
        }
        for (String body : List.of("{not json", "[1]", "{\"advanceSeconds\": \"soon\"}", "{\"advanceSeconds\": -60}")) {
            assertThat(admin("POST", "clock", body).status()).as(body).isEqualTo(400);
        }
        assertThat(admin("POST", "faults", "{not json").status()).isEqualTo(400);

        assertThat(admin("GET", "orders", null).json().path("value")).as("no order seeded").isEmpty();
        Instant after = Instant.parse(admin("POST", "clock", "{}").json().path("now").asText());
        assertThat(Duration.between(Instant.parse(now), after)).as("the clock was not moved")
                .isBetween(Duration.ZERO, Duration.ofSeconds(30));
    }

    private SandboxClient.Response admin(String method, String path, String json) {
        return ca.raw(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/" + path))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build());
    }
}
