package org.channelbridge.system2;

import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;

import javax.sql.DataSource;

/**
 * The idempotent-consumer repositories of the flows: Camel's JDBC repository on the System2 database, in the table
 * the migrations create with its unique key (processor name, message id). Keys are expired by housekeeping.
 */
public final class IdempotentKeys {

    public static final String TABLE = "camel_messageprocessed";

    private IdempotentKeys() {
    }

    public static JdbcMessageIdRepository repository(DataSource dataSource, String flow) {
        JdbcMessageIdRepository repository = new JdbcMessageIdRepository(dataSource, flow);
        repository.setTableName(TABLE);
        repository.setCreateTableIfNotExists(false);
        return repository;
    }
}
