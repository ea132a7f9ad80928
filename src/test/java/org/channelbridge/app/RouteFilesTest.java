package org.channelbridge.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.channelbridge.config.ConfigFile;
import org.channelbridge.config.Profiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The route files of the routes folder as the bridge runs them: Camel Main loads every {@code *.camel.yaml} and
 * {@code *.camel.xml} ({@code camel.main.routes-include-pattern}) and reloads a changed one
 * ({@code camel.main.routes-reload-*}, {@code routes.reload=true}); a mistake is one sentence naming file and line.
 */
class RouteFilesTest {

    @TempDir
    Path site;

    private Path routes;
    private Path config;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger reloads = (Logger) LoggerFactory.getLogger(RouteFileReload.class);
    private Level reloadLevel;
    private final List<Logger> watched = List.of(reloads, (Logger) LoggerFactory.getLogger("org.apache.camel.support"));

    @BeforeEach
    void files() throws Exception {
        routes = Files.createDirectories(site.resolve("routes"));
        config = Files.writeString(Files.createDirectories(site.resolve("config")).resolve("application.properties"),
                "routes.reload=true\n");
        write("greeting.camel.yaml", greeting("hello"));
        write("shout.camel.xml", """
                <routes xmlns="http://camel.apache.org/schema/spring">
                    <route id="shout">
                        <from uri="direct:shout"/>
                        <setBody><simple>${body.toUpperCase()}</simple></setBody>
                    </route>
                </routes>
                """);
        log.start();
        watched.forEach(logger -> logger.addAppender(log));
        // the reload's lines are INFO: a command run earlier in this JVM (CommandLogging) leaves the bridge's loggers
        // at WARN, and the removal's line was then never written, whatever the watcher saw
        reloadLevel = reloads.getLevel();
        reloads.setLevel(Level.INFO);
    }

    @AfterEach
    void detach() {
        watched.forEach(logger -> logger.detachAppender(log));
        reloads.setLevel(reloadLevel);
    }

    @Test
    void yamlAndXmlRoutesRunSideBySide() throws Exception {
        run(context -> {
            ProducerTemplate template = context.createProducerTemplate();
            assertThat(template.requestBody("direct:greeting", "bridge", String.class)).isEqualTo("hello bridge");
            assertThat(template.requestBody("direct:shout", "bridge", String.class)).isEqualTo("BRIDGE");
        });
    }

    @Test
    void anEditedFileChangesBehaviourWithoutARestart() throws Exception {
        run(context -> {
            ProducerTemplate template = context.createProducerTemplate();
            write("greeting.camel.yaml", greeting("good morning"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    template.requestBody("direct:greeting", "bridge", String.class)).isEqualTo("good morning bridge"));
        });
    }

