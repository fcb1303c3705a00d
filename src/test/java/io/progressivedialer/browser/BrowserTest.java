package io.progressivedialer.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.progressivedialer.exotel.ConnectSettings;
import io.progressivedialer.calls.CallRecord;
import io.progressivedialer.calls.CallRecordRepository;
import io.progressivedialer.agents.Agent;
import io.progressivedialer.agents.AgentRepository;
import io.progressivedialer.campaigns.Campaign;
import io.progressivedialer.campaigns.CampaignRepository;
import io.progressivedialer.campaigns.CampaignStatus;
import io.progressivedialer.lead.LeadImport;
import io.progressivedialer.lead.LeadRepository;
import io.progressivedialer.session.SessionService;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.support.ui.FluentWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The pages in Debian's headless Chromium, against the dialer with the stand-in driving real calls: an agent
 * signs in with their password, starts a session, sees the customer being dialled and records an outcome; the wallboard counts it;
 * a supervisor pauses and resumes the campaign there, and reads the sessions in Cockpit. Screenshots go to target/screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:browser;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        "dialer.demo.enabled=false",
        "dialer.simulator.time-scale=0.15",
        // the recordings can be played at once
        "dialer.simulator.recording-delay-seconds=0",
        "dialer.simulator.answered=100",
        "dialer.simulator.busy=0",
        "dialer.simulator.no-answer=0",
        "dialer.simulator.failed=0",
        "dialer.simulator.wrap-up-seconds=100000"})
class BrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static WebDriver browser;

    @LocalServerPort
    int port;
    @Autowired
    CampaignRepository campaigns;
    @Autowired
    AgentRepository agents;
    @Autowired
    LeadImport leadImport;
    @Autowired
    LeadRepository leads;
    @Autowired
    SessionService sessions;
    @Autowired
    CallRecordRepository calls;
    @Autowired
    org.springframework.security.crypto.password.PasswordEncoder passwords;

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String INSTALL = "The browser test drives Debian's Chromium: install it with "
            + "'sudo apt-get install chromium chromium-driver'";

    /**
     * Without Chromium the test is skipped with a line saying how to install it, unless -Dbrowser.required=true
     * (as CI sets it) makes its absence a failure.
     */
    @BeforeAll
    static void openBrowser() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            if (Boolean.getBoolean("browser.required")) {
                throw new IllegalStateException(INSTALL + " (browser.required is set)");
            }
            System.out.println("BrowserTest skipped. " + INSTALL + ".");
            Assumptions.abort(INSTALL);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1280,900",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    /**
     * Waits, looking elements up again while they are missing or gone: the live pages (the wallboard) redraw their
     * rows, so an element found a moment ago may be replaced before it is read or clicked.
     */
    private static FluentWait<WebDriver> waitUpTo(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds)).ignoring(StaleElementReferenceException.class)
                .withMessage(BrowserTest::pageMessage);
    }

    /** What the page told its user, for a wait that timed out. */
    private static String pageMessage() {
        try {
            return "the page says: " + browser.findElements(By.cssSelector(".message")).stream()
                    .map(org.openqa.selenium.WebElement::getText).filter(text -> !text.isBlank()).toList();
        } catch (RuntimeException e) {
            return "the page cannot be read: " + e.getMessage();
        }
    }

    /** Clicks the row's button, found afresh if the page redrew the row meanwhile. */
    private static void clickIn(By row, String button) {
        waitUpTo(10).until(driver -> {
            driver.findElement(row).findElement(By.xpath(".//button[text()='" + button + "']")).click();
            return true;
        });
    }

    private static void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** A campaign that may call at any hour, with 20 seconds of after-call work. */
    private void allDayCampaign(String id, String name) {
        allDayCampaign(id, name, false);
    }

    /** As above; a transactional one's numbers wait for no screening. */
    private void allDayCampaign(String id, String name, boolean transactional) {
        campaigns.save(new Campaign(id, name, "+917314853246", "383431", ZoneId.of("Asia/Kolkata"),
                LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, transactional, 20, CampaignStatus.ACTIVE,
                ConnectSettings.DEFAULTS));
    }

    /** Imports the leads and waits until they are screened against the DND registry. */
    private void importScreened(String campaign, String csv) {
        leadImport.importCsv(campaign, new StringReader(csv));
        for (int i = 0; i < 200 && leads.summary(campaign).awaitingScreening() > 0; i++) {
            sleep(50);
        }
    }

    @Test
    void anAgentWorksAShiftTheWallboardFollowsItAndReportsChartIt() throws IOException {
        // 20 seconds of after-call work; the simulated agents never press 1 on the phone (their wrap-up outlasts the
        // test), so that the desk's Ready button is what ends it
        allDayCampaign("browser", "Renewals");
        agents.save(new Agent("asha", "Asha Rao", "+919900000101"));
        agents.setPasswordHash("asha", passwords.encode("asha-secret-1"));
        agents.save(new Agent("bo", "Bo Singh", "+919900000102"));
        campaigns.setAgents("browser", List.of("asha", "bo"));
        StringBuilder csv = new StringBuilder("phone,name,agent,priority,timezone,city,plan\n"
                + "+919811100001,Ravi Kumar,asha,5,,Pune,Gold\n+919811100002,Meera Iyer,asha,4,,Mumbai,Silver\n"
                + "+919811100003,Kiran Das,asha,3,,Kochi,Gold\n");
        for (int i = 0; i < 30; i++) {
            csv.append("+9198222%05d,Customer %d,bo,1,,Delhi,Silver\n".formatted(i, i));
        }
        importScreened("browser", csv.toString());
        String boSession = sessions.start("bo", "browser").sessionId();

        signIn("/agent.html", "asha", "asha-secret-1");
        waitUpTo(10).until(ExpectedConditions.textToBe(By.id("session-status"), "OFFLINE"));
        assertThat(browser.findElement(By.id("who")).getText()).contains("Asha Rao");

        browser.findElement(By.id("start")).click();
        waitUpTo(20).until(ExpectedConditions.textToBe(By.id("customer-name"), "Ravi Kumar"));
        assertThat(browser.findElement(By.id("customer-number")).getText()).isEqualTo("+919811100001");
        assertThat(browser.findElement(By.id("attributes")).getText()).contains("city", "Pune", "plan", "Gold");
        assertThat(browser.findElement(By.id("lead-selection")).getText()).as("why this customer")
                .contains("lead-selection", "the agent's own leads before the campaign pool");
        screenshot("agent-desk-popup.png");

        // the call ends: after-call work, the outcome saved during it, then Ready brings the next customer
        waitUpTo(30).until(ExpectedConditions.textToBe(By.id("agent-state"), "WRAP_UP"));
        waitUpTo(10).until(ExpectedConditions.elementToBeClickable(By.id("save-outcome")));
        assertThat(browser.findElement(By.cssSelector("#history audio")).getDomAttribute("src"))
                .as("the call's recording, played in the page").contains("exotelrecordings");
        new Select(browser.findElement(By.id("outcome"))).selectByValue("NOT_INTERESTED");
        browser.findElement(By.id("notes")).sendKeys("Renewed elsewhere last month");
        browser.findElement(By.id("save-outcome")).click();
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("outcome-message"),
                "Saved: NOT_INTERESTED"));
        assertThat(browser.findElement(By.id("agent-state")).getText()).as("saving is not being ready")
                .isEqualTo("WRAP_UP");
        assertThat(browser.findElement(By.id("history")).getText()).as("the customer's calls show what was saved")
                .contains("NOT_INTERESTED", "Renewed elsewhere last month");
        screenshot("agent-desk-wrap-up.png");
        List<CallRecord> ashasCalls = calls.list(CallRecordRepository.CallSearch.of(null, null), 1000, false).stream()
                .filter(c -> c.number().equals("+919811100001")).toList();
        assertThat(ashasCalls).singleElement().satisfies(call -> {
            assertThat(call.agentOutcome()).isEqualTo("NOT_INTERESTED");
            assertThat(call.notes()).isEqualTo("Renewed elsewhere last month");
        });
        browser.findElement(By.id("ready")).click();
        waitUpTo(20).until(ExpectedConditions.textToBe(By.id("customer-name"), "Meera Iyer"));

        // a reload mid-call shows the same customer
        browser.navigate().refresh();
        waitUpTo(15).until(ExpectedConditions.textToBe(By.id("customer-name"), "Meera Iyer"));
        screenshot("agent-desk-reloaded.png");

        // a pause asked for during the call begins after it; Ready resumes
        new Select(browser.findElement(By.id("pause-reason"))).selectByValue("break");
        browser.findElement(By.id("pause")).click();
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("agent-state-detail"),
                "pause (break) after this call"));
        browser.navigate().refresh();
        waitUpTo(15).until(ExpectedConditions.textToBePresentInElementLocated(By.id("agent-state-detail"),
                "pause (break) after this call"));
        waitUpTo(40).until(ExpectedConditions.textToBe(By.id("agent-state"), "WRAP_UP"));
        browser.findElement(By.id("ready")).click();
        waitUpTo(20).until(ExpectedConditions.textToBe(By.id("agent-state"), "PAUSED"));
        assertThat(browser.findElement(By.id("agent-state-detail")).getText()).contains("break");
        assertThat(browser.findElement(By.id("agent-state-for")).getText()).as("time in the state")
                .matches("\\d+:\\d\\d");
        screenshot("agent-desk-paused.png");

        // the server drops the desk's stream (three newer screens of the same agent push it out, as many as an agent
        // may have open): the desk says so, reconnects, reads itself again, and follows the calls as before
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("""
                const banner = document.getElementById('connection');
                window.bannerShown = '';
                new MutationObserver(() => {
                  if (!banner.classList.contains('hidden')) window.bannerShown = banner.textContent;
                }).observe(banner, { attributes: true, childList: true });""");
        List<InputStream> otherScreens = openScreens("asha", 3);
        try {
            waitUpTo(10).until(driver -> !"".equals(((org.openqa.selenium.JavascriptExecutor) driver)
                    .executeScript("return window.bannerShown")));
            assertThat(((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return window.bannerShown"))
                    .isEqualTo("Connection to the dialer lost: reconnecting…");
            waitUpTo(20).until(ExpectedConditions.invisibilityOfElementLocated(By.id("connection")));
        } finally {
            for (InputStream screen : otherScreens) {
                screen.close();
            }
        }
        browser.findElement(By.id("ready")).click();
        waitUpTo(20).until(ExpectedConditions.textToBe(By.id("customer-name"), "Kiran Das"));

        // the wallboard, a supervisor's page, follows an agent's state without a reload
        signIn("/wallboard.html", "supervisor", "supervisor");
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("agents"), "Asha Rao"));
        By boState = By.cssSelector("#agents tr[data-agent='bo'] .badge");
        waitUpTo(60).until(ExpectedConditions.textToBe(boState, "WRAP_UP"));
        String marker = "wallboard-" + System.nanoTime();
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.marker = arguments[0]", marker);
        sessions.ready(boSession);
        waitUpTo(20).until(driver -> !driver.findElement(boState).getText().equals("WRAP_UP"));
        By boInState = By.cssSelector("#agents tr[data-agent='bo'] td:nth-child(3) span");
        // the row is drawn again whenever bo's state changes: read it afresh each time
        String inState = waitUpTo(5).until(driver -> driver.findElement(boInState).getText());
        assertThat(inState).as("time in the state").matches("\\d+:\\d\\d");
        waitUpTo(5).until(driver -> !driver.findElement(boInState).getText().equals(inState));
        assertThat(((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return window.marker"))
                .as("the same page, not reloaded").isEqualTo(marker);
        int callsToday = Integer.parseInt(browser.findElement(By.id("calls-today")).getText());
        assertThat(callsToday).isGreaterThanOrEqualTo(1);
        assertThat(browser.findElement(By.id("campaigns")).getText()).contains("Renewals", "CONTACTED", "ACTIVE");
        screenshot("wallboard.png");
        // the supervisor's writes carry the page's CSRF token
        By campaignRow = By.cssSelector("#campaigns tr[data-campaign='browser']");
        clickIn(campaignRow, "Pause");
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(campaignRow, "PAUSED"));
        assertThat(campaigns.find("browser").orElseThrow().status()).isEqualTo(CampaignStatus.PAUSED);
        clickIn(campaignRow, "Resume");
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(campaignRow, "ACTIVE"));

        // the reports page draws its chart from the day's calls
        browser.get(url("/reports.html"));
        waitUpTo(20).until(driver -> !"".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-chart-points"))
                && driver.findElement(By.tagName("body")).getDomAttribute("data-chart-points") != null);
        assertThat(Integer.parseInt(browser.findElement(By.tagName("body")).getDomAttribute("data-chart-points")))
                .isPositive();
        assertThat(((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return Chart.getChart(document.getElementById('chart')).data.datasets[0].data.reduce((a, b) => a + b, 0)"))
                .as("calls charted").satisfies(total -> assertThat(((Number) total).intValue()).isPositive());
        assertThat(browser.findElement(By.id("report")).getText()).contains("browser", "asha");
        screenshot("reports.png");
        browser.findElements(By.cssSelector("#report tbody tr")).stream()
                .filter(row -> row.getText().contains("asha")).findFirst().orElseThrow().click();
        waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#calls audio")));
        assertThat(browser.findElement(By.id("calls")).getText()).contains("+919811100001");
        screenshot("reports-calls.png");
        // a range that ends before it starts: the API's refusal on the page
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "document.getElementById('from').value = '2026-03-02'; document.getElementById('to').value = '2026-03-01';");
        browser.findElement(By.cssSelector("#range button[type='submit']")).click();
        waitUpTo(10).until(driver -> !driver.findElement(By.id("message")).getText().isEmpty());
        assertThat(browser.findElement(By.id("message")).getText()).contains("from");
        screenshot("reports-error.png");

        // the calls list: the latest first, why each customer was chosen, the recording played in the page
        browser.get(url("/calls.html"));
        By ravisCall = By.xpath("//table[@id='calls']//tr[td[text()='+919811100001']]");
        waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(ravisCall));
        assertThat(browser.findElement(ravisCall).getText()).contains("NOT_INTERESTED", "lead-selection");
        assertThat(browser.findElement(ravisCall).findElement(By.tagName("audio")).getDomAttribute("src"))
                .contains("exotelrecordings");
        List<Long> listed = browser.findElements(By.cssSelector("#calls tbody tr")).stream()
                .map(row -> Long.parseLong(row.getDomAttribute("data-call"))).toList();
        assertThat(listed).as("the latest first").isSortedAccordingTo(java.util.Comparator.reverseOrder());
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()",
                browser.findElement(ravisCall));
        screenshot("calls.png");

        browser.get(url("/camunda/app/cockpit/default/"));
        waitUpTo(30).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[type=password]")));
        browser.findElement(By.cssSelector("input[type=text]")).sendKeys("supervisor");
        browser.findElement(By.cssSelector("input[type=password]")).sendKeys("supervisor");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        browser.get(url("/camunda/app/cockpit/default/#/processes"));
        waitUpTo(30).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Agent session"));
        screenshot("cockpit-processes.png");
        browser.findElement(By.linkText("Agent session")).click();
        waitUpTo(30).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "bo:"));
        screenshot("cockpit-sessions.png");
    }

    /** Opens {@code count} event streams of the agent's desk, as a supervisor watching it would. */
    private List<InputStream> openScreens(String agentId, int count) throws IOException {
        HttpClient client = HttpClient.newHttpClient();
        List<InputStream> screens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url("/api/agents/" + agentId + "/events")))
                    .header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString("supervisor:supervisor".getBytes(StandardCharsets.UTF_8)))
                    .header("Accept", "text/event-stream").build();
            try {
                HttpResponse<InputStream> stream = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                assertThat(stream.statusCode()).isEqualTo(200);
                screens.add(stream.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        return screens;
    }

    private void signIn(String page, String username, String password) {
        browser.manage().deleteAllCookies();
        browser.get(url(page));
        waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("password")));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
    }

    /** Types {@code text} into a cell of the table editor, as an analyst does: click, select its text, type. */
    private static void editCell(String cellId, String text) {
        By cell = By.cssSelector("td[data-element-id='" + cellId + "'] [contenteditable]");
        waitUpTo(20).until(ExpectedConditions.elementToBeClickable(cell)).click();
        browser.findElement(cell).sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), text);
        browser.findElement(By.id("loaded")).click(); // leaves the cell, which commits the edit
    }

    private static void acceptConfirmation() {
        waitUpTo(5).until(ExpectedConditions.alertIsPresent()).accept();
    }

    private static List<String> order(String list) {
        return browser.findElements(By.cssSelector("#" + list + " li")).stream()
                .map(item -> item.findElement(By.tagName("strong")).getText()).toList();
    }

    @Test
    void theAnalystEditsPreviewsDeploysAndRollsBackTheRulesInTheBrowser() throws IOException {
        allDayCampaign("rules-page", "Loans");
        agents.save(new Agent("cy", "Cy Rao", "+919900000103"));
        campaigns.setAgents("rules-page", List.of("cy"));
        importScreened("rules-page", "phone,name,agent,priority,timezone,segment\n"
                + "+919833300001,High,,9,,regular\n+919833300002,Vip,,1,,vip\n+919833300003,Middle,,5,,regular\n");
        int before = decisionVersion("lead-score");

        signIn("/rules.html", "analyst", "analyst");
        waitUpTo(20).until(ExpectedConditions.textToBePresentInElementLocated(By.id("loaded"), "lead-score"));
        screenshot("rules-editor.png");

        // a change that breaks a test case is refused, and the page says which case and why
        editCell("lead-score-rule-2-out-0", "-1000");
        browser.findElement(By.id("validate")).click();
        waitUpTo(20).until(ExpectedConditions.textToBePresentInElementLocated(By.id("refusals"),
                "a promised callback is dialled whatever the attempts, before a fresh lead"));
        browser.findElement(By.id("deploy")).click();
        acceptConfirmation();
        waitUpTo(20).until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "case fails"));
        screenshot("rules-refused.png");
        assertThat(decisionVersion("lead-score")).as("nothing deployed").isEqualTo(before);
        browser.findElement(By.id("discard")).click();
        acceptConfirmation();
        waitUpTo(20).until(driver -> driver.findElement(By.id("message")).getText().isEmpty());

        // the vip segment goes far ahead: previewed side by side, the vip lead comes first in the copy
        editCell("lead-score-rule-3-out-0", "500");
        new Select(browser.findElement(By.id("campaign"))).selectByValue("rules-page");
        waitUpTo(10).until(driver -> !new Select(driver.findElement(By.id("agent"))).getOptions().isEmpty());
        browser.findElement(By.id("preview")).click();
        waitUpTo(20).until(driver -> order("copyOrder").size() == 3);
        // deployed: 9 x 10 = 90, 1 x 10 + 50 = 60, 5 x 10 = 50; the copy: the vip's 1 x 10 + 500 = 510 first
        assertThat(order("deployedOrder")).containsExactly("+919833300001", "+919833300002", "+919833300003");
        assertThat(order("copyOrder")).containsExactly("+919833300002", "+919833300001", "+919833300003");
        assertThat(browser.findElement(By.id("copyOrder")).getText()).contains("↑1", "the vip segment goes ahead");
        assertThat(browser.findElement(By.id("validation")).isDisplayed()).as("the refusal went with the discarded copy")
                .isFalse();
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()",
                browser.findElement(By.id("previews")));
        screenshot("rules-preview.png");

        browser.findElement(By.id("deploy")).click();
        acceptConfirmation();
        waitUpTo(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Deployed"));
        assertThat(decisionVersion("lead-score")).isEqualTo(before + 1);
        By newest = By.cssSelector("#versions tr[data-version='" + (before + 1) + "']");
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(newest, "analyst from"));
        clickIn(newest, "What changed");
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("changeList"),
                "changed: the vip segment goes ahead"));
        assertThat(browser.findElement(By.id("changeList")).getText()).contains("→", "500");
        screenshot("rules-versions.png");

        clickIn(By.cssSelector("#versions tr[data-version='" + before + "']"), "Roll back to this");
        acceptConfirmation();
        waitUpTo(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Rolled back"));
        assertThat(decisionVersion("lead-score")).isEqualTo(before + 2);
        browser.findElement(By.id("preview")).click();
        waitUpTo(20).until(driver -> order("deployedOrder").size() == 3
                && order("deployedOrder").get(0).equals("+919833300001"));
        screenshot("rules-rolled-back.png");
    }

    @Autowired
    org.camunda.bpm.engine.RepositoryService repository;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private int decisionVersion(String key) {
        return repository.createDecisionDefinitionQuery().decisionDefinitionKey(key).latestVersion().singleResult()
                .getVersion();
    }

    @Test
    void theSupervisorSetsUpACampaignImportsLeadsAndPausesIt() throws IOException {
        signIn("/agents.html", "supervisor", "supervisor");
        waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("edit")));
        browser.findElement(By.id("id")).sendKeys("dee");
        browser.findElement(By.id("name")).sendKeys("Dee Menon");
        browser.findElement(By.id("phone")).sendKeys("09900000104");
        browser.findElement(By.id("password")).sendKeys("dee-secret-1");
        browser.findElement(By.id("save")).click();
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("agents"), "Dee Menon"));
        assertThat(agents.find("dee").orElseThrow().phone()).isEqualTo("+919900000104");
        assertThat(browser.findElement(By.cssSelector("#agents tr[data-agent='dee'] a")).getDomAttribute("href"))
                .isEqualTo("/agent.html?agent=dee");
        screenshot("agents.png");

        browser.get(url("/campaigns.html"));
        waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[value='dee']")));
        browser.findElement(By.id("id")).sendKeys("winter");
        browser.findElement(By.id("name")).sendKeys("Winter offers");
        browser.findElement(By.id("callerId")).sendKeys("+917314853246");
        browser.findElement(By.id("flowAppId")).sendKeys("383431");
        replace("wrapUpSeconds", "45");
        browser.findElement(By.cssSelector("input[value='dee']")).click();
        browser.findElement(By.id("save")).click();
        By row = By.cssSelector("#campaigns tr[data-campaign='winter']");
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(row, "dee"));
        assertThat(campaigns.find("winter").orElseThrow().wrapUpSeconds()).isEqualTo(45);
        assertThat(campaigns.agentsOf("winter")).containsExactly("dee");
        // a bad caller id: the API's message on the page, nothing saved
        browser.findElement(By.id("new")).click();
        browser.findElement(By.id("id")).sendKeys("bad");
        browser.findElement(By.id("name")).sendKeys("Bad");
        browser.findElement(By.id("callerId")).sendKeys("12");
        browser.findElement(By.id("flowAppId")).sendKeys("383431");
        browser.findElement(By.id("save")).click();
        waitUpTo(10).until(driver -> !driver.findElement(By.id("message")).getText().isEmpty());
        assertThat(campaigns.find("bad")).isEmpty();
        screenshot("campaigns.png");

        // the CSV: its progress, then the rejected rows with their lines and reasons
        Path file = Files.createTempFile("leads", ".csv");
        Files.writeString(file, "phone,name,agent,priority,timezone,Loan Amount\n"
                + "+919844400001,Asha Pillai,dee,5,,150000\n12,Too short,,3,,\n+919844400002,Ravi Nair,,4,,90000\n"
                + "+919844400003,Nobody,ghost,1,,\n");
        browser.get(url("/leads.html"));
        waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#importCampaign option[value='winter']")));
        new Select(browser.findElement(By.id("importCampaign"))).selectByValue("winter");
        browser.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        browser.findElement(By.id("importButton")).click();
        waitUpTo(20).until(ExpectedConditions.textToBePresentInElementLocated(By.id("reportText"), "2 imported, 2 rejected"));
        assertThat(browser.findElement(By.id("progress")).getDomProperty("value")).isEqualTo("1");
        assertThat(browser.findElement(By.id("rejects")).getText()).contains("3", "5", "ghost");
        assertThat(browser.findElement(By.id("rejectsCsv")).getDomAttribute("href")).startsWith("blob:");
        screenshot("leads-import.png");

        // a long file: the bar follows the rows the server has checked and stored (a transactional campaign, so that
        // its numbers wait for no screening)
        allDayCampaign("bulk", "Bulk list", true);
        StringBuilder bulk = new StringBuilder("phone,name,agent,priority,timezone\n");
        for (int i = 0; i < 30_000; i++) {
            bulk.append("+9198455%05d,Bulk %d,,1,\n".formatted(i, i));
        }
        Path bulkFile = Files.createTempFile("bulk", ".csv");
        Files.writeString(bulkFile, bulk);
        browser.navigate().refresh();
        waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#importCampaign option[value='bulk']")));
        new Select(browser.findElement(By.id("importCampaign"))).selectByValue("bulk");
        browser.findElement(By.id("file")).sendKeys(bulkFile.toAbsolutePath().toString());
        browser.findElement(By.id("importButton")).click();
        waitUpTo(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("progressText"),
                "rows checked and stored"));
        double midway = Double.parseDouble(browser.findElement(By.id("progress")).getDomProperty("value"));
        screenshot("leads-import-progress.png");
        waitUpTo(60).until(ExpectedConditions.textToBePresentInElementLocated(By.id("reportText"), "30000 imported"));
        assertThat(midway).as("the bar midway").isGreaterThan(0.0).isLessThan(1.0);

        // find a lead and edit it
        new Select(browser.findElement(By.id("campaign"))).selectByValue("winter");
        browser.findElement(By.id("q")).sendKeys("Ravi");
        browser.findElement(By.id("find")).click();
        By ravi = By.xpath("//table[@id='leads']//tr[td[contains(., 'Ravi Nair')]]");
        waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(ravi));
        assertThat(browser.findElements(By.cssSelector("#leads tbody tr"))).hasSize(1);
        assertThat(browser.findElement(By.id("count")).getText()).isEqualTo("One lead matches.");
        clickIn(ravi, "Edit");
        replace("priority", "9");
        browser.findElement(By.id("agent")).sendKeys("dee");
        browser.findElement(By.id("save")).click();
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("editMessage"), "saved"));
        assertThat(leads.search(new LeadRepository.Search("winter", null, "Ravi", null), 0, 10))
                .singleElement().satisfies(lead -> {
                    assertThat(lead.priority()).isEqualTo(9);
                    assertThat(lead.agentId()).isEqualTo("dee");
                });
        screenshot("leads-edit.png");
        // a search the API refuses (longer than the field allows, set past the page's own limit): its message shown
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "document.getElementById('q').value = 'x'.repeat(201);");
        browser.findElement(By.id("find")).click();
        waitUpTo(10).until(driver -> !driver.findElement(By.id("searchMessage")).getText().isEmpty());
        assertThat(browser.findElement(By.id("searchMessage")).getText()).contains("q size must be between 0 and 200").doesNotContain("list.");
        assertThat(browser.findElements(By.cssSelector("#leads tbody tr"))).as("the last answer's rows stay").hasSize(1);
        screenshot("leads-search-refused.png");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("document.getElementById('q').value = '';");

        // pausing the campaign asks first; dismissed, nothing changes
        browser.get(url("/campaigns.html"));
        waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(row));
        clickIn(row, "Pause");
        waitUpTo(5).until(ExpectedConditions.alertIsPresent()).dismiss();
        assertThat(campaigns.find("winter").orElseThrow().status()).isEqualTo(CampaignStatus.ACTIVE);
        clickIn(row, "Pause");
        acceptConfirmation();
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(row, "PAUSED"));
        assertThat(campaigns.find("winter").orElseThrow().status()).isEqualTo(CampaignStatus.PAUSED);
        screenshot("campaigns-paused.png");

        // a webhook given up on: read as Exotel sent it, tried again
        jdbc.sql("""
                        insert into webhook_inbox (kind, session_id, payload, state, detail, attempts, received_at)
                        values ('status', 'gone', '{"CallSid":"browser-failed","Status":"completed"}', 'FAILED',
                                'could not apply', 9, ?)""").param(java.sql.Timestamp.from(java.time.Instant.now()))
                .update();
        browser.get(url("/webhooks.html"));
        By failed = By.xpath("//table[@id='webhooks']//tr[td[contains(., 'browser-failed')]]");
        waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(failed));
        screenshot("webhooks.png");
        clickIn(failed, "Try again");
        waitUpTo(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "tried again"));

        // a phone's width: nothing runs off the side
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(400, 800));
        for (String page : List.of("/", "/campaigns.html", "/leads.html", "/agents.html", "/webhooks.html",
                "/calls.html", "/reports.html", "/rules.html", "/wallboard.html")) {
            browser.get(url(page));
            sleep(500);
            Object overflow = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(((Number) overflow).intValue()).as(page + " at 400 px").isLessThanOrEqualTo(0);
        }
        screenshot("wallboard-phone.png");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
    }

    /** Replaces an input's value as a person would. */
    private static void replace(String id, String value) {
        var field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }
}
