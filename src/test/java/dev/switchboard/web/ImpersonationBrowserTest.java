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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A platform admin acts as a customer from the Users page, with a reason, sees the banner on
 * every page while it lasts, and stops from the banner. Screenshots land in target/screenshots.
 */
@SwitchboardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImpersonationBrowserTest {

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
    void aPlatformAdminImpersonatesACustomerAndStops() {
        Api api = new Api(mvc);
        Api.Account customer = api.signUp("Harbor Browser Realty");
        Api.Account operator = api.signUp("Switchboard Operations");
        database.owner().sql("update users set platform_role = 'platform_admin' where id = ?").param(operator.userId()).update();

        browser.go("/signin").type("#email", operator.email()).type("#password", Api.PASSWORD)
                .click("button[type=submit]").waitForPath("/");
        browser.click("a[href='/admin/users']").waitForPath("/admin/users");
        browser.type("#q", customer.email()).click("form[role=search] button[type=submit]");
        browser.waitFor(d -> browser.pageText().contains(customer.email()) && browser.driver().getCurrentUrl().contains("q=")
                ? Boolean.TRUE : null);
        browser.screenshot("impersonation-01-users");

        browser.click("button[data-action='/admin/users/" + customer.userId() + "/impersonate']");
        browser.type("#impersonation-reason", "Support ticket 4711: campaign stuck");
        browser.screenshot("impersonation-02-dialog");
        browser.click("dialog[open] button[type=submit]").waitForPath("/");
        assertThat(browser.text(".impersonation")).contains("You are acting as").contains("Ada Admin")
                .contains("Support ticket 4711");
        assertThat(browser.pageText()).contains("Harbor Browser Realty").doesNotContain("Platform admin");
        browser.screenshot("impersonation-03-banner");

        browser.click(".impersonation button[type=submit]").waitForPath("/admin/users");
        browser.waitFor(d -> browser.pageText().contains("You are yourself again.") ? Boolean.TRUE : null);
        assertThat(browser.driver().findElements(org.openqa.selenium.By.cssSelector(".impersonation"))).isEmpty();
        browser.screenshot("impersonation-04-stopped");
    }
}
