package org.channelbridge.ops;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigFileTest {

    @Test
    void anEnvironmentVariableOverridesTheDefault() {
        assertThat(ConfigFile.resolve("k", "${CA_API_URL:https://api.channeladvisor.com}", Map.of("CA_API_URL", "http://x")))
                .isEqualTo("http://x");
    }

    @Test
    void theDefaultAppliesWhenTheVariableIsUnset() {
        assertThat(ConfigFile.resolve("k", "${CA_API_URL:https://api.channeladvisor.com}", Map.of()))
                .isEqualTo("https://api.channeladvisor.com");
        assertThat(ConfigFile.resolve("k", "${CA_SHARED_SECRET:}", Map.of())).isEmpty();
    }

    @Test
    void aReferenceWithoutDefaultToAnUnsetVariableNamesBothKeyAndVariable() {
        assertThatThrownBy(() -> ConfigFile.resolve("system2.jdbc.url", "${DB_URL}", Map.of()))
                .hasMessage("The setting system2.jdbc.url needs the environment variable DB_URL, which is not set.");
    }

    @Test
    void textAroundReferencesIsKept() {
        assertThat(ConfigFile.resolve("k", "jdbc:h2:file:${DATA:./data}/system2", Map.of())).isEqualTo("jdbc:h2:file:./data/system2");
    }
}
