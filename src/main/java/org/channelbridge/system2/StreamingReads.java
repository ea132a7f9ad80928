package org.channelbridge.system2;

import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * System2's connections for a read that streams a large result (the products catalog through the sql endpoint):
 * autocommit is off, so that PostgreSQL reads the result set through a cursor, the fetch size at a time, instead of
 * holding all of it. The pool rolls the read's transaction back and restores autocommit when the connection is
 * closed. Only for reads: nothing written on these connections is committed.
 */
public final class StreamingReads extends DelegatingDataSource {

    public StreamingReads(DataSource pool) {
        super(pool);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return streaming(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return streaming(super.getConnection(username, password));
    }

    private static Connection streaming(Connection connection) throws SQLException {
        try {
            connection.setAutoCommit(false);
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }
}
