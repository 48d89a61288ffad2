package ai.fonella.test.console;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Starts headless Chromium through chromedriver, both as installed by the system's packages
 * (Debian: {@code apt-get install chromium chromium-driver}; {@code .ci/install-browser} does it in
 * CI). Selenium is given both paths, so Selenium Manager never downloads anything. Without them
 * the calling tests are skipped with a message saying what to install, except with {@code CI=true},
 * where they fail: CI must never pass by skipping them.
 */
final class Browser implements AutoCloseable {

    /** Override with {@code -Dfonella.test.chromium=/path/to/chromium}. */
    static final String CHROMIUM = System.getProperty("fonella.test.chromium", "/usr/bin/chromium");

    /** Override with {@code -Dfonella.test.chromedriver=/path/to/chromedriver}. */
    static final String CHROMEDRIVER = System.getProperty("fonella.test.chromedriver", "/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Quits the browser and deletes its profile directory. */
    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            } catch (IOException e) {
                // a temporary directory left behind is no failure
            }
        }
    }

    /**
     * A fresh headless browser with its own profile directory, or an aborted (or, in CI, failed) test.
     *
     * @param width the window's width in pixels
     * @param height the window's height in pixels
     * @return the browser; close it when done
     */
    static Browser start(int width, int height) {
        String missing = !Files.isExecutable(Path.of(CHROMIUM)) ? CHROMIUM
                : !Files.isExecutable(Path.of(CHROMEDRIVER)) ? CHROMEDRIVER : null;
        if (missing != null) {
            String message = "The console's browser tests need Chromium and chromedriver, but " + missing
                    + " is missing. Install them (Debian/Ubuntu: sudo apt-get install chromium chromium-driver, "
                    + "or run .ci/install-browser as root), or point -Dfonella.test.chromium and "
                    + "-Dfonella.test.chromedriver at your own.";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + " CI=true: failing instead of skipping.");
            }
            Assumptions.abort(message);
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("fonella-console-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "--lang=en-US",
                "--hide-scrollbars", "--force-device-scale-factor=1");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(30))
                .build();
        return new Browser(new ChromeDriver(service, options), profile);
    }
}
