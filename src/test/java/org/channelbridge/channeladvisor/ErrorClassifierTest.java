package org.channelbridge.channeladvisor;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorClassifierTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void bothErrorBodyStylesGiveChannelAdvisorsMessage() {
        assertThat(ErrorClassifier.caMessage(bytes(
                "{\"error\":{\"code\":\"\",\"message\":\"Authorization has been denied for this request.\"}}")))
                .isEqualTo("Authorization has been denied for this request.");
        assertThat(ErrorClassifier.caMessage(bytes(ScriptedChannelAdvisor.fixture("error-no-route.json"))))
                .isEqualTo("No HTTP resource was found that matches the request URI "
                        + "'https://api.channeladvisor.com/v1/Products6200201)'.");
        assertThat(ErrorClassifier.caMessage(bytes("{\"error\":{\"code\":\"E42\",\"message\":\"Bad Sku\"}}")))
                .isEqualTo("E42: Bad Sku");
        assertThat(ErrorClassifier.caMessage(bytes("{\"error\":\"invalid_grant\"}"))).isEqualTo("invalid_grant");
        assertThat(ErrorClassifier.caMessage(bytes("<html>\n TOO MANY REQUESTS </html>")))
                .isEqualTo("<html> TOO MANY REQUESTS </html>");
        assertThat(ErrorClassifier.caMessage(new byte[0])).isEmpty();
    }

    @Test
    void statusesMapToWhatARouteShouldDo() {
        assertThat(ErrorClassifier.classify("GET", "http://h/v1/Orders", 500, null, null))
                .isInstanceOf(ChannelAdvisorUnavailableException.class);
        assertThat(ErrorClassifier.classify("GET", "http://h/v1/Orders", 406, null, null))
                .isInstanceOf(ChannelAdvisorUnavailableException.class);
        assertThat(ErrorClassifier.classify("GET", "http://h/v1/Orders", 429, "5", null))
                .isInstanceOf(ChannelAdvisorThrottledException.class);
        assertThat(ErrorClassifier.classify("GET", "http://h/v1/Orders", 401, null, null))
                .isInstanceOf(ChannelAdvisorAuthenticationException.class);
        for (int status : new int[] {400, 404, 409, 413, 414, 415}) {
            assertThat(ErrorClassifier.classify("GET", "http://h/v1/Orders", status, null, null))
                    .isInstanceOf(ChannelAdvisorRejectedException.class)
                    .satisfies(e -> assertThat(e.status()).isEqualTo(status));
        }
    }

    @Test
    void messagesShowMethodAndPathButNeverAnAccessToken() {
        ChannelAdvisorException e = ErrorClassifier.classify("GET",
                "https://api.channeladvisor.com/v1/Orders?access_token=secret-token-value&$skip=20", 400, null,
                bytes("{\"error\":{\"code\":\"\",\"message\":\"Bad skip\"}}"));

        assertThat(e.getMessage()).isEqualTo(
                "ChannelAdvisor rejected GET /v1/Orders?access_token=***&$skip=20 (HTTP 400): Bad skip");
    }

    @Test
    void retryAfterIsReadInSecondsOrAsADate() {
        assertThat(ErrorClassifier.retryAfter("120")).isEqualTo(Duration.ofMinutes(2));
        assertThat(ErrorClassifier.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(ErrorClassifier.retryAfter("soon")).isNull();
        assertThat(ErrorClassifier.retryAfter(null)).isNull();
    }
}
