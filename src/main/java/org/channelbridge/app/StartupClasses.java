package org.channelbridge.app;

import picocli.CommandLine.Command;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Loads the classes a continuous run needs at start-up (startup-classes.txt, written by bench/startup-classes) on a
 * second thread while the main thread starts: start-up is mostly reading some 12,000 classes, one after the other, and
 * the second core reads ahead of the main thread. The classes are only loaded, not initialised, so that no static
 * initialiser runs on this thread or out of its order; a name that is no longer in the jar is passed over.
 */
final class StartupClasses {

    private static final String LIST = "startup-classes.txt";

    private StartupClasses() {
    }

    /** For a run of the flows (no command, or --once); a command or --help starts at once without. */
    static void loadAheadFor(String[] args) {
        Set<String> commands = new HashSet<>(Set.of("-h", "--help", "-V", "--version"));
        for (Class<?> sub : ChannelBridge.class.getAnnotation(Command.class).subcommands()) {
            commands.add(sub.getAnnotation(Command.class).name());
        }
        for (String arg : args) {
            if (commands.contains(arg)) {
                return;
            }
        }
        Thread loader = new Thread(StartupClasses::loadAll, "startup-classes");
        loader.setDaemon(true);
        loader.start();
    }

    private static void loadAll() {
        ClassLoader loader = StartupClasses.class.getClassLoader();
        for (String name : names()) {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // gone from the jar since the list was written, or not loadable on its own: the main thread decides
            }
        }
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>();
        try (InputStream in = StartupClasses.class.getResourceAsStream(LIST)) {
            if (in == null) {
                return names;
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    names.add(line.strip());
                }
            }
        } catch (IOException e) {
            // without the list the start is as it was
        }
        return names;
    }
}
