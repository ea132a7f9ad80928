package org.channelbridge.ops.monitor;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/** UP when a System2 connection can be had and answers. */
public final class DatabaseHealthCheck extends AbstractHealthCheck {

    private final DataSource dataSource;

    public DatabaseHealthCheck(DataSource dataSource) {
        super("bridge", "system2-database");
        this.dataSource = dataSource;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try (Connection c = dataSource.getConnection()) {
            if (c.isValid(5)) {
                builder.up();
            } else {
                builder.message("The System2 database did not answer within 5 s.").down();
            }
        } catch (SQLException e) {
            builder.message("The System2 database cannot be reached: " + e.getMessage()).down();
        }
    }
}
