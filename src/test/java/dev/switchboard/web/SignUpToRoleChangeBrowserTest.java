package dev.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.Api;
import dev.switchboard.testing.Browser;
import dev.switchboard.testing.Outbox;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An organization's first day in a real browser: sign up, sign out and in again, invite a
 * colleague, who accepts from the e-mailed link in a browser of their own, and promote them.
 * Screenshots of each step land in target/screenshots.
 */
@SwitchboardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignUpToRoleChangeBrowserTest {

    private static final Pattern INVITATION_LINK = Pattern.compile("/invitations/sbi_[A-Za-z0-9_-]+");

    @LocalServerPort int port;
    @Autowired TestDatabase database;
    Browser admin;
    Browser colleague;

    @BeforeAll
    void openBrowsers() {
        admin = Browser.open(port);
        colleague = Browser.open(port);
    }

    @AfterAll
    void closeBrowsers() {
        if (admin != null) {
            admin.close();
        }
        if (colleague != null) {
            colleague.close();
        }
    }

    @Test
    void anAdminSignsUpInvitesAColleagueAndPromotesThem() {
        String adminEmail = Api.uniqueEmail("founder");
        String colleagueEmail = Api.uniqueEmail("colleague");

        admin.go("/signup")
                .type("#organizationName", "Northwind Browser Co")
                .type("#displayName", "Maya Founder")
                .type("#email", adminEmail)
                .type("#password", Api.PASSWORD)
                .click("button[type=submit]")
                .waitForPath("/");
        waitForText(admin, "Welcome to Switchboard");
        assertThat(admin.pageText()).contains("Northwind Browser Co").contains("No calls yet");
        admin.screenshot("signup-01-dashboard");

        signOut(admin);
        admin.screenshot("signup-02-signed-out");
        admin.type("#email", adminEmail).type("#password", Api.PASSWORD).click("button[type=submit]").waitForPath("/");

        admin.click("a.nav-item[href='/settings/organization']").waitForPath("/settings/organization");
        admin.click("a[href='/settings/members']").waitForPath("/settings/members");
        admin.type("#email", colleagueEmail);
        new Select(admin.find("#role")).selectByValue("viewer");
        admin.click("form[action='/settings/invitations'] button[type=submit]").waitForPath("/settings/members");
        waitForText(admin, "Invitation sent to " + colleagueEmail);
        assertThat(admin.text("section[aria-labelledby=invitations-title]")).contains(colleagueEmail);
        admin.screenshot("signup-03-invited");

        Matcher link = INVITATION_LINK.matcher(Outbox.latest(database, colleagueEmail, "invitation"));
        assertThat(link.find()).isTrue();
        colleague.go(link.group());
        assertThat(colleague.pageText()).contains("Join Northwind Browser Co");
        colleague.screenshot("signup-04-invitation");
        colleague.type("#displayName", "Sam Colleague").type("#password", "another long passphrase")
                .click("button[type=submit]").waitForPath("/");
        waitForText(colleague, "You joined Northwind Browser Co.");
        assertThat(roleInMembers(colleague, "Sam Colleague")).isEqualTo("viewer");
        colleague.screenshot("signup-05-joined");

        UUID colleagueId = database.owner().sql("select id from users where email = ?").param(colleagueEmail)
                .query(UUID.class).single();
        admin.go("/settings/members");
        new Select(admin.find("#role-" + colleagueId)).selectByValue("manager");
        admin.waitFor(d -> d.findElement(By.cssSelector(".toasts")).getText().contains("Sam Colleague is now manager.")
                ? Boolean.TRUE : null);
        admin.screenshot("signup-06-promoted");

        assertThat(roleInMembers(colleague, "Sam Colleague")).isEqualTo("manager");
        colleague.click("button[aria-controls=user-menu]");
        // The menu's text reads as empty until the menu has opened.
        String role = colleague.waitFor(d -> {
            String text = d.findElement(By.cssSelector("#user-menu .role-text")).getText();
            return text.isBlank() ? null : text;
        });
        assertThat(role).isEqualToIgnoringCase("manager");
        colleague.screenshot("signup-07-colleague-is-manager");
    }

    /** The role the members table shows for {@code name}, as its own row reads it. */
    private static String roleInMembers(Browser browser, String name) {
        browser.go("/settings/members");
        WebElement row = browser.waitFor(d -> d.findElements(By.cssSelector("section[aria-labelledby=members-title] tbody tr"))
                .stream().filter(r -> r.getText().contains(name)).findFirst().orElse(null));
        return row.findElement(By.cssSelector(".role-text")).getText().toLowerCase(java.util.Locale.ROOT);
    }

    private static void signOut(Browser browser) {
        browser.click("button[aria-controls=user-menu]");
        browser.click("#user-menu button[type=submit]");
        browser.waitForPath("/signin");
        waitForText(browser, "You are signed out.");
    }

    private static void waitForText(Browser browser, String text) {
        browser.waitFor(d -> browser.pageText().contains(text) ? Boolean.TRUE : null);
    }
}
