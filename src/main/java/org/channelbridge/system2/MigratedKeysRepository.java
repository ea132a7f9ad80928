package org.channelbridge.system2;

import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;

import javax.sql.DataSource;

/**
 * Camel's JDBC idempotent repository on a table the System2 migrations own. Camel's repository opens a transaction
 * as it starts, to look for its table and create it when allowed; this one never creates it, so it does not look:
 * a route holding it starts while System2 is down (a bridge started before its database waits for it, its flows
 * saying the outage once) instead of failing the whole start when the pool gives up after 30 s.
 */
public final class MigratedKeysRepository extends JdbcMessageIdRepository {

    public MigratedKeysRepository(DataSource dataSource, String processorName) {
        super(dataSource, processorName);
        setCreateTableIfNotExists(false);
    }

    @Override
    protected void doStart() {
        // the migrations made the table: nothing to look for, nothing to create
    }
}
