package dev.switchboard.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.Api;
import dev.switchboard.testing.Browser;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A campaign created the way a manager does it, in a real browser on the real embedded sandbox:
 * upload a CSV with one bad row, read the validation report, create the campaign (agent, start
 * now, calls at once, provider batches), start it, watch its live page reach completed with its
 * counters and download the export. Screenshots of each step land in target/screenshots.
 */
@SwitchboardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {
        "switchboard.sandbox.url=",
        "switchboard.sandbox.provision-numbers=true",
        "switchboard.sandbox.time-scale=120",
        "switchboard.sandbox.seed=7"})
class CampaignWizardBrowserTest {

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    @LocalServerPort int port;
    CampaignFixture fixture;
    Browser browser;

    @BeforeAll
    void anOrganizationReadyToCallAndABrowser() {
        fixture = CampaignFixture.readyToCall(new Api(mvc), database, "Wizard Dental");
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
    void aCsvIsUploadedCheckedCalledAsACampaignAndExported() throws Exception {
        browser.signIn(fixture.admin.email(), Api.PASSWORD);

        Path csv = Files.createTempFile("wizard-contacts", ".csv");
        Files.writeString(csv, """
                phone_number,crm_id,first_name
                +14155810001,crm-1,Ann
                +14155820001,crm-2,Bob
                call me maybe,crm-3,Cy
                +14155830001,crm-4,Di
                """, StandardCharsets.UTF_8);
        browser.go("/contact-lists");
        browser.find("#file").sendKeys(csv.toAbsolutePath().toString());
        browser.type("#name", "Wizard list");
        browser.screenshot("wizard-01-upload");
        browser.click("form[data-upload-form] button[type=submit]");
        browser.waitFor(d -> browser.path().matches("/contact-lists/[0-9a-f-]{36}") ? Boolean.TRUE : null);
        String listId = browser.path().substring("/contact-lists/".length());
        waitForText("3 contacts ready to call");
        assertThat(browser.text("#list-report")).contains("1 rows were rejected").contains("call me maybe");
        browser.screenshot("wizard-02-report");

        browser.go("/campaigns");
        browser.type("#name", "Wizard recall");
        new Select(browser.find("#agentId")).selectByVisibleText("Renewals");
        new Select(browser.find("#contactListId")).selectByValue(listId);
        browser.type("#concurrency", "2");
        assertThat(browser.text("#dispatch-mode")).contains("Switchboard's pacer").contains("Provider batch");
        browser.click("#dispatchMode-provider_batch");
        browser.screenshot("wizard-03-campaign");
        browser.click("form[action='/campaigns'] button[type=submit]");
        browser.waitFor(d -> browser.path().matches("/campaigns/[0-9a-f-]{36}") ? Boolean.TRUE : null);
        String campaignPath = browser.path();
        waitForText("Pending");

        browser.click("form[action='" + campaignPath + "/start'] button[type=submit]");
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            browser.go(campaignPath);
            return browser.pageText().contains("Completed");
        });
        assertThat(browser.text("dl.stats")).contains("Contacts").contains("3 (100 %)").contains("Reached");
        browser.screenshot("wizard-04-completed");

        String exportHref = browser.find("#export-campaign").getDomAttribute("href");
        List<String> lines = browser.fetch(exportHref).lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.getFirst()).startsWith("phone_number,contact_name,crm_id,status,disposition,");
        assertThat(String.join("\n", lines)).contains("+14155810001").contains("+14155820001").contains("+14155830001")
                .doesNotContain("call me maybe");
    }

    private void waitForText(String text) {
        browser.waitFor(d -> browser.pageText().contains(text) ? Boolean.TRUE : null);
    }
}
