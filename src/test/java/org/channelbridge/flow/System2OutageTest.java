package org.channelbridge.flow;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.channelbridge.system2.System2Database;
import org.channelbridge.system2.TestDatabases;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures the flows leave for a cycle after System2's return instead of retrying or dead-lettering them.
 */
class System2OutageTest {

    private final CamelContext camel = new DefaultCamelContext();

    @Test
    void aConnectionThePoolCouldNotGiveIsAnOutageEvenWhenTheDatabaseAnswersAgainByThen() {
        try (TestDatabases.Fresh h2 = TestDatabases.h2(); System2Database db = System2Database.open(h2.url(), "", "", 2)) {
            System2Outage outage = new System2Outage(db.reachability());
            // what Spring's transaction template throws when Hikari's wait for a connection ran out
            Exchange item = failedItem(new IllegalStateException("Could not open JDBC Connection for transaction",
                    new SQLTransientConnectionException("system2 - Connection is not available, request timed out"
                            + " after 30000ms.", "08001")));

            assertThat(outage.causedFailure(item)).isTrue();
            assertThat(outage.isDown("products")).as("the rest of the cycle waits too").isTrue();
            assertThat(outage.skipsCycle("products")).as("the next cycle finds the database there").isFalse();
            assertThat(outage.isDown("products")).isFalse();
        }
    }

    @Test
    void aFailureOfTheStatementItselfIsNotAnOutageWhileTheDatabaseAnswers() {
        try (TestDatabases.Fresh h2 = TestDatabases.h2(); System2Database db = System2Database.open(h2.url(), "", "", 2)) {
            System2Outage outage = new System2Outage(db.reachability());
            Exchange item = failedItem(new SQLIntegrityConstraintViolationException("duplicate key", "23505"));

            assertThat(outage.causedFailure(item)).isFalse();
            assertThat(outage.isDown("products")).isFalse();
        }
    }

    @Test
    void aConnectionTheServerShutDownIsALostConnection() {
        Throwable shutDown = System2Outage.lostConnection(new RuntimeException(
                new SQLException("FATAL: terminating connection due to administrator command", "57P01")));
        Throwable missingTable = System2Outage.lostConnection(new SQLException("relation \"products\" does not exist",
                "42P01"));
        Throwable noSql = System2Outage.lostConnection(new IllegalStateException("no SQL at all"));

        assertThat(shutDown).hasMessageContaining("administrator command");
        assertThat(missingTable).isNull();
        assertThat(noSql).isNull();
    }

    private Exchange failedItem(Exception failure) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty("bridgeFlow", "products");
        exchange.setException(failure);
        return exchange;
    }
}
