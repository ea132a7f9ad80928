package org.channelbridge.system2;

import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.net.ServerSocket;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The flows' idempotent repositories start while System2 is down: a route holding one starts, and the bridge waits
 * for its database instead of failing its start.
 */
class MigratedKeysRepositoryTest {

    @Test
    void theFlowsKeysStartWhileSystem2IsDownAndAskItOnlyWhenUsed() throws Exception {
        PGSimpleDataSource down = new PGSimpleDataSource();
        try (ServerSocket closed = new ServerSocket(0)) {
            down.setUrl("jdbc:postgresql://127.0.0.1:" + closed.getLocalPort() + "/system2");
        }
        assertThatThrownBy(down::getConnection).isInstanceOf(SQLException.class);

        JdbcMessageIdRepository keys = IdempotentKeys.repository(down, "orders");
        JdbcMessageIdRepository profileKeys = IdempotentKeys.forProfile(12345).repositoryOf(down, "orders");
        keys.start();
        profileKeys.start();

        assertThat(keys.isStarted()).isTrue();
        assertThat(profileKeys.isStarted()).isTrue();
        // used, it asks the database, and says that it is not there
        assertThatThrownBy(() -> keys.contains("1001")).hasRootCauseInstanceOf(java.net.ConnectException.class);
        keys.stop();
        profileKeys.stop();
    }
}
