package org.channelbridge.app.management;

import org.channelbridge.config.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManagementSettingsTest {

    @TempDir
    Path folder;

    @Test
    void withoutSettingsTheManagementServerListensOnLoopbackWithoutLogin() {
        Properties camel = ManagementSettings.check(new Properties()).camelProperties();

        assertThat(camel.getProperty("camel.management.host")).isEqualTo("127.0.0.1");
        assertThat(camel.getProperty("camel.management.authentication-enabled")).isNull();
    }

    @Test
    void anyAddressButLoopbackNeedsTheUsersFile() {
        for (String host : new String[] {"0.0.0.0", "::", "10.1.2.3", "bridge.example.com"}) {
            assertThatThrownBy(() -> ManagementSettings.check(props(Map.of("management.host", host))))
                    .as(host).isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("management.host is " + host + " but the management server has no authentication");
        }
        for (String host : new String[] {"127.0.0.1", "127.0.0.2", "::1", "localhost"}) {
            assertThat(ManagementSettings.check(props(Map.of("management.host", host))).authenticated()).as(host).isFalse();
        }
    }

    @Test
    void aUsersFileTurnsOnCamelsBasicAuthenticationAndAllowsAPublicAddress() throws Exception {
        Path users = Files.writeString(folder.resolve("users.properties"), "user.ops = pw,operator\nrole.operator = *\n");

        Properties camel = ManagementSettings.check(props(Map.of("management.host", "0.0.0.0",
                "management.users-file", users.toString()))).camelProperties();

        assertThat(camel).containsEntry("camel.management.host", "0.0.0.0")
                .containsEntry("camel.management.authentication-enabled", "true")
                .containsEntry("camel.management.basic-properties-file", users.toAbsolutePath().toString());
    }

    @Test
    void aMissingUsersFileOrAKeystoreWithoutPasswordIsNamed() throws Exception {
        assertThatThrownBy(() -> ManagementSettings.check(props(Map.of("management.users-file",
                folder.resolve("nope.properties").toString())))).hasMessageStartingWith("management.users-file names ");
        Path store = Files.writeString(folder.resolve("ks.p12"), "x");
        assertThatThrownBy(() -> ManagementSettings.check(props(Map.of("management.tls.keystore", store.toString()))))
                .hasMessage("management.tls.keystore is set but management.tls.keystore-password "
                        + "(MANAGEMENT_TLS_KEYSTORE_PASSWORD) is empty.");
        assertThatThrownBy(() -> ManagementSettings.check(props(Map.of("management.max-request-kb", "lots"))))
                .hasMessage("management.max-request-kb must be a whole number greater than 0, not 'lots'.");
    }

    private static Properties props(Map<String, String> values) {
        Properties p = new Properties();
        p.putAll(values);
        return p;
    }
}
