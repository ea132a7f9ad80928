package org.channelbridge.flow;

import org.channelbridge.system2.TestDatabases;

import java.nio.file.Path;

/** Skipped when MariaDB is not running on 127.0.0.1:3306 (unless REQUIRE_DATABASES=true). */
class ShipmentsAndRefundsOnMariaDbTest extends ShipmentsAndRefundsFlowTest {

    @Override
    protected TestDatabases.Fresh freshDatabase(Path folder) {
        return TestDatabases.mariadb();
    }
}
