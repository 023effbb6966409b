package dev.switchboard.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.Api;
import dev.switchboard.testing.Browser;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import dev.switchboard.testing.Vendors;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An organization gets ready to call in a real browser: sign up, create an agent, choose it as
 * the outbound agent of the primary number, and see the page say calls can be placed.
 * Screenshots of each step land in target/screenshots.
 */
@SwitchboardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentAndNumberBrowserTest {

    @LocalServerPort int port;
    @Autowired TestDatabase database;
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
    void anAdminCreatesAnAgentAndMakesTheirNumberReadyForOutboundCalls() {
        Vendors.server().resetAll();
        Vendors.server().stubFor(get(urlEqualTo("/sandbox/list-voices")).willReturn(json(
                "[{\"voice_id\":\"sandbox-ava\",\"voice_name\":\"Ava\",\"provider\":\"sandbox\"}]")));
        Vendors.server().stubFor(post(urlEqualTo("/sandbox/create-retell-llm")).willReturn(json("{\"llm_id\":\"llm_b\"}")));
        Vendors.server().stubFor(post(urlEqualTo("/sandbox/create-agent")).willReturn(json("{\"agent_id\":\"agent_b\"}")));
        Vendors.server().stubFor(post(urlPathMatching("/sandbox/.*")).atPriority(10).willReturn(json("{}")));

        String email = Api.uniqueEmail("caller");
        browser.go("/signup")
                .type("#organizationName", "Outbound Browser Co")
                .type("#displayName", "Olive Owner")
                .type("#email", email)
                .type("#password", Api.PASSWORD)
                .click("button[type=submit]")
                .waitForPath("/");
        waitForText("Welcome to Switchboard");
        String e164 = assignNumber(email);

        browser.go("/phone-numbers");
        waitForText("Not ready for outbound calls");
        assertThat(browser.pageText()).contains(e164).contains("has no outbound agent");
        browser.screenshot("outbound-01-not-ready");

        browser.go("/agents");
        waitForText("No agents yet");
        browser.click("a.btn-primary[href='/agents/new']").waitForPath("/agents/new");
        browser.type("#name", "Outbound Olive");
        new Select(browser.find("#type")).selectByValue("sales");
        new Select(browser.find("#voiceId")).selectByValue("sandbox-ava");
        browser.type("#promptTemplate", "Call {{first_name}} about {{renewal_date}}.");
        browser.waitFor(d -> browser.text("#prompt-variables").contains("{{renewal_date}}") ? Boolean.TRUE : null);
        browser.screenshot("outbound-02-new-agent");
        browser.click("form[action='/agents/new'] button[type=submit]");
        waitForText("The agent Outbound Olive is created");
        assertThat(browser.path()).startsWith("/agents/");
        browser.screenshot("outbound-03-agent-saved");

        browser.go("/agents");
        waitForText("Outbound Olive");
        browser.screenshot("outbound-04-agents");

        browser.go("/phone-numbers");
        UUID numberId = database.owner().sql("select id from phone_numbers where e164 = ?").param(e164).query(UUID.class).single();
        new Select(browser.find("#outbound-" + numberId)).selectByVisibleText("Outbound Olive (draft)");
        browser.click("form[action='/phone-numbers/" + numberId + "/agents'] button[type=submit]");
        waitForText("The agents of " + e164 + " are saved.");
        assertThat(browser.text("#outbound-readiness")).contains("Ready for outbound calls from Main line (" + e164 + ")");
        browser.screenshot("outbound-05-ready");
    }

    /** Assigns a new primary number to the organization of {@code email}, as a platform administrator would. */
    private String assignNumber(String email) {
        JdbcClient owner = database.owner();
        UUID organization = owner.sql("select organization_id from memberships m join users u on u.id = m.user_id where u.email = ?")
                .param(email).query(UUID.class).single();
        UUID number = UUID.randomUUID();
        String e164 = "+1415" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
        owner.sql("insert into phone_numbers (id, e164, display_name, provider) values (?, ?, 'Main line', 'sandbox')")
                .params(number, e164).update();
        owner.sql("insert into organization_phone_numbers (organization_id, phone_number_id, is_primary) values (?, ?, true)")
                .params(organization, number).update();
        return e164;
    }

    private void waitForText(String text) {
        browser.waitFor(d -> browser.pageText().contains(text) ? Boolean.TRUE : null);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}
