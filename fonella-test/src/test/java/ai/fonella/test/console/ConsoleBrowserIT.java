package ai.fonella.test.console;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.support.FonellaJson;
import ai.fonella.test.FonellaEmulator;
import ai.fonella.test.RecordedDelivery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The console in a real browser (headless Chromium), against a running emulator and a small app
 * built on fonella-core ({@link ShopApp}): tools tried through their generated forms, a call
 * composed, placed and watched live, a failed delivery and its retry, a delivery sent again. The
 * last test saves a screenshot of the call for the README.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@ExtendWith(Browser.Required.class)
class ConsoleBrowserIT {

    /** Written by every run; copied to the README's image with {@code -Dfonella.console.updateScreenshot=true}. */
    static final Path SCREENSHOT = Path.of("target", "console.png");
    static final Path README_IMAGE = Path.of("..", "docs", "images", "console.png");

    private static Browser browser;
    private static ChromeDriver page;
    private static FonellaEmulator emulator;
    private static ShopApp app;

    @BeforeAll
    static void start() throws IOException {
        browser = Browser.start(1440, 1320);
        page = browser.driver();
        emulator = FonellaEmulator.builder().deliveryBackoff(Duration.ofMillis(300)).start();
        app = new ShopApp(emulator.client());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (emulator != null) {
            emulator.close();
        }
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void openConsole() {
        emulator.clearRecordings(); // each test sees its own invocations and deliveries, in any order
        emulator.faults().clear();
        page.get(emulator.baseUrl()); // the base URL leads a browser to the console
        until(d -> d.getCurrentUrl().startsWith(emulator.consoleUrl() + "#")); // the first poll picked a tab
        until(d -> !d.findElements(By.cssSelector("#panel-try .tool-picker option")).isEmpty());
    }

    @Test
    void triesAToolThroughItsGeneratedFormAndHearsTheResultOrTheSpokenArgumentError() {
        tab("try");
        new Select(find("#panel-try .tool-picker")).selectByValue("lookupOrder");
        WebElement orderNumber = find("#panel-try input[name=orderNumber]");
        assertThat(labelOf(orderNumber).findElements(By.className("req"))).as("required mark").hasSize(1);
        WebElement expected = find("#panel-try select[name=expectedStatus]");
        assertThat(labelOf(expected).findElements(By.className("req"))).as("optional: no mark").isEmpty();
        assertThat(new Select(expected).getOptions()).extracting(WebElement::getText)
                .containsExactly("(not given)", "PLACED", "SHIPPED", "DELIVERED");

        orderNumber.sendKeys("A-1001");
        new Select(expected).selectByVisibleText("SHIPPED");
        assertThat(rawJson("#panel-try")).isEqualTo(json("{\"orderNumber\":\"A-1001\",\"expectedStatus\":\"SHIPPED\"}"));
        find("#try-send").click();
        WebElement answer = until(ExpectedConditions.visibilityOfElementLocated(By.id("try-answer")));
        assertThat(find("#try-result-text").getText())
                .isEqualTo("Yes. Order A-1001 (a teapot) has shipped and should arrive the day after tomorrow.");
        assertThat(answer.getText()).contains("result", "HTTP", "200", " ms");

        // left empty, the required field is missing: the page says so, and the app speaks the error
        orderNumber.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        assertThat(rawJson("#panel-try")).isEqualTo(json("{\"expectedStatus\":\"SHIPPED\"}"));
        assertThat(find("#panel-try .problems").getText()).contains("'orderNumber' is missing");
        find("#try-send").click();
        until(ExpectedConditions.textToBe(By.id("try-result-text"), "The argument 'orderNumber' is missing."));
        assertThat(find("#try-answer").getText()).contains("spoken argument error", "200");
        assertThat(emulator.toolInvocations()).hasSize(2).allSatisfy(i -> assertThat(i.callId()).isNull());
        until(d -> d.findElements(By.cssSelector("#try-history tr.invocation")).size() == 2);
        screenshot("console-try.png");
    }

    @Test
    void buildsFormsForNestedObjectsListsBooleansNumbersDatesAndTimesAndKeepsTheJsonInStep() {
        tab("try");
        new Select(find("#panel-try .tool-picker")).selectByValue("placeOrder");
        find("#panel-try fieldset[data-name=items] > button.small").click(); // + item
        find("#panel-try input[name=sku]").sendKeys("TEA-POT");
        find("#panel-try input[name=quantity]").sendKeys("2");
        find("#panel-try input[name=street]").sendKeys("Main St 1");
        find("#panel-try input[name=city]").sendKeys("Berlin");
        WebElement giftWrap = find("#panel-try input[name=giftWrap]");
        assertThat(giftWrap.getAttribute("type")).isEqualTo("checkbox");
        giftWrap.click();
        find("#panel-try input[name=tip]").sendKeys("1.5");
        assertThat(rawJson("#panel-try")).as("the optional map left out while empty").isEqualTo(json(
                "{\"items\":[{\"sku\":\"TEA-POT\",\"quantity\":2}],\"delivery\":{\"street\":\"Main St 1\","
                + "\"city\":\"Berlin\"},\"giftWrap\":true,\"tip\":1.5}"));
        WebElement labels = find("#panel-try fieldset[data-name=labels]");
        labels.findElement(By.cssSelector(":scope > button.small")).click(); // + entry
        labels.findElement(By.cssSelector("input.key")).sendKeys("gift");
        labels.findElement(By.cssSelector("input[name=value]")).sendKeys("For Anna");
        assertThat(rawJson("#panel-try").get("labels")).isEqualTo(json("{\"gift\":\"For Anna\"}"));
        find("#try-send").click();
        until(ExpectedConditions.textToBe(By.id("try-result-text"),
                "Ordered 2 piece(s) for Main St 1, Berlin, gift-wrapped, with a tip of 1.5 euros, labelled {gift=For Anna}."));

        // the raw JSON editor fills the form: dates and times get the browser's own inputs
        new Select(find("#panel-try .tool-picker")).selectByValue("bookCallback");
        WebElement raw = find("#panel-try textarea.raw");
        raw.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        raw.sendKeys("{\"date\": \"2030-12-24\", \"time\": \"10:00\", \"phoneNumber\": \"+4915112345678\"}");
        WebElement date = find("#panel-try input[name=date]");
        WebElement time = find("#panel-try input[name=time]");
        assertThat(date.getAttribute("type")).isEqualTo("date");
        assertThat(date.getDomProperty("value")).isEqualTo("2030-12-24");
        assertThat(time.getAttribute("type")).isEqualTo("time");
        assertThat(time.getDomProperty("value")).startsWith("10:00");
        find("#try-send").click();
        until(ExpectedConditions.textToBe(By.id("try-result-text"),
                "The callback is booked for 2030-12-24 at 10:00 on +4915112345678."));
    }

    @Test
    void placesACallAndWatchesTranscriptToolCallsAndDeliveriesLiveWithAFailedDeliveryAndItsRetry() throws IOException {
        tab("account");
        until(ExpectedConditions.elementToBeClickable(By.cssSelector("#acc-webhooks .fail-next"))).click();
        until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#acc-webhooks .pending"),
                "the next 1 attempt(s) will fail"));
        assertThat(emulator.faults().pendingDeliveryFailures(app.webhookId())).isEqualTo(1);

