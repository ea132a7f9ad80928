package org.channelbridge.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

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

    @TempDir
    Path folder;

    @Test
    void aFileHoldsOnlyWhatItChangesAndTheBuiltInDefaultsFillTheRest() throws Exception {
        Path file = Files.writeString(folder.resolve("mine.properties"), "products.cron=0 0/7 * * * ?\n");

        Properties loaded = ConfigFile.load(List.of(file), Map.of());

        assertThat(loaded.getProperty("products.cron")).isEqualTo("0 0/7 * * * ?");
        assertThat(loaded.getProperty("acks.cron")).isEqualTo("15/30 * * * * ?");
    }

    @Test
    void laterFilesWinAndTheEnvironmentWinsOverEveryFile() throws Exception {
        Path shipped = Files.writeString(folder.resolve("application.properties"),
                "products.cron=0 0/7 * * * ?\norders.cron=0 0/9 * * * ?\n");
        Path mine = Files.writeString(folder.resolve("mine.properties"), "orders.cron=0 0/11 * * * ?\n");

        Properties loaded = ConfigFile.load(List.of(shipped, mine), Map.of("PRODUCTS_CRON", "0 0/13 * * * ?"));

        assertThat(loaded.getProperty("orders.cron")).isEqualTo("0 0/11 * * * ?");
        assertThat(loaded.getProperty("products.cron")).isEqualTo("0 0/13 * * * ?");
    }

    @Test
    void aTypoUnderTheBridgesPrefixesIsAWarningNamingTheNearestKey() {
        Properties properties = new Properties();
        properties.setProperty("prodcuts.cron", "0 0/7 * * * ?");
        properties.setProperty("orders.max-redelivery", "3");
        properties.setProperty("mycompany.warehouse", "north");
        properties.setProperty("refunds.reason.200", "BuyerCancelled");

        List<String> warnings = new UnknownSettings(List.of()).check(properties);

        assertThat(warnings).containsExactly(
                "orders.max-redelivery is not a setting of the bridge; did you mean orders.max-redeliveries?",
                "prodcuts.cron is not a setting of the bridge; did you mean products.cron?");
    }
}
