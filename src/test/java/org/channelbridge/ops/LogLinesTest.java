package org.channelbridge.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped log pattern (tests log with their own): a line read days later still says when it happened. */
class LogLinesTest {

    @Test
    void aLogLineOfTheShippedPatternCarriesDateAndTime() throws Exception {
        String xml = Files.readString(Path.of("src/main/resources/logback.xml"));
        Matcher pattern = Pattern.compile("<pattern>(.*?)</pattern>").matcher(xml);
        assertThat(pattern.find()).isTrue();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(pattern.group(1));
        layout.start();
        LoggingEvent event = new LoggingEvent("x", context.getLogger("org.channelbridge.Example"), Level.INFO,
                "products: one cycle", null, null);

        assertThat(layout.doLayout(event)).matches("(?s)\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3} INFO .*");
    }
}
