package dev.switchboard.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.realtime.LiveEvents.Channel;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.Browser;
import dev.switchboard.testing.SwitchboardTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;

/**
 * In a real browser, a page that declares {@code data-live-channels} receives its organization's
 * events as {@code live-<type>} DOM events on the body, over the session cookie.
 */
@SwitchboardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveBrowserTest {

    @LocalServerPort int port;
    @Autowired MockMvc mvc;
    @Autowired LiveEvents live;
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
    void aPageFollowingTheCallsChannelReceivesCallChangesAsDomEvents() {
        Api.Account account = new Api(mvc).signUp("Browser Live Dental");
        Api.Account other = new Api(mvc).signUp("Browser Live Rival");
        browser.go("/signin").type("#email", account.email()).type("#password", Api.PASSWORD)
                .click("button[type=submit]").waitForPath("/");
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        // What a calls page declares; htmx:afterSettle is how live.js notices channels of swapped-in content.
        js.executeScript("""
                window.liveReceived = [];
                document.body.addEventListener('live-call-changed', e => window.liveReceived.push(e.detail.marker));
                const follower = document.createElement('div');
                follower.setAttribute('data-live-channels', 'calls');
                document.body.appendChild(follower);
                document.dispatchEvent(new Event('htmx:afterSettle'));""");

        String theirs = UUID.randomUUID().toString();
        String ours = UUID.randomUUID().toString();
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
            live.publish(other.organizationId(), Channel.CALLS, "call-changed", Map.of("marker", theirs));
            live.publish(account.organizationId(), Channel.CALLS, "call-changed", Map.of("marker", ours));
            return received(js).contains(ours);
        });
        assertThat(received(js)).doesNotContain(theirs);
    }

    @SuppressWarnings("unchecked")
    private static List<String> received(JavascriptExecutor js) {
        return (List<String>) js.executeScript("return window.liveReceived;");
    }
}
