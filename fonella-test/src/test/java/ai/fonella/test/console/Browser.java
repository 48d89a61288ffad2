package ai.fonella.test.console;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Starts headless Chromium through chromedriver, both as installed by the system's packages
 * (Debian: {@code apt-get install chromium chromium-driver}; {@code .ci/install-browser} does it in
 * CI). Selenium is given both paths, so Selenium Manager never downloads anything. Without them,
 * tests of a class extended with {@link Required} are skipped with a message saying what to install,
 * except with {@code CI=true}, where they fail: CI must never pass by skipping them.
 */
final class Browser implements AutoCloseable {

    /** Override with {@code -Dfonella.test.chromium=/path/to/chromium}. */
    static final String CHROMIUM = System.getProperty("fonella.test.chromium", "/usr/bin/chromium");

    /** Override with {@code -Dfonella.test.chromedriver=/path/to/chromedriver}. */
    static final String CHROMEDRIVER = System.getProperty("fonella.test.chromedriver", "/usr/bin/chromedriver");

    /**
     * Skips the tests of a class, with a message saying what to install, when there is no browser;
     * with {@code CI=true} it lets them run, so that they fail.
     */
    static final class Required implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String missing = missing();
            if (missing == null || isCi()) {
                return ConditionEvaluationResult.enabled("Chromium and chromedriver are installed, or CI=true");
            }
            if (context.getTestMethod().isEmpty()) {
                System.err.println("SKIPPED " + context.getDisplayName() + ": " + missing);
            }
            return ConditionEvaluationResult.disabled(missing);
        }
    }

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    ChromeDriver driver() {
        return driver;
    }

    /** What to install, or {@code null} when both are there. */
    private static String missing() {
        String missing = !Files.isExecutable(Path.of(CHROMIUM)) ? CHROMIUM
                : !Files.isExecutable(Path.of(CHROMEDRIVER)) ? CHROMEDRIVER : null;
        return missing == null ? null : "The console's browser tests need Chromium and chromedriver, but " + missing
                + " is missing. Install them (Debian/Ubuntu: sudo apt-get install chromium chromium-driver, or run "
                + ".ci/install-browser as root), or point -Dfonella.test.chromium and -Dfonella.test.chromedriver "
                + "at your own.";
    }

    private static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
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
        String missing = missing();
        if (missing != null) {
            fail(missing + (isCi() ? " CI=true: failing instead of skipping." : ""));
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
