package dev.switchboard.telephony;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.switchboard.testing.PageRequests.form;
import static dev.switchboard.testing.PageRequests.page;
import static dev.switchboard.testing.PageRequests.session;
import static dev.switchboard.testing.PageRequests.withoutCsrf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.identity.Pages;
import dev.switchboard.identity.internal.credentials.Sessions;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import dev.switchboard.testing.Vendors;
import jakarta.servlet.http.Cookie;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The phone numbers page (agents per number, the primary number, whether outbound calls can be
 * placed) and the integrations settings page, as each role sees them.
 */
@SwitchboardTest
class PhoneNumberAndIntegrationPagesTest {

    private static final String KEY = "key_live_1234567890abcd";

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    @Autowired Sessions sessions;
    static JdbcClient owner;
    Api api;
    Api.Account admin;
    Cookie adminSession;
    Cookie managerSession;
    Cookie viewerSession;

    @BeforeEach
    void setUp() {
        api = new Api(mvc);
        if (owner == null) {
            owner = database.owner();
        }
        Vendors.server().resetAll();
        admin = api.signUp("Numbers Pages Co");
        adminSession = session(sessions, admin.userId(), admin.organizationId());
        managerSession = session(sessions, member("manager"), admin.organizationId());
        viewerSession = session(sessions, member("viewer"), admin.organizationId());
    }

    // ── phone numbers ───────────────────────────────────────────────────────────────────────

    @Test
    void withoutNumbersThePageExplainsWhoAssignsThem() {
        String page = html(api.perform(page("/phone-numbers", adminSession)), 200);
        assertThat(page).contains("No phone numbers yet").contains("platform administrator assigns")
                .contains("sandbox get a number automatically").contains("No phone numbers assigned to organization.");
    }

    @Test
    void adminsChooseTheOutboundAgentAndTheNumberBecomesReady() {
        UUID agent = agent("Caller Carl");
        UUID primary = number("Main line", true);
        UUID second = number("Second line", false);
        String before = html(api.perform(page("/phone-numbers", adminSession)), 200);
        assertThat(before).contains("Not ready for outbound calls").contains("has no outbound agent")
                .contains("Caller Carl (draft)").contains("action=\"/phone-numbers/" + primary + "/agents\"")
                .contains("action=\"/phone-numbers/" + second + "/primary\"")
                .doesNotContain("action=\"/phone-numbers/" + primary + "/primary\"");

        MvcResult saved = api.perform(form("/phone-numbers/" + primary + "/agents", adminSession,
                "inboundAgentId", "", "outboundAgentId", agent.toString()));
        assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo("/phone-numbers");
        assertThat((String) saved.getFlashMap().get(Pages.FLASH_SUCCESS)).endsWith("are saved.");
        String after = html(api.perform(page("/phone-numbers", adminSession)), 200);
        assertThat(after).contains("Ready for outbound calls from Main line (");

        MvcResult madePrimary = api.perform(form("/phone-numbers/" + second + "/primary", adminSession));
        assertThat((String) madePrimary.getFlashMap().get(Pages.FLASH_SUCCESS)).endsWith("is now the primary number.");
        assertThat(html(api.perform(page("/phone-numbers", adminSession)), 200)).contains("Not ready for outbound calls")
                .contains("Second line");
    }

    @Test
    void anotherOrganizationsAgentIsRefusedWithAMessage() {
        UUID primary = number("Main line", true);
        MvcResult refused = api.perform(form("/phone-numbers/" + primary + "/agents", adminSession,
                "inboundAgentId", UUID.randomUUID().toString(), "outboundAgentId", ""));
        assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/phone-numbers");
        assertThat((String) refused.getFlashMap().get(Pages.FLASH_DANGER))
                .isEqualTo("The inbound agent is not one of your organization's agents.");
    }

    @Test
    void managersAndViewersSeeTheNumbersReadOnly() {
        UUID primary = number("Main line", true);
        for (Cookie session : new Cookie[] {managerSession, viewerSession}) {
            String page = html(api.perform(page("/phone-numbers", session)), 200);
            assertThat(page).contains("Main line").contains("Only organization admins")
                    .doesNotContain("action=\"/phone-numbers/" + primary + "/agents\"");
            assertThat(page).containsPattern("id=\"outbound-" + primary + "\"[^>]*disabled");
        }
        html(api.perform(form("/phone-numbers/" + primary + "/primary", managerSession)), 403);
    }

    @Test
    void anotherOrganizationsNumberIsNotFoundAndFormsNeedTheirCsrfField() {
        UUID primary = number("Main line", true);
        Api.Account other = api.signUp("Other Numbers Co");
        Cookie otherSession = session(sessions, other.userId(), other.organizationId());
        html(api.perform(form("/phone-numbers/" + primary + "/primary", otherSession)), 404);
        html(api.perform(form("/phone-numbers/" + primary + "/agents", otherSession, "outboundAgentId", "")), 404);
        assertThat(api.perform(withoutCsrf("/phone-numbers/" + primary + "/primary", adminSession)).getResponse().getStatus())
                .isEqualTo(403);
    }

