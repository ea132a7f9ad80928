package org.channelbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The embedded default as a newcomer runs it ({@code java -jar target/channel-bridge.jar} in a folder with the
 * shipped config and routes, no credentials, no -Xmx): the time from the process's start to its first poll of
 * ChannelAdvisor for orders (the orders cron set to every second, so that the figure is start-up, not waiting for
 * the schedule), and the resident memory (VmRSS) after it has idled. Held against the goals, 3 s and 400 MB; the
 * same jar's {@code --help} (the JVM's own start) is measured in the same run beside it, and so is the start through
 * {@code bin/channel-bridge} with the class-data archive its first run writes ({@code startup-launcher}: one run to
 * write the archive, stopped after its first poll, then the measured one). Each start also notes the CPU seconds the
 * process had used by its first poll and the machine's load: on a shared machine the wall time stretches with the
 * load, the CPU seconds much less. {@code StartupBenchmark [--quick]}: idle 10 minutes, or 2 with --quick.
 */
public final class StartupBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SANDBOX = Pattern.compile("embedded sandbox at (http://\\S+)");
    /** The bridge's line once its routes have started (StartupSummary). */
    private static final String STARTED = "routes on Apache Camel";

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        Duration idle = quick ? Duration.ofMinutes(2) : Duration.ofMinutes(10);
        Path jar = Path.of("target/channel-bridge.jar").toAbsolutePath();
        Path folder = Files.createTempDirectory("startup-bench");
        copy(Path.of("config"), folder.resolve("config"));
        copy(Path.of("routes"), folder.resolve("routes"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        long helpStart = System.nanoTime();
        Process help = new ProcessBuilder(java, "-jar", jar.toString(), "--help").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        help.waitFor();
        double helpSeconds = (System.nanoTime() - helpStart) / 1e9;
        String suffix = quick ? "-quick" : "";
        try {
            // the launcher first: its archive-writing run and its measured run, each stopped after its first poll
            Path launcher = Path.of("bin/channel-bridge").toAbsolutePath();
            Path archive = folder.resolve("channel-bridge.jsa");
            List<String> viaLauncher = List.of(launcher.toString());
            stop(firstPoll(viaLauncher, folder, archive, "launcher-writes-archive.log").process());
            if (!Files.exists(archive)) {
                throw new IllegalStateException("bin/channel-bridge wrote no class-data archive at " + archive);
            }
            Start launched = firstPoll(viaLauncher, folder, archive, "launcher.log");
            stop(launched.process());
            report("startup-launcher" + suffix, launched, helpSeconds,
                    "process start to the first orders poll, embedded default, bin/channel-bridge with its archive");
            // not a way to run the bridge: how far start-up goes down on this machine when it also gives up the JIT's
            // optimising compiler (C1 only) and Camel's MBeans (what Hawtio and the operators' view read)
            Start floor = firstPoll(viaLauncher, folder, archive, "floor.log",
                    "-XX:TieredStopAtLevel=1 -Dcamel.main.jmxEnabled=false");
            stop(floor.process());
            report("startup-floor" + suffix, floor, helpSeconds, "process start to the first orders poll, embedded"
                    + " default, bin/channel-bridge with its archive, C1 only and JMX off (a floor, not a way to run)");

            Start plain = firstPoll(List.of(java, "-jar", jar.toString()), folder, archive, "bridge.log");
            try {
                report("startup" + suffix, plain, helpSeconds,
                        "process start to the first orders poll, embedded default, java -jar");
                Thread.sleep(idle.toMillis());
                long rssKb = rssKb(plain.process().pid());
                System.out.printf(Locale.ROOT, "RSS after %d min idle: %d MB%n", idle.toMinutes(), rssKb / 1024);
                BenchResult.append("idle-rss" + suffix, rssKb / 1024.0, "MB",
                        BenchResult.Against.BASELINE, 400.0, rssKb / 1024.0 / 400.0, String.format(Locale.ROOT,
                                "\"what\":\"VmRSS of the embedded default after %d min idle (java -jar, no -Xmx)\","
                                        + "\"goal\":\"< 400 MB\",\"goal_ratio\":\"<= 1.0\",\"idle_minutes\":%d",
                                idle.toMinutes(), idle.toMinutes()));
            } finally {
                stop(plain.process());
            }
        } finally {
            try (Stream<Path> all = Files.walk(folder)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * A started bridge, the seconds to its first poll and the CPU seconds it had used by then; {@code startedSeconds}:
     * when it logged that its routes had started (the rest, to the first poll, is the orders cron's wait for its next
     * second, 0-1 s).
     */
    private record Start(Process process, double seconds, double startedSeconds, double cpuSeconds, double load) {
    }

    /** Starts {@code command} in {@code folder} (a fresh demo System2 each time) and waits for its first poll. */
    private static Start firstPoll(List<String> command, Path folder, Path archive, String logName) throws Exception {
        return firstPoll(command, folder, archive, logName, "");
    }

    /** The same with {@code javaOptions} for the launcher (JAVA_OPTS). */
    private static Start firstPoll(List<String> command, Path folder, Path archive, String logName, String javaOptions)
            throws Exception {
        deleteTree(folder.resolve("data"));
        Path log = folder.resolve(logName);
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("ORDERS_CRON", "0/1 * * * * ?");
        builder.environment().put("CAMEL_MANAGEMENT_PORT", String.valueOf(freePort()));
        builder.environment().put("CDS_ARCHIVE", archive.toString());
        builder.environment().put("JAVA_OPTS", javaOptions);
        // the launcher runs the same java as the plain start
        builder.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        long start = System.nanoTime();
        Process bridge = builder.start();
        try {
            String sandbox = awaitSandbox(log, bridge);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            double started = Double.NaN;
            while (!polledOrders(http, sandbox)) {
                if (!bridge.isAlive() || System.nanoTime() - start > TimeUnit.MINUTES.toNanos(3)) {
                    throw new IllegalStateException("no poll for orders within 3 minutes; see " + log);
                }
                if (Double.isNaN(started) && Files.readString(log).contains(STARTED)) {
                    started = (System.nanoTime() - start) / 1e9;
                }
                Thread.sleep(20);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return new Start(bridge, seconds, Double.isNaN(started) ? seconds : started, cpuSeconds(bridge.pid()),
                    load);
        } catch (Exception | Error e) {
            stop(bridge);
            throw e;
        }
    }

    private static void report(String name, Start start, double helpSeconds, String what) throws IOException {
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "%s (%s): first poll after %.2f s against the goal of under 3 s (%s; routes"
                        + " started after %.2f s), %.1f s CPU (on %d cores no less than %.2f s), load %.1f (the JVM's"
                        + " --help: %.2f s)%n",
                name, what, start.seconds(), start.seconds() < 3.0 ? "met" : "not met", start.startedSeconds(),
                start.cpuSeconds(), cores, start.cpuSeconds() / cores, start.load(), helpSeconds);
        BenchResult.append(name, start.seconds(), "s", BenchResult.Against.BASELINE, 3.0, start.seconds() / 3.0,
                String.format(Locale.ROOT, "\"what\":\"%s\",\"goal\":\"< 3 s\",\"goal_ratio\":\"<= 1.0\","
                        + "\"jvm_help_s\":%.2f,\"routes_started_s\":%.2f,\"cpu_s\":%.1f,"
                        + "\"load_at_first_poll\":%.1f", what, helpSeconds, start.startedSeconds(),
                        start.cpuSeconds(), start.load()));
    }

    /** Stops the bridge as an operator does (SIGTERM), which is also when the launcher's first run writes its archive. */
    private static void stop(Process bridge) throws InterruptedException {
        bridge.destroy();
        if (!bridge.waitFor(90, TimeUnit.SECONDS)) {
            bridge.destroyForcibly();
        }
    }

    /** User and system CPU seconds of a process, from /proc (clock ticks of 1/100 s). */
    private static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    private static void deleteTree(Path path) throws IOException {
        if (Files.exists(path)) {
            try (Stream<Path> all = Files.walk(path)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String awaitSandbox(Path log, Process bridge) throws Exception {
        for (int i = 0; i < 3000; i++) {
            Matcher m = SANDBOX.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (m.find()) {
                return m.group(1);
            }
            if (!bridge.isAlive()) {
                break;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the embedded sandbox's address was not logged; see " + log);
    }

    /** Whether the sandbox has seen a request for the orders collection. */
    private static boolean polledOrders(HttpClient http, String sandbox) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sandbox + "/sandbox/stats"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode requests = JSON.readTree(r.body()).path("requests");
            for (Iterator<String> names = requests.fieldNames(); names.hasNext(); ) {
                String endpoint = names.next();
                if (endpoint.contains("/v1/Orders") && !endpoint.contains("(")) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for process " + pid);
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private StartupBenchmark() {
    }
}
