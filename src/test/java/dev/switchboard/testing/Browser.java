package dev.switchboard.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven through Debian's ChromeDriver, for end-to-end tests of the
 * pages. Installs both with the project's own script when they are missing; never lets
 * Selenium download a browser or driver of its own.
 */
public final class Browser implements AutoCloseable {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private final ChromeDriver driver;
    private final String baseUrl;
    private final Path userData;

    private Browser(ChromeDriver driver, String baseUrl, Path userData) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.userData = userData;
    }

    public static Browser open(int port) {
        ensureInstalled();
        try {
            Path userData = Files.createTempDirectory("switchboard-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + userData);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new Browser(driver, "http://localhost:" + port, userData);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized void ensureInstalled() {
        if (new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute()) {
            return;
        }
        try {
            Process install = new ProcessBuilder("bash", "scripts/ensure-browser.sh").inheritIO().start();
            if (install.waitFor() != 0 || !new File(CHROMEDRIVER).canExecute()) {
                throw new IllegalStateException("Chromium and ChromeDriver are missing and scripts/ensure-browser.sh "
                        + "could not install them (it needs apt-get and root or sudo)");
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("Could not install Chromium for the browser tests", e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public Browser go(String path) {
        driver.get(baseUrl + path);
        return this;
    }

    public String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    public WebElement find(String css) {
        return waitFor(d -> d.findElement(By.cssSelector(css)));
    }

    public Browser type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
        return this;
    }

    public Browser click(String css) {
        find(css).click();
        return this;
    }

    public String text(String css) {
        return find(css).getText();
    }

    public String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /**
     * Waits until {@code condition} answers non-null (or true). An element that goes stale because
     * the page is being replaced (a form's answer arriving) counts as "not yet", not as a failure.
     */
    public <T> T waitFor(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(condition::apply);
    }

    /** Signs in through the sign-in form and waits for the dashboard. */
    public Browser signIn(String email, String password) {
        return go("/signin").type("#email", email).type("#password", password).click("button[type=submit]").waitForPath("/");
    }

    /** A GET of {@code path} by the page's own script, with the browser's session; answers the body, or "failed: …". */
    public String fetch(String path) {
        return (String) ((org.openqa.selenium.JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0]).then(r => r.ok ? r.text() : 'failed: ' + r.status).then(done, e => done('failed: ' + e));",
                path);
    }

    public Browser waitForPath(String path) {
        waitFor(d -> path().equals(path) ? Boolean.TRUE : null);
        return this;
    }

    /** Saves a screenshot under target/screenshots, for looking at a failure. */
    public Path screenshot(String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void deleteCookies() {
        driver.manage().deleteAllCookies();
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(userData)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // temporary folder
        }
    }
}
