package dev.switchboard.agents;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The agents pages as each role sees them: the list with its filters and sort, the editor with
 * the provider's voices, field errors, the prompt's variables and the sync panel, and that
 * another organization's agent is "not found".
 */
@SwitchboardTest
class AgentPagesTest {

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
        Vendors.server().stubFor(get(urlEqualTo("/sandbox/list-voices")).willReturn(json(
                "[{\"voice_id\":\"sandbox-ava\",\"voice_name\":\"Ava\",\"provider\":\"sandbox\"}]")));
        admin = api.signUp("Agent Pages Co");
        adminSession = session(sessions, admin.userId(), admin.organizationId());
        managerSession = session(sessions, member("manager"), admin.organizationId());
        viewerSession = session(sessions, member("viewer"), admin.organizationId());
    }

    @Test
    void anAgentIsCreatedFromTheEditorAndListed() {
        String editor = html(api.perform(page("/agents/new", managerSession)), 200);
        assertThat(editor).contains("action=\"/agents/new\"").contains("value=\"sandbox-ava\"").contains("Ava (sandbox)")
                .contains("name=\"_csrf\"");

        MvcResult saved = api.perform(form("/agents/new", managerSession, "name", "Front desk", "type", "support",
                "status", "draft", "voiceId", "sandbox-ava", "language", "en-US",
                "promptTemplate", "Greet {{first_name}} about {{loyalty_tier}}", "tools", "[]", "conversationFlow", ""));
        assertThat(saved.getResponse().getStatus()).isEqualTo(302);
        String location = saved.getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/agents/");
        assertThat((String) saved.getFlashMap().get(Pages.FLASH_SUCCESS)).contains("Front desk");

        String shown = html(api.perform(page(location, adminSession)), 200);
        assertThat(shown).contains("value=\"Front desk\"").contains("{{first_name}}").contains("badge-warning mono")
                .contains("loyalty_tier").contains("Sync");

        String list = html(api.perform(page("/agents", viewerSession)), 200);
        assertThat(list).contains("Front desk").contains("href=\"" + location + "\"").doesNotContain("href=\"/agents/new\"");
        assertThat(html(api.perform(page("/agents?type=sales", adminSession)), 200))
                .doesNotContain("Front desk").contains("No agents match these filters");
        assertThat(html(api.perform(page("/agents?q=front&sort=name", adminSession)), 200))
                .contains("Front desk").contains("href=\"/agents?q=front&amp;sort=-name\"");
    }

    @Test
    void viewersSeeAnAgentReadOnlyAndCannotChangeIt() {
        String id = createAgent("Read only agent");
        String page = html(api.perform(page("/agents/" + id, viewerSession)), 200);
        assertThat(page).contains("read-only").contains("value=\"Read only agent\"").doesNotContain("Save changes")
                .doesNotContain("/delete");
        assertThat(page).containsPattern("id=\"name\"[^>]*disabled");
        html(api.perform(form("/agents/" + id, viewerSession, "name", "Taken", "promptTemplate", "x")), 403);
        html(api.perform(page("/agents/new", viewerSession)), 403);
    }

    @Test
    void fieldErrorsAreShownWithWhatWasTyped() {
        String page = html(api.perform(form("/agents/new", adminSession, "name", "", "type", "custom", "status", "active",
                "promptTemplate", "Hello {{first name}}", "language", "en-US",
                "tools", "[{\"name\":\"Book!\",\"url\":\"ftp://x\"}]", "conversationFlow", "")), 422);
        assertThat(page).contains("id=\"name-error\"").contains("id=\"voiceId-error\"").contains("tools[0].url")
                .contains("tools[0].name").contains("Hello {{first name}}").contains("href=\"#name\"");

        String json = html(api.perform(form("/agents/new", adminSession, "name", "Broken", "promptTemplate", "Hi",
                "tools", "[{", "conversationFlow", "")), 422);
        assertThat(json).contains("Is not valid JSON").contains("[{");
        assertThat(owner.sql("select count(*) from agents where organization_id = ?").param(admin.organizationId())
                .query(Integer.class).single()).isZero();
    }

    @Test
    void theVoiceIdIsTypedWhenTheProviderCannotBeReached() {
        Vendors.server().resetAll();
        Vendors.server().stubFor(get(urlEqualTo("/sandbox/list-voices")).willReturn(aResponse().withStatus(500)));
        String page = html(api.perform(page("/agents/new", adminSession)), 200);
        assertThat(page).contains("could not be reached").contains("Voice id").containsPattern("<input[^>]*name=\"voiceId\"");
    }

    @Test
    void aFailedSyncShowsTheProvidersMessageAndCanBeRetried() {
        String id = createAgent("Failing agent");
        owner.sql("update agents set sync_status = 'failed', sync_error = 'general_prompt is too long' where id = ?::uuid")
                .param(id).update();
        String page = html(api.perform(page("/agents/" + id, adminSession)), 200);
        assertThat(page).contains("general_prompt is too long").contains("Retry sync")
                .contains("action=\"/agents/" + id + "/sync\"");
        assertThat(html(api.perform(page("/agents", adminSession)), 200)).contains("Sync failed").contains("general_prompt is too long");

        MvcResult retried = api.perform(form("/agents/" + id + "/sync", adminSession));
        assertThat(retried.getResponse().getRedirectedUrl()).isEqualTo("/agents/" + id);
        assertThat(retried.getFlashMap().get(Pages.FLASH_SUCCESS)).isEqualTo("The agent is being synced again.");
    }

    @Test
    void anAgentIsDeletedAfterConfirmation() {
        String id = createAgent("Short lived");
        assertThat(html(api.perform(page("/agents/" + id, adminSession)), 200)).contains("action=\"/agents/" + id + "/delete\"");
        MvcResult deleted = api.perform(form("/agents/" + id + "/delete", adminSession));
        assertThat(deleted.getResponse().getRedirectedUrl()).isEqualTo("/agents");
        assertThat(deleted.getFlashMap().get(Pages.FLASH_SUCCESS)).isEqualTo("The agent Short lived is deleted.");
    }

    @Test
    void anotherOrganizationsAgentIsNotFoundAndFormsNeedTheirCsrfField() {
        String id = createAgent("Private agent");
        Api.Account other = api.signUp("Other Agents Co");
        Cookie otherSession = session(sessions, other.userId(), other.organizationId());
        assertThat(html(api.perform(page("/agents/" + id, otherSession)), 404)).contains("Error 404");
        html(api.perform(form("/agents/" + id, otherSession, "name", "Stolen", "promptTemplate", "x")), 404);
        html(api.perform(page("/agents/" + UUID.randomUUID(), adminSession)), 404);

        MvcResult forged = api.perform(withoutCsrf("/agents/" + id + "/delete", adminSession));
        assertThat(forged.getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void theVariablesPreviewAnswersAFragment() {
        String fragment = html(api.perform(form("/agents/variables", adminSession, "promptTemplate",
                "Hi {{first_name}}, your {{mystery}}")), 200);
        assertThat(fragment).contains("id=\"prompt-variables\"").contains("{{first_name}}").contains("mystery")
                .doesNotContain("<html");
    }

    private String createAgent(String name) {
        MvcResult saved = api.perform(form("/agents/new", adminSession, "name", name, "promptTemplate", "Hello there",
                "tools", "", "conversationFlow", ""));
        assertThat(saved.getResponse().getStatus()).isEqualTo(302);
        return saved.getResponse().getRedirectedUrl().substring("/agents/".length());
    }

    private UUID member(String role) {
        UUID id = UUID.randomUUID();
        owner.sql("insert into users (id, email, full_name, password_hash) values (?, ?, 'Pat Person', '{noop}unusable')")
                .params(id, Api.uniqueEmail(role)).update();
        owner.sql("insert into memberships (organization_id, user_id, role) values (?, ?, ?)")
                .params(admin.organizationId(), id, role).update();
        return id;
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
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
