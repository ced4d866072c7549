package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, pointed at the console of a service on this
 * machine. Without the two the browser suites are skipped, not failed: a machine without a browser cannot
 * say anything about the console.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final int DESKTOP = 1280;
    static final int MOBILE = 375;
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    static final Path DOWNLOADS = Path.of("target", "console-downloads").toAbsolutePath();

    private static final Path DRIVER = Path.of(System.getProperty("console.chromedriver", "/usr/bin/chromedriver"));
    private static final Path CHROMIUM = Path.of(System.getProperty("console.chromium", "/usr/bin/chromium"));

    final ChromeDriver driver;
    final String origin;
    private final WebDriverWait wait;

    private ConsoleBrowser(ChromeDriver driver, String origin) {
        this.driver = driver;
        this.origin = origin;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    /** A browser at the console of the service on this port, or the test is skipped when there is none. */
    static ConsoleBrowser open(int port) {
        assumeTrue(Files.isExecutable(DRIVER) && Files.isExecutable(CHROMIUM),
                "no headless browser here (" + DRIVER + ", " + CHROMIUM + "): the console's browser tests need "
                        + "`apt-get install -y chromium chromium-driver`");
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.createDirectories(DOWNLOADS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=" + DESKTOP + ",900",
                "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-extensions", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--lang=en-GB");
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", DOWNLOADS.toString(),
                "download.prompt_for_download", false));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(15));
        return new ConsoleBrowser(driver, "http://localhost:" + port);
    }

    /** The console freshly loaded: whatever was signed in is gone with the page. */
    void load() {
        driver.manage().window().setSize(new Dimension(DESKTOP, 900));
        driver.get(origin + "/console/");
        visible(By.id("app-id-input"));
    }

    void signIn(String appId, String appKey) {
        type(By.id("app-id-input"), appId);
        type(By.id("app-key-input"), appKey);
        driver.findElement(By.cssSelector("form.sign-in button[type=submit]")).click();
    }

    /** Another page of the console, in the same document (a reload would sign out). */
    void go(String hash) {
        ((JavascriptExecutor) driver).executeScript("location.hash = arguments[0]", hash);
    }

    WebElement visible(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void waitForText(By by, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    void waitUntil(java.util.function.Function<ChromeDriver, Boolean> condition) {
        wait.until(d -> condition.apply(driver));
    }

    void type(By by, String text) {
        WebElement input = visible(by);
        input.clear();
        input.sendKeys(text);
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** The page at both widths, the whole of it, as target/console-screenshots/{name}-{width}.png. */
    void screenshots(String name) {
        for (int width : new int[] {DESKTOP, MOBILE}) {
            driver.manage().window().setSize(new Dimension(width, 900));
            Number height = (Number) script("return document.documentElement.scrollHeight");
            // the window's height includes the browser's own bar: a little more than the page, and from its top
            driver.manage().window().setSize(new Dimension(width, Math.max(760, Math.min(height.intValue() + 120, 3200))));
            script("window.scrollTo(0, 0)");
            try {
                Files.write(SCREENSHOTS.resolve(name + "-" + width + ".png"), driver.getScreenshotAs(OutputType.BYTES));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        driver.manage().window().setSize(new Dimension(DESKTOP, 900));
    }

    /** Every request the page made went to its own origin, and the browser reported no policy violation. */
    void assertOwnOriginOnly() {
        @SuppressWarnings("unchecked")
        List<String> requested = (List<String>) script(
                "return performance.getEntriesByType('resource').map(e => e.name).concat([location.href])");
        assertThat(requested).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith(origin + "/"));
        List<String> violations = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy") || message.contains("Refused to"))
                .toList();
        assertThat(violations).isEmpty();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
