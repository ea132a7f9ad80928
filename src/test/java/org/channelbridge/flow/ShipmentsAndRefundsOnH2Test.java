package org.channelbridge.flow;

import org.channelbridge.system2.TestDatabases;

import java.nio.file.Path;

class ShipmentsAndRefundsOnH2Test extends ShipmentsAndRefundsFlowTest {

    @Override
    protected TestDatabases.Fresh freshDatabase(Path folder) {
        return new TestDatabases.Fresh("jdbc:h2:file:" + folder.resolve("data/system2").toAbsolutePath(), "", "", () -> { });
    }
}
