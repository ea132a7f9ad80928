package org.channelbridge.flow;

import org.channelbridge.system2.TestDatabases;

import java.nio.file.Path;

/** Skipped when PostgreSQL is not running on 127.0.0.1:5432 (unless REQUIRE_DATABASES=true). */
class ShipmentsAndRefundsOnPostgresTest extends ShipmentsAndRefundsFlowTest {

    @Override
    protected TestDatabases.Fresh freshDatabase(Path folder) {
        return TestDatabases.postgres();
    }
}
