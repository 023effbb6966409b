package dev.switchboard.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.Browser;
import dev.switchboard.testing.Outbox;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A large campaign (10,000 contacts unless {@code -Dcampaign.size=N} says otherwise) run end to
 * end from the browser on the embedded sandbox: the list uploaded through the upload form and
 * its report read, the campaign created and started from the wizard at 50 calls at once, its
 * page watched (without reloading) until the live updates show it completed, then its figures,
 * its export, its e-mails and that every contact was dialled exactly once.
 *
 * <p>The sandbox runs 600 times real time with room for the campaign's concurrency, so a call
 * lasts a fraction of a second and outcomes follow the sandbox's usual mix (seeded).
 */
@Tag("scale")
@SwitchboardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {
        "switchboard.sandbox.url=",
        "switchboard.sandbox.provision-numbers=true",
        "switchboard.sandbox.time-scale=600",
        "switchboard.sandbox.concurrency-limit=100",
        "switchboard.sandbox.seed=7"})
class LargeCampaignBrowserTest {

    static final int SIZE = Integer.getInteger("campaign.size", 10_000);
    static final int CONCURRENCY = 50;

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    @LocalServerPort int port;
    CampaignFixture fixture;
    Browser browser;

    @BeforeAll
    void anOrganizationReadyToCallAndABrowser() {
        fixture = CampaignFixture.readyToCall(new Api(mvc), database, "Large List Insurance");
        // Calling hours are on by default and there is no page for them yet; at night in Los Angeles they would hold every call.
        fixture.callingRules(Map.of("callingHoursEnabled", false));
        browser = Browser.open(port);
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aLargeListIsUploadedCalledOnceEachAndReportedFromTheBrowser() throws Exception {
        browser.signIn(fixture.admin.email(), Api.PASSWORD);

        browser.go("/contact-lists");
        browser.find("#file").sendKeys(contacts(SIZE).toAbsolutePath().toString());
        browser.type("#name", "Renewals Q1");
        browser.click("form[data-upload-form] button[type=submit]");
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> browser.path().matches("/contact-lists/[0-9a-f-]{36}"));
        String listId = browser.path().substring("/contact-lists/".length());
        String accepted = number(SIZE);
        awaitPageText(Duration.ofMinutes(2), accepted + " contacts ready to call");
        assertThat(browser.text("#list-report")).contains("Every row was accepted.");
        browser.screenshot("large-01-report");

        browser.go("/campaigns");
        browser.type("#name", "Renewals Q1 calls");
        new Select(browser.find("#agentId")).selectByVisibleText("Renewals");
        Select lists = new Select(browser.find("#contactListId"));
        lists.selectByValue(listId);
        assertThat(lists.getFirstSelectedOption().getText()).contains(accepted + " contacts");
        browser.type("#concurrency", String.valueOf(CONCURRENCY));
        browser.click("form[action='/campaigns'] button[type=submit]");
        browser.waitFor(d -> browser.path().matches("/campaigns/[0-9a-f-]{36}") ? Boolean.TRUE : null);
        String campaignPath = browser.path();
        String campaignId = campaignPath.substring("/campaigns/".length());
        browser.waitFor(d -> browser.pageText().contains("Pending") ? Boolean.TRUE : null);

        browser.click("form[action='" + campaignPath + "/start'] button[type=submit]");
        browser.waitFor(d -> browser.pageText().contains("is processing") ? Boolean.TRUE : null);
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        // Records every processed count the page shows, to tell live updates from the page's slow fallback poll.
        js.executeScript("""
                window.progressSeen = new Set();
                const note = () => { const p = document.querySelector('progress[aria-label="Contacts processed"]');
                    if (p) { window.progressSeen.add(document.querySelector('dl.stats').innerText); } };
                new MutationObserver(note).observe(document.body, { childList: true, subtree: true });""");
        long watching = System.nanoTime();
        // Generous: the machine may be shared; an idle one with two cores calls about 90 contacts a second.
        Awaitility.await().atMost(Duration.ofSeconds(120 + SIZE / 10)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> {
                    logProgress(campaignId, watching);
                    return browser.text("section[aria-labelledby=progress-title] .card-header").contains("Completed");
                });
        double watchedSeconds = (System.nanoTime() - watching) / 1e9;
        browser.screenshot("large-02-completed");
        long updates = (Long) js.executeScript("return window.progressSeen.size;");
        // The page refreshes itself every 15 s at the least; a live page shows many more states than that.
        assertThat(updates).as("progress states the page showed in %.0f s", watchedSeconds)
                .isGreaterThan((long) (watchedSeconds / 15) + 2);

        assertThat(stat("Contacts")).isEqualTo(accepted);
        assertThat(stat("Processed")).isEqualTo(accepted + " (100 %)");
        assertThat(List.of(stat("Skipped (do not call)"), stat("In flight"), stat("Waiting"))).containsOnly("0");
        int reached = Integer.parseInt(stat("Reached").replace(",", ""));
        int notReached = Integer.parseInt(stat("Not reached").replace(",", ""));
        assertThat(reached + notReached).isEqualTo(SIZE);
        assertThat(reached).as("reached, of %d", SIZE).isPositive().isLessThan(SIZE);

        String export = fetched(browser.find("#export-campaign").getDomAttribute("href"));
        try (CsvReader<de.siegmar.fastcsv.reader.CsvRecord> rows = CsvReader.builder().ofCsvRecord(export)) {
            List<List<String>> records = rows.stream().map(de.siegmar.fastcsv.reader.CsvRecord::getFields).toList();
            assertThat(records.getFirst()).startsWith("phone_number", "contact_name", "crm_id", "status", "disposition");
            assertThat(records).hasSize(SIZE + 1);
            assertThat(records.stream().skip(1).map(r -> r.get(0)).distinct().count()).isEqualTo(SIZE);
        }
        String campaignStats = fetched("/api/v1/campaigns/" + campaignId + "/stats");
        assertThat(Api.JSON.readTree(campaignStats).get("totalCalls").asInt()).isEqualTo(SIZE);

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
                Outbox.count(database, fixture.admin.email(), "campaign-completed") == 1);
        assertThat(Outbox.count(database, fixture.admin.email(), "campaign-started")).isOne();
        assertThat(Outbox.latest(database, fixture.admin.email(), "campaign-started")).contains(accepted + " contacts");
        assertThat(Outbox.latest(database, fixture.admin.email(), "campaign-completed"))
                .contains("Contacts").contains(accepted).contains(number(reached)).contains(number(notReached));

