package org.channelbridge.ops.hawtio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.channelbridge.flow.SandboxPeer;
import org.channelbridge.ops.BridgeCommands;
import org.channelbridge.ops.BridgeConfigFiles;
import org.channelbridge.ops.BridgeProcess;
import org.channelbridge.ops.monitor.ManagementEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hawtio as an operator uses it, in a real browser (Debian's chromium through chromedriver): it opens on the running
 * bridge, shows a flow's exchange counter on the Camel tab, and replays a dead letter from the JMX tab, which
 * resolves it in System2. Saves the Camel tab's screenshot for the README (docs/hawtio-camel.png).
 */
class HawtioBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private SandboxPeer sandbox;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void needsChromium() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && System.getenv("CI") == null) {
            Assumptions.abort("chromium and chromium-driver are not installed (apt-get install chromium chromium-driver;"
                    + " .ci/run installs them): the Hawtio browser test is skipped");
        }
        assertThat(present).as("chromium and chromedriver in CI").isTrue();
        sandbox = SandboxPeer.start();
    }

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void hawtioShowsAFlowsExchangeCounterAndReplaysADeadLetterFromTheJmxTab() throws Exception {
        // AUTO_SERVER: the test fixes System2 while the bridge process holds the database
        String jdbcUrl = "jdbc:h2:file:" + folder.resolve("data/system2") + ";AUTO_SERVER=TRUE";
        int port = freePort();
        Map<String, String> overrides = new HashMap<>(sandbox.bridgeOverrides());
        overrides.put("system2.jdbc.url", jdbcUrl);
        overrides.put("orders.cron", "0/2 * * * * ?");
        overrides.put("acks.cron", "1/2 * * * * ?");
        overrides.put("camel.management.port", String.valueOf(port));
        BridgeCommands system2 = new BridgeCommands(BridgeConfigFiles.copyWith(folder, overrides), jdbcUrl, "", "");
        system2.migrate();
        system2.sql("insert into products (sku, title, retail_price, quantity) values ('HB-1', 'Seen', 10, 5)");
        sandbox.seedOrders("{\"count\": 1, \"readyOnly\": true, \"skus\": [\"HB-1\"]}");
        long late = sandbox.seedOrders("{\"count\": 1, \"readyOnly\": true, \"skus\": [\"HB-LATE\"]}").get(0);
        String jolokia = "http://127.0.0.1:" + port + "/observe/jolokia";

        try (BridgeProcess bridge = BridgeProcess.start(folder, Map.of())) {
            await().ignoreExceptions().atMost(Duration.ofSeconds(90)).until(() ->
                    read(jolokia, "org.channelbridge:type=flows,name=acks/ItemsSent").asLong() == 1
                            && read(jolokia, "org.channelbridge:type=flows,name=orders/OpenDeadLetters").asLong() == 1);
            long acksItem = read(jolokia, "org.apache.camel:context=channel-bridge,type=routes,name=\"acks-item\""
                    + "/ExchangesTotal").asLong();
            String deadLetter = system2.column("select id from dead_letters where state = 'OPEN'").get(0);

            Properties config = new Properties();
            config.setProperty("camel.management.port", String.valueOf(port));
            try (HawtioServer hawtio = HawtioServer.start(0, ManagementEndpoint.of(null, null, config))) {
                WebDriver browser = chrome();
                try {
                    browser.get(hawtio.url() + "camel");
                    click(browser, treeNode("routes"));
                    WebElement row = waitFor(browser, By.xpath("//tr[td[normalize-space()='acks-item']]"));
                    List<WebElement> headers = browser.findElements(By.xpath("//table//thead//th"));
                    int total = -1;
                    for (int i = 0; i < headers.size(); i++) {
                        if (headers.get(i).getText().strip().equalsIgnoreCase("Total")) {
                            total = i;
                        }
                    }
                    assertThat(total).as("a Total column on the Camel tab").isNotNegative();
                    List<WebElement> cells = row.findElements(By.xpath("./td"));
                    int offset = cells.size() - headers.size();
                    assertThat(Long.parseLong(cells.get(total + offset).getText().strip()))
                            .as("acks-item's exchanges on the Camel tab").isEqualTo(acksItem);
                    screenshot(browser, Path.of("docs/hawtio-camel.png"));

                    // the operator fixes System2, then replays the dead letter from Hawtio's JMX tab
                    system2.sql("insert into products (sku, title, retail_price, quantity) values ('HB-LATE', 'Late', 10, 5)");

                    browser.get(hawtio.url() + "jmx");
                    click(browser, By.xpath("//button[normalize-space()='Expand all']"));
                    click(browser, treeNode("deadLetters"));
                    click(browser, By.xpath("//button[normalize-space()='Operations'] | //a[normalize-space()='Operations']"));
                    String replay = "//li[@aria-labelledby='operation replay(long)']";
                    click(browser, By.xpath(replay + "//button[@aria-label='Details']"));
                    WebElement argument = waitFor(browser, By.xpath(replay + "//input"));
                    argument.clear();
                    argument.sendKeys(deadLetter);
                    click(browser, By.xpath(replay + "//button[normalize-space()='Execute']"));
                    new WebDriverWait(browser, Duration.ofSeconds(60)).until(page -> page.getPageSource().contains("RESOLVED"));
                } catch (RuntimeException | AssertionError e) {
                    screenshot(browser, folder.resolve("failure.png"));
                    Files.writeString(Path.of("target/hawtio-failure.html"), browser.getPageSource());
                    Files.copy(folder.resolve("failure.png"), Path.of("target/hawtio-failure.png"),
                            StandardCopyOption.REPLACE_EXISTING);
                    throw e;
                } finally {
                    browser.quit();
                }
            }
            assertThat(system2.column("select state from dead_letters where id = " + deadLetter))
                    .containsExactly("RESOLVED");
            assertThat(system2.column("select ca_order_id from orders")).contains(String.valueOf(late));
        }
    }

    private static WebDriver chrome() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static By treeNode(String text) {
        return By.xpath("//*[@role='treeitem' or contains(@class, 'tree-view')]//*[normalize-space(text())='" + text + "']");
    }

    private static WebElement waitFor(WebDriver browser, By what) {
        return new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(what));
    }

    private static void click(WebDriver browser, By what) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.elementToBeClickable(what)).click();
    }

    private static void screenshot(WebDriver browser, Path to) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(to.toAbsolutePath().getParent());
        Files.copy(shot.toPath(), to, StandardCopyOption.REPLACE_EXISTING);
    }

    private JsonNode read(String jolokia, String mbeanAndAttribute) throws IOException, InterruptedException {
        String path = URLEncoder.encode(mbeanAndAttribute, StandardCharsets.UTF_8).replace("%2F", "/")
                .replace("%3A", ":").replace("%3D", "=").replace("%2C", ",");
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(jolokia + "/read/" + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(answer.body()).path("value");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
