package dev.switchboard.web;

import static dev.switchboard.testing.PageRequests.page;
import static dev.switchboard.testing.PageRequests.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.switchboard.identity.internal.credentials.Sessions;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import jakarta.servlet.http.Cookie;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The app shell's pages: the dashboard with the organization's usage, the sections that later
 * features fill (empty until then), and where users without an organization are sent.
 */
@SwitchboardTest
class AppPagesTest {

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    @Autowired Sessions sessions;
    Api api;
    static JdbcClient owner;
    Api.Account admin;
    Cookie viewerSession;

    @BeforeEach
    void setUp() {
        api = new Api(mvc);
        if (owner == null) {
            owner = database.owner(); // one connection for the class: each owner() opens its own
        }
        admin = api.signUp("Shell Co");
        UUID viewer = user(Api.uniqueEmail("viewer"), false);
        owner.sql("insert into memberships (organization_id, user_id, role) values (?, ?, 'viewer')")
                .params(admin.organizationId(), viewer).update();
        viewerSession = session(sessions, viewer, admin.organizationId());
    }

    @Test
    void theDashboardStartsWithItsEmptyStates() {
        String page = html(api.perform(page("/", viewerSession)), 200);
        assertThat(page).contains("<title>Dashboard · Switchboard</title>").contains("Shell Co")
                .contains("No calls yet").contains("No campaigns yet").contains("href=\"/\" aria-current=\"page\"");
    }

    @Test
    void everySectionRendersItsEmptyStateForEveryMember() {
        for (String section : List.of("agents", "campaigns", "calls", "phone-numbers")) {
            String page = html(api.perform(page("/" + section, viewerSession)), 200);
            assertThat(page).as(section).contains("href=\"/" + section + "\" aria-current=\"page\"")
                    .contains("class=\"empty\"").contains("Shell Co");
        }
    }

    @Test
    void signedOutVisitorsAreAskedToSignIn() {
        MvcResult result = api.perform(get("/").accept(MediaType.TEXT_HTML));
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/signin?next=%2F");
    }

    @Test
    void platformAdminsWithoutOrganizationLandOnTheOrganizationsTheyAdminister() {
        Cookie session = session(sessions, user(Api.uniqueEmail("operator"), true), null);
        assertThat(api.perform(page("/", session)).getResponse().getRedirectedUrl()).isEqualTo("/admin/organizations");
        assertThat(api.perform(page("/agents", session)).getResponse().getRedirectedUrl()).isEqualTo("/");
        assertThat(html(api.perform(page("/admin/organizations", session)), 200)).contains("Shell Co");
    }

    @Test
    void membersWithoutOrganizationAreToldHowToJoinOne() {
        String email = Api.uniqueEmail("drifter");
        Cookie session = session(sessions, user(email, false), null);
        String page = html(api.perform(page("/", session)), 200);
        assertThat(page).contains("You are not in an organization yet").contains(email)
                .contains("action=\"/signout\"");
        for (String path : List.of("/settings/members", "/settings/organization", "/calls")) {
            assertThat(api.perform(page(path, session)).getResponse().getRedirectedUrl()).as(path).isEqualTo("/");
        }
    }

    @Test
    void membersWhoseSessionLostItsOrganizationChooseOneOfTheirs() {
        UUID member = user(Api.uniqueEmail("returning"), false);
        owner.sql("insert into memberships (organization_id, user_id, role) values (?, ?, 'manager')")
                .params(admin.organizationId(), member).update();
        Cookie session = session(sessions, member, null);
        String page = html(api.perform(page("/", session)), 200);
        assertThat(page).contains("Choose an organization").contains("action=\"/session/organization\"")
                .contains("value=\"" + admin.organizationId() + "\"").contains("Shell Co");
    }

    private UUID user(String email, boolean platformAdmin) {
        UUID id = UUID.randomUUID();
        owner.sql("insert into users (id, email, full_name, password_hash, platform_role) values (?, ?, 'Pat Person', "
                        + "'{noop}unusable', ?)")
                .params(id, email, platformAdmin ? "platform_admin" : null).update();
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
