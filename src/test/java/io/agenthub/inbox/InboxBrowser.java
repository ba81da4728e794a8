package io.agenthub.inbox;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver (never Selenium Manager's downloads, which fail
 * here), on the inbox page as a person uses it: by the labels and names people see, with the keyboard where that is
 * the point. Screenshots go to {@code target/inbox-screenshots/}.
 */
final class InboxBrowser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "inbox-screenshots");
    private static final String BROWSER = System.getenv().getOrDefault("HUB_CHROMIUM", "/usr/bin/chromium");
    private static final String DRIVER = System.getenv().getOrDefault("HUB_CHROMEDRIVER", "/usr/bin/chromedriver");
    /** Long enough for a whole hub on two shared cores to answer a decision that runs a flow. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final ChromeDriver driver;
    private final WebDriverWait wait;
    private final Path profile;
    private final String inboxUrl;

    private InboxBrowser(ChromeDriver driver, Path profile, String inboxUrl) {
        this.driver = driver;
        this.profile = profile;
        this.inboxUrl = inboxUrl;
        this.wait = new WebDriverWait(driver, PATIENCE, Duration.ofMillis(100));
        // the page re-renders an item after each answer: an element found a moment before may be gone
        this.wait.withMessage(this::whatThePageSays).ignoring(StaleElementReferenceException.class);
    }

    /** For a failed wait: where the browser is and what the page says (live region, problems shown). */
    private String whatThePageSays() {
        StringBuilder said = new StringBuilder("at ").append(driver.getCurrentUrl());
        for (WebElement shown : driver.findElements(By.cssSelector("#status, .problem"))) {
            if (shown.isDisplayed() && !shown.getText().isBlank()) {
                said.append("; #").append(shown.getAttribute("id")).append(": ").append(shown.getText());
            }
        }
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            said.append("\n  console ").append(entry.getLevel()).append(": ").append(entry.getMessage());
        }
        return said.toString();
    }

    /** A fresh browser (its own profile, nothing remembered) on the inbox at {@code inboxUrl}. */
    static InboxBrowser open(String inboxUrl) throws IOException {
        if (!new File(BROWSER).canExecute() || !new File(DRIVER).canExecute()) {
            throw new IllegalStateException(BROWSER + " or " + DRIVER + " is missing: `mvn verify` installs them"
                    + " (src/test/browser/install-chromium.sh), or apt-get install -y chromium chromium-driver");
        }
        Path profile = Files.createTempDirectory("agent-hub-test-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(BROWSER).addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,1024",
                "--user-data-dir=" + profile);
        // the console's messages (a refused script, a blocked call), for a failed wait's message
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().build();
        InboxBrowser browser = new InboxBrowser(new ChromeDriver(service, options), profile, inboxUrl);
        browser.driver.get(inboxUrl);
        return browser;
    }

    WebDriver driver() {
        return driver;
    }

    /** Loads the page again, as a person pressing reload would. */
    void reload() {
        driver.get(inboxUrl);
    }

    WebElement byId(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    /** Pastes the token into the sign-in form and signs in; waits until both lists have been asked for. */
    void signIn(String token) {
        WebElement input = byId("token-input");
        input.clear();
        input.sendKeys(token);
        driver.findElement(By.cssSelector("#token-form button[type=submit]")).click();
        byId("who");
        awaitListsLoaded();
    }

    void signOut() {
        byId("sign-out").click();
        byId("token-input");
    }

    /** Waits until neither list is loading: each shows items, its empty note or its problem. */
    void awaitListsLoaded() {
        for (String list : List.of("approvals", "reviews")) {
            wait.until(d -> !d.findElements(By.cssSelector("#" + list + "-list li")).isEmpty()
                    || d.findElement(By.id(list + "-empty")).isDisplayed() || d.findElement(By.id(list + "-problem")).isDisplayed());
        }
    }

    void refresh() {
        byId("refresh").click();
        awaitListsLoaded();
    }

    /** Whether the element is shown now (no waiting). */
    boolean displayed(String id) {
        return driver.findElement(By.id(id)).isDisplayed();
    }

    String text(String id) {
        return byId(id).getText();
    }

    /** What the live region says once it says something that contains {@code words}. */
    String awaitStatus(String words) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), words));
        return driver.findElement(By.id("status")).getText();
    }

    /** The list's items, as buttons. */
    List<WebElement> items(String list) {
        return driver.findElements(By.cssSelector("#" + list + "-list li button.item"));
    }

    /** The approval's button in the list, pressing "Show more approvals" until it is listed. */
    WebElement approvalItem(String approvalId) {
        return listed("approvals", By.cssSelector("button[data-approval-id='" + approvalId + "']"));
    }

    /** An item of a list, pressing its "Show more" (the next page, by the list's Link) until it is there. */
    private WebElement listed(String list, By item) {
        return wait.until(d -> {
            List<WebElement> found = d.findElements(item);
            if (!found.isEmpty() && found.get(0).isDisplayed()) {
                return found.get(0);
            }
            WebElement more = d.findElement(By.id(list + "-more"));
            if (more.isDisplayed() && more.isEnabled()) {
                more.click();
            }
            return null;
        });
    }

    /** The review of a request, waiting until it is listed. */
    WebElement reviewItemOf(String requestId) {
        return listed("reviews", By.cssSelector("button[data-request-id='" + requestId + "']"));
    }

    /** Waits until the element with this id has the keyboard focus. */
    void awaitFocusOn(String id) {
        wait.until(d -> id.equals(d.switchTo().activeElement().getAttribute("id")));
    }

    /** Waits until the approval's item in the list has the keyboard focus. */
    void awaitFocusOnApproval(String approvalId) {
        wait.until(d -> approvalId.equals(d.switchTo().activeElement().getAttribute("data-approval-id")));
    }

    /** Opens a listed item with the keyboard (Enter on its button) and waits until the detail's heading has the focus. */
    void openWithKeyboard(WebElement item) {
        item.sendKeys(org.openqa.selenium.Keys.ENTER);
        awaitDetailFocused();
    }

    void awaitDetailFocused() {
        awaitFocusOn("detail-title");
    }

    /** The element that has the keyboard focus. */
    WebElement focused() {
        return driver.switchTo().activeElement();
    }

    void type(String id, String text) {
        WebElement field = byId(id);
        field.clear();
        field.sendKeys(text);
    }

    void click(String id) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    /** The problem shown in the opened item, once one is. */
    String awaitDetailProblem() {
        return wait.until(d -> {
            WebElement problem = d.findElement(By.id("detail-problem"));
            return problem.isDisplayed() && !problem.getText().isBlank() ? problem.getText() : null;
        });
    }

    /** The opened approval's state, once it reads {@code state}. */
    void awaitState(String state) {
        wait.until(d -> {
            List<WebElement> badges = d.findElements(By.cssSelector("#detail .badge[data-state]"));
            return !badges.isEmpty() && state.equalsIgnoreCase(badges.get(0).getAttribute("data-state"));
        });
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** Saves what the browser shows as target/inbox-screenshots/NAME.png. */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return file;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            org.apache.camel.util.FileUtil.removeDir(profile.toFile());
        }
    }
}
