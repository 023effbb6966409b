package dev.switchboard.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.switchboard.testing.Api;
import dev.switchboard.testing.Browser;
import dev.switchboard.testing.SwitchboardTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * Calls in a real browser on the real embedded sandbox: place a call from the "New call" page,
 * find it in the list with a filter, open it, play its recording and export the filtered list.
 * The property set is CallsEndToEndTest's, so they share one Spring context. Screenshots of each
 * step land in target/screenshots.
 */
@SwitchboardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {
        "switchboard.sandbox.url=",
        "switchboard.sandbox.provision-numbers=true",
        "switchboard.sandbox.time-scale=120",
        "switchboard.sandbox.seed=7"})
class CallsBrowserTest {

    @Autowired MockMvc mvc;
    @LocalServerPort int port;
    Api api;
    Api.Account admin;
    Browser browser;

    @BeforeAll
    void anOrganizationReadyToCallAndABrowser() {
        api = new Api(mvc);
        admin = api.signUp("Browser Dental");
        JsonNode number = await().atMost(Duration.ofSeconds(20)).until(() -> Api.json(api.perform(get("/api/v1/phone-numbers")
                .with(admin.bearer())), 200).get("items"), n -> n.size() == 1).get(0);
        String voice = Api.json(api.perform(get("/api/v1/agents/voices").with(admin.bearer())), 200)
                .get("items").get(0).get("id").asString();
        String agentId = Api.json(api.perform(post("/api/v1/agents").with(admin.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("name", "Browser Reminders", "type", "appointment", "status", "active", "voiceId", voice,
                        "promptTemplate", "You call {{first_name}} to confirm the appointment.",
                        "beginMessage", "Hi {{first_name}}, this is Browser Dental.")))), 201).get("id").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> Api.json(api.perform(get("/api/v1/agents/" + agentId)
                .with(admin.bearer())), 200).get("sync").get("status").asString(), "synced"::equals);
        Api.json(api.perform(patch("/api/v1/phone-numbers/" + number.get("id").asString()).with(admin.bearer())
                .contentType(MediaType.APPLICATION_JSON).content(Api.body(Map.of("outboundAgentId", agentId)))), 204);
        browser = Browser.open(port);
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aCallIsPlacedFoundFilteredOpenedPlayedAndExported() {
        browser.go("/signin").type("#email", admin.email()).type("#password", Api.PASSWORD).click("button[type=submit]")
                .waitForPath("/");
        // A call nobody answers, which the filter below leaves out.
        Api.json(api.perform(post("/api/v1/calls").with(admin.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("to", "+14155550003")))), 201);

        browser.go("/calls/new");
        browser.type("#to", "(415) 555-0001");
        browser.click("#add-variable");
        browser.type(".variable-row:last-of-type input[name=variableName]", "first_name");
        browser.type(".variable-row:last-of-type input[name=variableValue]", "Ann");
        browser.screenshot("calls-01-new-call");
        browser.click("form[action='/calls/new'] button[type=submit]");
        browser.waitFor(d -> browser.path().matches("/calls/[0-9a-f-]{36}") ? Boolean.TRUE : null);
        String callPath = browser.path();
        waitForText("Calling +14155550001.");

        // The sandbox completes the call in a few seconds: the recording appears.
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            browser.go(callPath);
            return !browser.driver().findElements(By.id("recording-player")).isEmpty();
        });
        assertThat(browser.pageText()).contains("Hi Ann");

        browser.go("/calls");
        waitForText("+14155550003");
        browser.screenshot("calls-02-list");
        new Select(browser.find("#disposition")).selectByValue("answered");
        browser.click("form.calls-filters button[type=submit]");
        browser.waitFor(d -> browser.driver().getCurrentUrl().contains("disposition=answered") ? Boolean.TRUE : null);
        waitForText("+14155550001");
        assertThat(browser.text("#calls-table")).doesNotContain("+14155550003");
        browser.screenshot("calls-03-filtered");

        String exportHref = browser.find("#export-calls").getDomAttribute("href");
        assertThat(exportHref).contains("disposition=answered");
        browser.click("#calls-table a.call-link").waitForPath(callPath);
        browser.click("#tab-recording");
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        js.executeScript("const a = document.getElementById('recording-player'); a.muted = true; a.play();");
        browser.waitFor(d -> Boolean.TRUE.equals(js.executeScript(
                "const a = document.getElementById('recording-player'); return a.duration > 0 && (a.currentTime > 0 || a.ended);"))
                ? Boolean.TRUE : null);
        browser.screenshot("calls-04-playing");

        Object csv = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0]).then(r => r.text()).then(done, e => done('failed: ' + e));", exportHref);
        assertThat((String) csv).startsWith("id,created_at,").contains("+14155550001").contains("answered")
                .doesNotContain("+14155550003");
    }

    private void waitForText(String text) {
        browser.waitFor(d -> browser.pageText().contains(text) ? Boolean.TRUE : null);
    }
}
