package org.channelbridge.flow.products;

import java.io.File;
import java.nio.file.Path;

/**
 * One finished inventory file, ready to upload: its name in {@code /Inventory}, the local file, the ledger beside it
 * (the values of the rows whose line cannot give them back, see {@link InventoryFileWriter}), the number of data rows
 * and the hex SHA-256 of its bytes.
 */
public record BulkFile(String name, Path path, Path ledger, int rows, long bytes, String hash) {

    /** The local file, as camel-ftp takes it for a streamed upload. */
    public File file() {
        return path.toFile();
    }
}
