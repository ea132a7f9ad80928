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
 * same jar's {@code --help} (the JVM's own start) is measured in the same run beside it.
 * {@code StartupBenchmark [--quick]}: idle 10 minutes, or 2 with --quick.
 */
public final class StartupBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SANDBOX = Pattern.compile("embedded sandbox at (http://\\S+)");

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

        Path log = folder.resolve("bridge.log");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString()).directory(folder.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("ORDERS_CRON", "0/1 * * * * ?");
        builder.environment().put("CAMEL_MANAGEMENT_PORT", String.valueOf(freePort()));
        long start = System.nanoTime();
        Process bridge = builder.start();
        try {
            String sandbox = awaitSandbox(log, bridge);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            while (!polledOrders(http, sandbox)) {
                if (!bridge.isAlive() || System.nanoTime() - start > TimeUnit.MINUTES.toNanos(3)) {
                    throw new IllegalStateException("no poll for orders within 3 minutes; see " + log);
                }
                Thread.sleep(20);
            }
            double firstPoll = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "first poll after %.2f s (the JVM's --help: %.2f s)%n", firstPoll,
                    helpSeconds);
            BenchResult.append(quick ? "startup-quick" : "startup", firstPoll, "s", BenchResult.Against.BASELINE, 3.0,
                    firstPoll / 3.0, String.format(Locale.ROOT, "\"what\":\"process start to the first orders poll,"
                            + " embedded default\",\"goal\":\"< 3 s\",\"goal_ratio\":\"<= 1.0\","
                            + "\"jvm_help_s\":%.2f", helpSeconds));

            Thread.sleep(idle.toMillis());
            long rssKb = rssKb(bridge.pid());
            System.out.printf(Locale.ROOT, "RSS after %d min idle: %d MB%n", idle.toMinutes(), rssKb / 1024);
            BenchResult.append(quick ? "idle-rss-quick" : "idle-rss", rssKb / 1024.0, "MB",
                    BenchResult.Against.BASELINE, 400.0, rssKb / 1024.0 / 400.0, String.format(Locale.ROOT,
                            "\"what\":\"VmRSS of the embedded default after %d min idle (no -Xmx)\","
                                    + "\"goal\":\"< 400 MB\",\"goal_ratio\":\"<= 1.0\",\"idle_minutes\":%d",
                            idle.toMinutes(), idle.toMinutes()));
        } finally {
            bridge.destroy();
            if (!bridge.waitFor(60, TimeUnit.SECONDS)) {
                bridge.destroyForcibly();
            }
            try (Stream<Path> all = Files.walk(folder)) {
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
