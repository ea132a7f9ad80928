package org.channelbridge.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/** A copy of the shipped config and routes in a temporary folder, with some keys overridden, as a user would. */
public final class BridgeConfigFiles {

    private BridgeConfigFiles() {
    }

    public static Path copyWith(Path folder, Map<String, String> overrides) throws IOException {
        Path config = folder.resolve("config/application.properties");
        Files.createDirectories(config.getParent());
        StringBuilder text = new StringBuilder(Files.readString(Path.of("config/application.properties")));
        text.append(System.lineSeparator()).append("# test overrides").append(System.lineSeparator());
        overrides.forEach((k, v) -> text.append(k).append('=').append(v).append(System.lineSeparator()));
        Files.writeString(config, text);
        Path routes = folder.resolve("routes");
        Files.createDirectories(routes);
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, routes.resolve(file.getFileName()));
            }
        }
        return config;
    }
}
