package org.channelbridge.app;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Route files of the routes folder: loaded one by one, reloaded on change, a mistake named by file and line. */
class RouteFileReloaderTest {

    @TempDir
    Path routes;

    private final CamelContext context = new DefaultCamelContext();
    private ProducerTemplate template;

    @BeforeEach
    void start() throws Exception {
        write("greeting.camel.yaml", greeting("hello"));
        write("shout.camel.xml", """
                <routes xmlns="http://camel.apache.org/schema/spring">
                    <route id="shout">
                        <from uri="direct:shout"/>
                        <setBody><simple>${body.toUpperCase()}</simple></setBody>
                    </route>
                </routes>
                """);
        RouteFiles files = new RouteFiles(routes);
        files.loadAll(context);
        context.start();
        context.addService(new RouteFileReloader(files), true, true);
        template = context.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void yamlAndXmlRoutesRunSideBySide() {
        assertThat(template.requestBody("direct:greeting", "bridge", String.class)).isEqualTo("hello bridge");
        assertThat(template.requestBody("direct:shout", "bridge", String.class)).isEqualTo("BRIDGE");
    }

    @Test
    void anEditedFileChangesBehaviourWithoutARestartAndARemovedOneTakesItsRoutesAway() throws Exception {
        write("greeting.camel.yaml", greeting("good morning"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(template.requestBody("direct:greeting", "bridge", String.class)).isEqualTo("good morning bridge"));

        Files.delete(routes.resolve("shout.camel.xml"));
        await().atMost(Duration.ofSeconds(20)).until(() -> context.getRoute("shout") == null);
        assertThat(context.getRoute("greeting")).isNotNull();
    }

    @Test
    void aBrokenFileIsReportedAndTheRunningRoutesStayAsTheyWere() throws Exception {
        write("greeting.camel.yaml", "- route:\n    id: greeting\n    from:\n      uri: direct:greeting\n"
                + "      steps:\n        - to:\n            uri: nosuch:thing\n");
        write("shout.camel.xml", "<routes xmlns=\"http://camel.apache.org/schema/spring\">\n<route id=\"shout\">\n</rout>");
        write("added.camel.yaml", greeting("unused").replace("greeting", "added"));

        await().atMost(Duration.ofSeconds(20)).until(() -> context.getRoute("added") != null);
        Thread.sleep(500);
        assertThat(template.requestBody("direct:greeting", "bridge", String.class)).isEqualTo("hello bridge");
        assertThat(template.requestBody("direct:shout", "bridge", String.class)).isEqualTo("BRIDGE");
    }

    @Test
    void aMistakeAtStartUpIsOneSentenceNamingTheFileAndLine() throws Exception {
        Path other = Files.createDirectories(routes.resolve("other"));
        Files.writeString(other.resolve("bad.camel.yaml"), "- route:\n    id: bad\n    from:\n      uri: direct:bad\n"
                + "      steps:\n        - to:\n            uri: nosuch:thing\n");
        CamelContext fresh = new DefaultCamelContext();
        new RouteFiles(other).loadAll(fresh);
        assertThatThrownBy(fresh::start)
                .satisfies(e -> assertThat(RouteFileException.behind(e, fresh)).get()
                        .extracting(Throwable::getMessage).asString()
                        .startsWith("The route file other/bad.camel.yaml has a mistake at line 6: No endpoint could be found"));

        Files.writeString(other.resolve("bad.camel.yaml"), "this: is: not: yaml: [\n");
        assertThatThrownBy(() -> new RouteFiles(other).loadAll(new DefaultCamelContext()))
                .isInstanceOf(RouteFileException.class)
                .hasMessage("The route file other/bad.camel.yaml has a mistake at line 1: mapping values are not allowed here.");

        Files.delete(other.resolve("bad.camel.yaml"));
        Files.writeString(other.resolve("bad.camel.xml"), "<routes xmlns=\"http://camel.apache.org/schema/spring\">\n"
                + "<route id=\"q\">\n<from uri=\"direct:q\"/>\n</rout>\n</routes>");
        assertThatThrownBy(() -> new RouteFiles(other).loadAll(new DefaultCamelContext()))
                .isInstanceOf(RouteFileException.class)
                .hasMessageStartingWith("The route file other/bad.camel.xml has a mistake at line 4: end tag name </rout>");
    }

    private static String greeting(String word) {
        return "- route:\n    id: greeting\n    from:\n      uri: direct:greeting\n      steps:\n"
                + "        - setBody:\n            simple: \"" + word + " ${body}\"\n";
    }

    /** Written whole and moved in place, as an editor saves, so the watcher never sees half a file. */
    private void write(String name, String text) throws Exception {
        Path temp = Files.createTempFile(routes.getParent(), "route", ".tmp");
        Files.writeString(temp, text);
        Files.move(temp, routes.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
