package org.channelbridge.ops.monitor;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.channelbridge.system2.System2Reachability;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * UP when a System2 connection can be had and answers. The database is asked first outside the pool, so that while
 * it is gone the check says so at once with the driver's reason instead of waiting for the pool's timeout.
 */
public final class DatabaseHealthCheck extends AbstractHealthCheck {

    private final DataSource dataSource;
    private final System2Reachability reachability;

    public DatabaseHealthCheck(DataSource dataSource, System2Reachability reachability) {
        super("bridge", "system2-database");
        this.dataSource = dataSource;
        this.reachability = reachability;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String problem = reachability.problem();
        if (problem != null) {
            builder.message("The System2 database cannot be reached: " + problem).down();
            return;
        }
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