    @Test
    void aRemovedFileTakesItsRoutesAway() throws Exception {
        run(context -> {
            // an edit of another file first: the removal comes to a watcher that has reloaded before
            write("greeting.camel.yaml", greeting("good morning"));
            ProducerTemplate template = context.createProducerTemplate();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    template.requestBody("direct:greeting", "bridge", String.class)).isEqualTo("good morning bridge"));
            Files.delete(routes.resolve("shout.camel.xml"));
            await().atMost(Duration.ofSeconds(30)).until(() -> said(Level.INFO).contains(
                    "Route file routes/shout.camel.xml removed: its routes are stopped and removed"));
            assertThat(context.getRoute("shout")).isNull();
            assertThat(context.getRoute("greeting")).isNotNull();
        });
    }

    @Test
    void aReloadThatFailsWithAnErrorLeavesTheWatcherWatching() throws Exception {
        run(context -> {
            // a step whose class cannot initialise: loading it throws an Error, not an Exception (Camel 4.18's
            // watcher catches only Exceptions around a reload, and its thread ended on anything else)
            write("greeting.camel.yaml", "- route:\n    id: greeting\n    from:\n      uri: direct:greeting\n"
                    + "      steps:\n        - process:\n            ref: \"#class:" + Unloadable.class.getName()
                    + "\"\n");
            await().atMost(Duration.ofSeconds(30)).until(() -> said(Level.ERROR).stream()
                    .anyMatch(line -> line.contains("greeting.camel.yaml")));
            Files.delete(routes.resolve("shout.camel.xml"));
            await().atMost(Duration.ofSeconds(30)).until(() -> said(Level.INFO).contains(
                    "Route file routes/shout.camel.xml removed: its routes are stopped and removed"));
            assertThat(context.getRoute("shout")).isNull();
            assertThat(context.createProducerTemplate().requestBody("direct:greeting", "bridge", String.class))
                    .isEqualTo("hello bridge");
        });
    }

    /** A processor whose class cannot initialise. */
    public static final class Unloadable implements org.apache.camel.Processor {
        static {
            if (Boolean.parseBoolean("true")) {
                throw new IllegalStateException("this class cannot initialise");
            }
        }

        @Override
        public void process(org.apache.camel.Exchange exchange) {
        }
    }

    @Test
    void aBrokenFileIsOneSentenceNamingFileAndLineAndTheRunningRoutesStayAsTheyWere() throws Exception {
        run(context -> {
            ProducerTemplate template = context.createProducerTemplate();
            write("greeting.camel.yaml", "- route:\n    id: greeting\n    from:\n      uri: direct:greeting\n"
                    + "      steps:\n        - to:\n            uri: nosuch:thing\n");
            await().atMost(Duration.ofSeconds(30)).until(() -> !said(Level.ERROR).isEmpty());
            write("shout.camel.xml", "<routes xmlns=\"http://camel.apache.org/schema/spring\">\n<route id=\"shout\">\n"
                    + "</rout>");
            await().atMost(Duration.ofSeconds(30)).until(() -> said(Level.ERROR).stream()
                    .anyMatch(line -> line.contains("shout.camel.xml")));
            // a new file with a mistake, saved twice: the second attempt finds nothing of the first one left over
            for (int save = 1; save <= 2; save++) {
                Files.writeString(routes.resolve("added.camel.yaml"), "- route:\n    id: added\n    from:\n"
                        + "      uri: direct:added\n      steps:\n        - to:\n            uri: nosuch:added\n");
                int times = save;
                await().atMost(Duration.ofSeconds(30)).until(() -> said(Level.ERROR).stream()
                        .filter(line -> line.contains("added.camel.yaml")).count() >= times);
            }

            assertThat(said(Level.ERROR)).anySatisfy(line -> assertThat(line).startsWith(
                    "The route file routes/greeting.camel.yaml has a mistake at line 6: No endpoint could be found for:"
                            + " nosuch://thing").endsWith("The routes of routes/greeting.camel.yaml stay as they were."));
            assertThat(said(Level.ERROR)).anySatisfy(line -> assertThat(line).startsWith(
                    "The route file routes/shout.camel.xml has a mistake at line 3: end tag name </rout>"));
            assertThat(said(Level.WARN)).as("Camel's own report with its stack trace").noneMatch(line ->
                    line.startsWith("Error reloading routes"));
            assertThat(log.list).noneMatch(event -> event.getThrowableProxy() != null
                    && event.getLevel().isGreaterOrEqual(Level.WARN));
            assertThat(template.requestBody("direct:greeting", "bridge", String.class)).isEqualTo("hello bridge");
            assertThat(template.requestBody("direct:shout", "bridge", String.class)).isEqualTo("BRIDGE");
            assertThat(context.getRoute("added")).isNull();

            write("greeting.camel.yaml", greeting("mended"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    template.requestBody("direct:greeting", "bridge", String.class)).isEqualTo("mended bridge"));
        });
    }

    @Test
    void aFileOfRouteTemplatesReloadsItsTemplatedRoutes() throws Exception {
        write("inboxes.camel.yaml", inboxes("one"));
        run(context -> {
            ProducerTemplate template = context.createProducerTemplate();
            assertThat(template.requestBody("direct:inbox-a", "x", String.class)).isEqualTo("one a x");

            write("inboxes.camel.yaml", inboxes("two"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    template.requestBody("direct:inbox-b", "x", String.class)).isEqualTo("two b x"));
            assertThat(context.getRoute("inbox-a")).isNotNull();
        });
    }

    @Test
    void aFileOfPerProfileTemplatesMakesOneRoutePerProfileAndReloadsThemAll() throws Exception {
        write("greet.camel.yaml", perProfile("one"));
        Properties twoProfiles = new Properties();
        twoProfiles.setProperty("channeladvisor.profiles", "us,uk");
        twoProfiles.setProperty("channeladvisor.profile.us.profile-id", "12345");
        twoProfiles.setProperty("channeladvisor.profile.uk.profile-id", "12346");
        BridgeApplication application = new BridgeApplication(ConfigFile.load(List.of(config), Map.of()), routes,
                context -> Map.of(ProfileBeans.PROFILES, Profiles.of(twoProfiles)));
        application.runWithoutSchedules(context -> {
            ProducerTemplate template = context.createProducerTemplate();
            assertThat(template.requestBody("direct:greet", "x", String.class)).isEqualTo("one us 12345 x");
            assertThat(template.requestBody("direct:greet-uk", "x", String.class)).isEqualTo("one uk 12346 x");
            assertThat(context.getRoute("greet")).isNotNull();
            assertThat(context.getRoute("greet-uk")).isNotNull();

            write("greet.camel.yaml", perProfile("two"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    template.requestBody("direct:greet-uk", "x", String.class)).isEqualTo("two uk 12346 x"));
            assertThat(template.requestBody("direct:greet", "x", String.class)).isEqualTo("two us 12345 x");
            return null;
        });
    }

    @Test
    void aMistakeAtStartUpIsOneSentenceNamingTheFileAndLine() throws Exception {
        write("bad.camel.yaml", "- route:\n    id: bad\n    from:\n      uri: direct:bad\n"
                + "      steps:\n        - to:\n            uri: nosuch:thing\n");
        assertThatThrownBy(() -> run(context -> { }))
                .isInstanceOf(RouteFileException.class)
                .hasMessageStartingWith("The route file routes/bad.camel.yaml has a mistake at line 6: No endpoint could"
                        + " be found for: nosuch://thing");

        write("bad.camel.yaml", "this: is: not: yaml: [\n");
        assertThatThrownBy(() -> run(context -> { }))
                .isInstanceOf(RouteFileException.class)
                .hasMessage("The route file routes/bad.camel.yaml has a mistake at line 1: mapping values are not allowed"
                        + " here.");

        Files.delete(routes.resolve("bad.camel.yaml"));
        write("bad.camel.xml", "<routes xmlns=\"http://camel.apache.org/schema/spring\">\n"
                + "<route id=\"q\">\n<from uri=\"direct:q\"/>\n</rout>\n</routes>");
        assertThatThrownBy(() -> run(context -> { }))
                .isInstanceOf(RouteFileException.class)
                .hasMessageStartingWith("The route file routes/bad.camel.xml has a mistake at line 4: end tag name </rout>");
    }

    @Test
    void aRouteIdInTwoFilesStopsStartUpNamingBothFiles() throws Exception {
        write("zz-mine.camel.yaml", greeting("mine").replace("direct:greeting", "direct:mine"));

        assertThatThrownBy(() -> run(context -> { }))
                .isInstanceOf(RouteFileException.class)
                .hasMessage("The route id greeting is in two route files, routes/greeting.camel.yaml and"
                        + " routes/zz-mine.camel.yaml; give one of them another id.");
    }

    /** Runs the bridge's Camel Main over the routes folder (no beans: these routes call none) while {@code work} runs. */
    private void run(Work work) throws Exception {
        BridgeApplication application = new BridgeApplication(ConfigFile.load(List.of(config), Map.of()), routes,
                context -> Map.of());
        application.runWithoutSchedules(context -> {
            work.run(context);
            return null;
        });
    }

    private interface Work {
        void run(CamelContext context) throws Exception;
    }

    private List<String> said(Level level) {
        // the appender adds under its own lock (AppenderBase.doAppend), from Camel's watcher thread
        synchronized (log) {
            return log.list.stream().filter(e -> e.getLevel().equals(level)).map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }
    }

    private static String greeting(String word) {
        return "- route:\n    id: greeting\n    from:\n      uri: direct:greeting\n      steps:\n"
                + "        - setBody:\n            simple: \"" + word + " ${body}\"\n";
    }

    private static String perProfile(String word) {
        return """
                - routeTemplate:
                    id: greet
                    parameters:
                      - name: profile
                      - name: suffix
                      - name: profileId
                      - name: scope
                      - name: firstProfileId
                    route:
                      from:
                        uri: "direct:greet{{suffix}}"
                        steps:
                          - setBody:
                              simple: "WORD {{profile}} {{profileId}} ${body}"
                """.replace("WORD", word);
    }

    private static String inboxes(String word) {
        return """
                - routeTemplate:
                    id: inbox
                    parameters:
                      - name: kind
                    route:
                      from:
                        uri: "direct:inbox-{{kind}}"
                        steps:
                          - setBody:
                              simple: "WORD {{kind}} ${body}"
                - templatedRoute:
                    routeTemplateRef: inbox
                    routeId: inbox-a
                    parameters:
                      - name: kind
                        value: a
                - templatedRoute:
                    routeTemplateRef: inbox
                    routeId: inbox-b
                    parameters:
                      - name: kind
                        value: b
                """.replace("WORD", word);
    }

    /** Written whole and moved in place, as an editor saves, so the watcher never sees half a file. */
    private void write(String name, String text) throws Exception {
        Path temp = Files.createTempFile(site, "route", ".tmp");
        Files.writeString(temp, text);
        Files.move(temp, routes.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
