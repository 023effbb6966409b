package dev.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.Api;
import dev.switchboard.testing.Browser;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The settings and platform pages' forms in a real browser, where Alpine's confirmation dialog
 * and the select boxes are in play: saving settings, creating and revoking an API key,
 * inviting, filtering the audit log, reading the jobs and the invitation in the outbox. Screenshots land in
 * target/screenshots.
 */
@SwitchboardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SettingsAndAdminBrowserTest {

    @LocalServerPort int port;
    @Autowired TestDatabase database;
    @Autowired MockMvc mvc;
    Browser browser;

    @BeforeAll
    void openBrowser() {
        browser = Browser.open(port);
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anAdminUsesTheSettingsAndPlatformPages() {
        Api.Account admin = new Api(mvc).signUp("Lakeside Browser Clinics");
        database.owner().sql("update users set platform_role = 'platform_admin' where id = ?").param(admin.userId()).update();
        browser.go("/signin").type("#email", admin.email()).type("#password", Api.PASSWORD)
                .click("button[type=submit]").waitForPath("/");

        browser.go("/settings/organization");
        new Select(browser.find("#timeZone")).selectByValue("Europe/Berlin");
        new Select(browser.find("#defaultPhoneRegion")).selectByValue("DE");
        browser.click("form[action='/settings/organization'] button[type=submit]");
        waitForText("The organization settings are saved.");
        assertThat(new Select(browser.find("#timeZone")).getFirstSelectedOption().getAttribute("value")).isEqualTo("Europe/Berlin");
        browser.screenshot("settings-01-organization-saved");

        String invitee = Api.uniqueEmail("front-desk");
        browser.go("/settings/members").type("#email", invitee);
        browser.click("form[action='/settings/invitations'] button[type=submit]");
        waitForText("Invitation sent to " + invitee);

        browser.go("/settings/api-keys").type("#name", "CRM sync");
        browser.click("label[for='scopes-organization-read']");
        browser.click("form[action='/settings/api-keys'] button[type=submit]");
        waitForText("Copy the key “CRM sync” now");
        assertThat(browser.find("#secret-value").getAttribute("value")).startsWith("sbk_");
        browser.screenshot("settings-02-api-key-created");

        browser.go("/settings/api-keys");
        browser.click("form[action$='/revoke'] button[type=submit]");
        browser.waitFor(d -> d.findElement(By.cssSelector("dialog[open]")).isDisplayed() ? Boolean.TRUE : null);
        assertThat(browser.text("dialog[open] .dialog-title")).isEqualTo("Revoke “CRM sync”?");
        browser.screenshot("settings-03-revoke-confirmation");
        browser.click("dialog[open] button[type=submit]").waitForPath("/settings/api-keys");
        waitForText("The key is revoked");
        assertThat(browser.text("section[aria-labelledby=keys-title] tbody")).contains("Revoked");

        browser.go("/settings/audit-log");
        new Select(browser.find("#action")).selectByValue("api_key.revoked");
        browser.click("form[action='/settings/audit-log'] button[type=submit]");
        browser.waitFor(d -> d.getCurrentUrl().contains("action=api_key.revoked") ? Boolean.TRUE : null);
        assertThat(browser.text("table tbody")).contains("api_key.revoked").doesNotContain("api_key.created");
        browser.screenshot("settings-04-audit-log-filtered");

        browser.go("/admin/organizations?q=Lakeside Browser");
        assertThat(browser.text("table tbody")).contains("Lakeside Browser Clinics");
        browser.screenshot("admin-01-organizations");

        browser.go("/admin/jobs?tab=scheduled");
        assertThat(browser.text(".tabs")).contains("Scheduled").contains("Parked");
        browser.screenshot("admin-02-jobs");

        browser.go("/admin/outbox");
        browser.driver().findElements(By.cssSelector("tbody tr")).stream()
                .filter(row -> row.getText().contains(invitee)).findFirst().orElseThrow()
                .findElement(By.cssSelector("a.row-link")).click();
        browser.waitFor(d -> d.getCurrentUrl().contains("message=") ? Boolean.TRUE : null);
        assertThat(browser.text(".split section:last-child")).contains(invitee).contains("/invitations/sbi_");
        browser.screenshot("admin-03-outbox-message");
    }

    private void waitForText(String text) {
        browser.waitFor(d -> browser.pageText().contains(text) ? Boolean.TRUE : null);
    }
}