    // ── integrations ────────────────────────────────────────────────────────────────────────

    @Test
    void adminsGetAFormPerProviderOthersReadOnly() {
        String asAdmin = html(api.perform(page("/settings/integrations", adminSession)), 200);
        assertThat(asAdmin).contains("Retell").contains("Vapi").contains("Twilio").contains("Account SID")
                .contains("action=\"/settings/integrations/retell\"").contains("action=\"/settings/integrations/twilio\"")
                .contains("href=\"/settings/integrations\" aria-current=\"page\"");
        String asViewer = html(api.perform(page("/settings/integrations", viewerSession)), 200);
        assertThat(asViewer).contains("Retell").contains("Only organization admins connect accounts")
                .doesNotContain("action=\"/settings/integrations/retell\"");
        html(api.perform(form("/settings/integrations/retell", managerSession, "apiKey", KEY)), 403);
    }

    @Test
    void aRefusedKeyIsShownNextToItsField() {
        String shortKey = html(api.perform(form("/settings/integrations/retell", adminSession, "apiKey", "abc")), 422);
        assertThat(shortKey).contains("id=\"retell-apiKey-error\"").contains("Is required: your retell API key");

        Vendors.server().stubFor(get(urlEqualTo("/retell/get-concurrency"))
                .willReturn(aResponse().withStatus(401).withBody("{\"message\":\"Invalid API Key\"}")));
        String rejected = html(api.perform(form("/settings/integrations/retell", adminSession, "apiKey", "key_wrong_999999")), 422);
        assertThat(rejected).contains("id=\"retell-apiKey-error\"").doesNotContain("key_wrong_999999");

        String twilio = html(api.perform(form("/settings/integrations/twilio", adminSession, "apiKey", KEY,
                "accountSid", "nope")), 422);
        assertThat(twilio).contains("id=\"twilio-accountSid-error\"").contains("value=\"nope\"");
    }

    @Test
    void anOwnAccountIsConnectedAndDisconnected() {
        Vendors.server().stubFor(get(urlEqualTo("/retell/get-concurrency"))
                .willReturn(aResponse().withStatus(200).withBody("{\"current_concurrency\":0,\"concurrency_limit\":20}")));
        MvcResult connected = api.perform(form("/settings/integrations/retell", adminSession, "apiKey", KEY));
        assertThat(connected.getResponse().getRedirectedUrl()).isEqualTo("/settings/integrations");
        assertThat(connected.getFlashMap().get(Pages.FLASH_SUCCESS)).isEqualTo("Retell now uses your own account (key ending in abcd).");
        assertThat(html(api.perform(page("/settings/integrations", viewerSession)), 200))
                .contains("Using your own account (key ending in <span class=\"mono\">abcd</span>, checked");
        assertThat(html(api.perform(page("/settings/integrations", adminSession)), 200))
                .contains("action=\"/settings/integrations/retell/disconnect\"");

        MvcResult disconnected = api.perform(form("/settings/integrations/retell/disconnect", adminSession));
        assertThat(disconnected.getFlashMap().get(Pages.FLASH_SUCCESS)).isEqualTo("Retell now uses the platform's account.");
        assertThat(api.perform(withoutCsrf("/settings/integrations/retell/disconnect", adminSession)).getResponse().getStatus())
                .isEqualTo(403);
    }

    private UUID number(String name, boolean primary) {
        UUID id = UUID.randomUUID();
        String e164 = "+1415" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
        owner.sql("insert into phone_numbers (id, e164, display_name, provider) values (?, ?, ?, 'sandbox')")
                .params(id, e164, name).update();
        owner.sql("insert into organization_phone_numbers (organization_id, phone_number_id, is_primary) values (?, ?, ?)")
                .params(admin.organizationId(), id, primary).update();
        return id;
    }

    private UUID agent(String name) {
        MvcResult saved = api.perform(form("/agents/new", adminSession, "name", name, "promptTemplate", "Hello",
                "tools", "", "conversationFlow", ""));
        assertThat(saved.getResponse().getStatus()).isEqualTo(302);
        return UUID.fromString(saved.getResponse().getRedirectedUrl().substring("/agents/".length()));
    }

    private UUID member(String role) {
        UUID id = UUID.randomUUID();
        owner.sql("insert into users (id, email, full_name, password_hash) values (?, ?, 'Pat Person', '{noop}unusable')")
                .params(id, Api.uniqueEmail(role)).update();
        owner.sql("insert into memberships (organization_id, user_id, role) values (?, ?, ?)")
                .params(admin.organizationId(), id, role).update();
        return id;
    }

    private static String html(MvcResult result, int expectedStatus) {
        try {
            String body = result.getResponse().getContentAsString();
            assertThat(result.getResponse().getStatus()).as(body).isEqualTo(expectedStatus);
            return body;
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
