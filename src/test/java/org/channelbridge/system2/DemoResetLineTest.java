package org.channelbridge.system2;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** Every start of the embedded default says in one line that it resets the demo System2, even a first one. */
class DemoResetLineTest {

    @Test
    void theResetOfTheDemoSystem2IsSaidOnEveryStart() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(DemoCatalog.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try (TestDatabases.Fresh fresh = TestDatabases.h2();
             System2Database db = System2Database.open(fresh.url(), fresh.user(), fresh.password(), 2)) {
            db.migrate();

            new DemoCatalog(db.dataSource()).forgetPreviousSandbox();
        } finally {
            logger.detachAppender(lines);
        }

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).contains("demo System2 is reset"));
    }
}
