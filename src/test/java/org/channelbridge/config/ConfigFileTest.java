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

    @TempDir
    Path folder;

    @Test
    void anEnvironmentVariableOverridesTheDefault() {
        Properties loaded = ConfigFile.load(List.of(), Map.of("CA_API_URL", "http://x"));

        assertThat(loaded.getProperty("channeladvisor.api-url")).isEqualTo("http://x");
    }

    @Test
    void theDefaultAppliesWhenTheVariableIsUnset() {
        Properties loaded = ConfigFile.load(List.of(), Map.of());

        assertThat(loaded.getProperty("channeladvisor.api-url")).isEqualTo("https://api.channeladvisor.com");
        assertThat(loaded.getProperty("channeladvisor.shared-secret")).isEmpty();
        assertThat(loaded.getProperty("shipments.carriers")).startsWith("UPS:Ground|2nd Day Air|Next Day Air;FedEx:");
    }

    @Test
    void aPlaceholderWithoutDefaultToAnUnsetVariableNamesBothKeyAndVariable() throws Exception {
        Path file = Files.writeString(folder.resolve("mine.properties"), "system2.jdbc.url={{env:DB_URL}}\n");

        assertThatThrownBy(() -> ConfigFile.load(List.of(file), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("The setting system2.jdbc.url needs the environment variable DB_URL, which is not set.");
        assertThat(ConfigFile.load(List.of(file), Map.of("DB_URL", "jdbc:h2:mem:x")).getProperty("system2.jdbc.url"))
                .isEqualTo("jdbc:h2:mem:x");
    }

    @Test
    void textAroundPlaceholdersIsKeptAndAValueMayNameAnotherKey() throws Exception {
        Path file = Files.writeString(folder.resolve("mine.properties"), """
                system2.jdbc.url=jdbc:h2:file:{{env:DATA:./data}}/system2
                mycompany.archive={{system2.file.inbox}}/archive
                mycompany.query=select * from orders where id = ${header.id}
                """);

        Properties loaded = ConfigFile.load(List.of(file), Map.of("SYSTEM2_FILE_INBOX", "/srv/inbox"));

        assertThat(loaded.getProperty("system2.jdbc.url")).isEqualTo("jdbc:h2:file:./data/system2");
        assertThat(loaded.getProperty("mycompany.archive")).isEqualTo("/srv/inbox/archive");
        assertThat(loaded.getProperty("mycompany.query")).isEqualTo("select * from orders where id = ${header.id}");
    }

    @Test
    void aPlaceholderNamingNoKeyIsOneSentenceNamingTheSetting() throws Exception {
        Path file = Files.writeString(folder.resolve("mine.properties"),
                "mycompany.archive=ftp://me:hunter2@host/{{mycompany.nosuch}}/x\n");

        assertThatThrownBy(() -> ConfigFile.load(List.of(file), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("The setting mycompany.archive cannot be resolved: Property with key [mycompany.nosuch] not"
                        + " found.")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }

    @Test
    void theRouteFilesAreLoadedByCamelMainFromTheRoutesFolderBesideTheConfigFolder() throws Exception {
        Path config = Files.createDirectories(folder.resolve("site/config"));
        Path file = Files.writeString(config.resolve("application.properties"), "orders.cron=0 0/9 * * * ?\n");
        Path routes = folder.resolve("site/routes").toAbsolutePath();

        Properties loaded = ConfigFile.load(List.of(file), Map.of("ROUTES_RELOAD", "true"));

        assertThat(loaded.getProperty("routes.dir")).isEqualTo(routes.toString());
        assertThat(loaded.getProperty("camel.main.routes-include-pattern"))
                .isEqualTo("file:" + routes + "/*.camel.yaml,file:" + routes + "/*.camel.xml");
        assertThat(loaded.getProperty("camel.main.routes-reload-enabled")).isEqualTo("true");
        assertThat(loaded.getProperty("camel.main.routes-reload-directory")).isEqualTo(routes.toString());

        Path mine = Files.writeString(folder.resolve("mine.properties"), "routes.dir=/opt/bridge/my-routes\n");
        assertThat(ConfigFile.load(List.of(file, mine), Map.of()).getProperty("camel.main.routes-include-pattern"))
                .isEqualTo("file:/opt/bridge/my-routes/*.camel.yaml,file:/opt/bridge/my-routes/*.camel.xml");
    }

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