        tab("call");
        String tomorrow = LocalDate.now().plusDays(1).toString();
        line(0, "Hi! I ordered a teapot last week, order A-1001. Has it shipped?");
        WebElement lookup = addStep("tool");
        new Select(lookup.findElement(By.cssSelector(".tool-picker"))).selectByValue("lookupOrder");
        lookup.findElement(By.cssSelector("input[name=orderNumber]")).sendKeys("A-1001");
        new Select(lookup.findElement(By.cssSelector("select[name=expectedStatus]"))).selectByVisibleText("SHIPPED");
        addStep("assistant").findElement(By.cssSelector("input.line"))
                .sendKeys("Yes, it has shipped and should arrive the day after tomorrow.");
        addStep("user").findElement(By.cssSelector("input.line"))
                .sendKeys("Great. Could someone call me back tomorrow at ten?");
        WebElement book = addStep("tool");
        new Select(book.findElement(By.cssSelector(".tool-picker"))).selectByValue("bookCallback");
        WebElement bookJson = book.findElement(By.cssSelector("textarea.raw"));
        bookJson.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        bookJson.sendKeys("{\"date\": \"" + tomorrow + "\", \"time\": \"10:00\", \"phoneNumber\": \"+4915112345678\"}");
        addStep("assistant").findElement(By.cssSelector("input.line"))
                .sendKeys("Done: we'll call you back tomorrow at 10:00 on this number.");

        app.tools().close(); // bookCallback waits: the call is watched while it runs
        try {
            find("#call-place").click();
            until(ExpectedConditions.textToBePresentInElementLocated(By.id("call-status"), "in progress"));
            until(d -> d.findElements(By.cssSelector("#transcript .msg")).size() == 4);
            until(d -> d.findElements(By.cssSelector("#call-tools .invocation")).size() == 1);
            assertThat(find("#call-tools").getText()).contains("lookupOrder", "Yes. Order A-1001", "result");
            assertThat(find("#final").isDisplayed()).isFalse();
        } finally {
            app.tools().open();
        }
        until(ExpectedConditions.textToBePresentInElementLocated(By.id("call-status"), "ended"));
        until(d -> d.findElements(By.cssSelector("#transcript .msg")).size() == 6);
        until(d -> d.findElements(By.cssSelector("#call-tools .invocation")).size() == 2);
        until(ExpectedConditions.textToBePresentInElementLocated(By.id("call-tools"), "The callback is booked for "
                + tomorrow + " at 10:00"));