        var calls = database.owner().sql("""
                        select count(*) as calls, count(distinct contact_id) as contacts, count(distinct to_number) as numbers
                        from calls where campaign_id = ?::uuid""")
                .param(campaignId).query((rs, n) -> List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3))).single();
        assertThat(calls).as("calls, distinct contacts and distinct numbers dialled").containsExactly(SIZE, SIZE, SIZE);
        assertThat(database.owner().sql("select count(*) from campaign_attempts where campaign_id = ?::uuid")
                .param(campaignId).query(Integer.class).single()).isEqualTo(SIZE);
    }

    /** A CSV of {@code size} distinct valid numbers (none a sandbox test number), with a CRM id and two variables. */
    private static Path contacts(int size) throws Exception {
        StringBuilder csv = new StringBuilder("phone_number,crm_id,first_name,plan\n");
        for (int i = 0; i < size; i++) {
            csv.append(String.format(Locale.ROOT, "+1415%03d%04d,CRM-%d,Caller %d,%s%n", 200 + i / 9_000, 1000 + i % 9_000,
                    i, i, i % 3 == 0 ? "gold" : "silver"));
        }
        Path file = Files.createTempFile("large-campaign", ".csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        file.toFile().deleteOnExit();
        return file;
    }

    /** A GET through the browser's own session, answering the body. */
    private String fetched(String path) {
        String body = browser.fetch(path);
        assertThat(body).as(path).doesNotStartWith("failed: ");
        return body;
    }

    private long lastLog;

    /** Every 10 s, how far the campaign got (a long run shows where it spends its time). */
    private void logProgress(String campaignId, long since) {
        if (System.nanoTime() - lastLog < 10_000_000_000L) {
            return;
        }
        lastLog = System.nanoTime();
        String figures = database.owner().sql("""
                        select processed_count || ' processed, ' || (select count(*) from campaign_attempts a
                               where a.campaign_id = c.id and a.state in ('dialing', 'in_call')) || ' in flight'
                        from campaigns c where id = ?::uuid""")
                .param(campaignId).query(String.class).single();
        System.out.printf(Locale.ROOT, "%.0f s: %s%n", (lastLog - since) / 1e9, figures);
    }

    /** The figure the progress card shows under {@code label}. */
    private String stat(String label) {
        return browser.driver().findElement(By.xpath("//dl[@class='stats']/div[dt='" + label + "']/dd")).getText();
    }

    private static String number(long value) {
        return String.format(Locale.ENGLISH, "%,d", value);
    }

    private void awaitPageText(Duration within, String text) {
        Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> browser.pageText().contains(text));
    }
}