        // the first attempt failed by the injected fault, its retry reached the app
        List<RecordedDelivery> deliveries = emulator.deliveries();
        assertThat(deliveries.get(0).succeeded()).isFalse();
        assertThat(deliveries.get(1).eventId()).isEqualTo(deliveries.get(0).eventId());
        assertThat(deliveries.get(1).attempt()).isEqualTo(2);
        assertThat(deliveries.get(1).status()).isEqualTo(200);
        int expectedRows = deliveries.size();
        until(d -> d.findElements(By.cssSelector("#call-deliveries tr.delivery")).size() == expectedRows);
        WebElement failed = find("#call-deliveries tr.delivery.failed");
        assertThat(failed.getText()).contains("call.transcript", "no answer", "injected fault", "fonella");
        List<WebElement> rows = page.findElements(By.cssSelector("#call-deliveries tr.delivery"));
        assertThat(rows.get(1).getText()).contains("call.transcript", "retry 1", "200", "fonella");
        assertThat(find("#call-deliveries").getText()).contains("call.tool_call", "call.ended", "call.summary");

        WebElement finished = find("#final");
        assertThat(finished.isDisplayed()).isTrue();
        JsonNode shown = FonellaJson.mapper().readTree(find("#final-json").getAttribute("textContent"));
        JsonNode logged = FonellaJson.mapper().valueToTree(emulator.client().calls().get(shown.get("id").asString()));
        assertThat(shown).isEqualTo(logged); // as GET /v1/calls/{id} returns it

        saveScreenshot();

        // re-send a past delivery: same event, a new attempt
        rows.get(0).findElement(By.cssSelector("button.resend")).click();
        until(d -> d.findElements(By.cssSelector("#call-deliveries tr.delivery")).size() == expectedRows + 1);
        RecordedDelivery resent = emulator.deliveries().get(expectedRows);
        assertThat(resent.eventId()).isEqualTo(deliveries.get(0).eventId());
        assertThat(resent.succeeded()).isTrue();

        // the account shows the subscription's health and the call
        tab("account");
        until(ExpectedConditions.textToBePresentInElementLocated(By.id("acc-calls"), shown.get("id").asString()
                .substring(0, 8)));
        assertThat(find("#acc-webhooks").getText()).contains("enabled", "last delivered");
        assertThat(find("#acc-keys").getText()).contains(emulator.apiKey().substring(0, 16))
                .doesNotContain(emulator.apiKey());
        screenshot("console-account.png");

        // an API fault, with the emulator's own fault injection
        WebElement path = find("#fault-path");
        path.sendKeys("/v1/calls");
        find("#fault-inject").click();
        until(ExpectedConditions.textToBePresentInElementLocated(By.id("fault-pending"), "1 injected fault(s) pending"));
        assertThat(emulator.client().calls().list(ai.fonella.model.ListCallsParams.limit(1)).calls()).isNotEmpty();
        until(ExpectedConditions.textToBePresentInElementLocated(By.id("fault-pending"), "No faults pending."));
    }

    /** Saves what the page shows now under target/, to look at after a run. */
    private static void screenshot(String name) {
        page.executeScript("window.scrollTo(0, 0)");
        try {
            Files.write(SCREENSHOT.resolveSibling(name), page.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void saveScreenshot() throws IOException {
        screenshot(SCREENSHOT.getFileName().toString());
        if (Boolean.getBoolean("fonella.console.updateScreenshot")) {
            Files.createDirectories(README_IMAGE.getParent());
            Files.copy(SCREENSHOT, README_IMAGE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void tab(String name) {
        find("#tab-" + name).click();
        until(ExpectedConditions.visibilityOfElementLocated(By.id("panel-" + name)));
    }

    private static WebElement addStep(String kind) {
        int before = page.findElements(By.cssSelector("#steps > li")).size();
        find("[data-add=" + kind + "]").click();
        return until(d -> {
            List<WebElement> steps = d.findElements(By.cssSelector("#steps > li"));
            return steps.size() == before + 1 ? steps.get(before) : null;
        });
    }

    private static void line(int index, String text) {
        WebElement input = page.findElements(By.cssSelector("#steps > li")).get(index).findElement(By.cssSelector("input.line"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text);
    }

    private static WebElement labelOf(WebElement control) {
        return control.findElement(By.xpath("./ancestor::label[1]"));
    }

    private static JsonNode rawJson(String panel) {
        return json(find(panel + " textarea.raw").getDomProperty("value"));
    }

    private static JsonNode json(String text) {
        return FonellaJson.mapper().readTree(text);
    }

    private static WebElement find(String css) {
        return until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    private static <T> T until(java.util.function.Function<? super org.openqa.selenium.WebDriver, T> condition) {
        return new WebDriverWait(page, Duration.ofSeconds(10)).until(condition);
    }
}
