package dev.switchboard.identity;

import static dev.switchboard.testing.PageRequests.form;
import static dev.switchboard.testing.PageRequests.page;
import static dev.switchboard.testing.PageRequests.session;
import static dev.switchboard.testing.PageRequests.withoutCsrf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.identity.internal.credentials.Sessions;
import dev.switchboard.platform.JobRequest;
import dev.switchboard.platform.Jobs;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The platform administration pages, and that nobody else reaches them. */
@SwitchboardTest
class AdminPagesTest {

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    @Autowired Sessions sessions;
    @Autowired Jobs jobs;
    Api api;
    OrganizationFixture fixture;
    Api.Account customer;
    Cookie customerSession;
    UUID adminId;
    Cookie adminSession;

    @BeforeEach
    void setUp() {
        api = new Api(mvc);
        fixture = new OrganizationFixture(api, database);
        customer = api.signUp("Customer Pages Co " + UUID.randomUUID().toString().substring(0, 6));
        customerSession = session(sessions, customer.userId(), customer.organizationId());
        Api.Account operator = api.signUp("Operator Pages Co");
        adminId = operator.userId();
        fixture.owner().sql("update users set platform_role = 'platform_admin' where id = ?").param(adminId).update();
        adminSession = session(sessions, adminId, operator.organizationId());
    }

    @Test
    void adminOpensTheOrganizations() {
        assertThat(perform(page("/admin", adminSession)).getResponse().getRedirectedUrl()).isEqualTo("/admin/organizations");
    }

    @Test
    void organizationMembersCannotOpenPlatformAdministration() {
        for (MockHttpServletRequestBuilder attempt : new MockHttpServletRequestBuilder[] {
                page("/admin/organizations", customerSession), page("/admin/users", customerSession),
                page("/admin/jobs", customerSession), page("/admin/outbox", customerSession),
                form("/admin/users/" + adminId + "/impersonate", customerSession, "reason", "just looking", "minutes", "5")}) {
            MvcResult result = perform(attempt);
            assertThat(result.getResponse().getStatus()).isEqualTo(403);
            assertThat(result.getResponse().getForwardedUrl()).isEqualTo("/error");
        }
    }

    @Test
    void organizationsAreSearchedByName() {
        String page = html(perform(page("/admin/organizations?q=" + customerName().substring(0, 22), adminSession)), 200);
        assertThat(page).contains(customer.organizationId().toString()).contains("Starter")
                .doesNotContain("Suspend");
        String none = html(perform(page("/admin/organizations?q=no-such-organization-anywhere", adminSession)), 200);
        assertThat(none).contains("No organization matches").contains("Clear search");
    }

    @Test
    void usersAreListedWithImpersonationForMembersOnly() {
        String page = html(perform(page("/admin/users?q=" + customer.email(), adminSession)), 200);
        assertThat(page).contains(customer.email()).contains("data-action=\"/admin/users/" + customer.userId() + "/impersonate\"");
        String self = html(perform(page("/admin/users?q=" + email(adminId), adminSession)), 200);
        assertThat(self).contains("Platform admins cannot be impersonated").doesNotContain("data-action=\"/admin/users/");
    }

    @Test
    void impersonationStartsFromTheUsersPageAndStopsFromTheBanner() {
        MvcResult started = perform(form("/admin/users/" + customer.userId() + "/impersonate", adminSession,
                "reason", "Support ticket 4711", "minutes", "15"));
        assertThat(started.getResponse().getRedirectedUrl()).isEqualTo("/");
        Cookie imposter = started.getResponse().getCookie("sb_session");
        Cookie origin = started.getResponse().getCookie("sb_origin");
        assertThat(origin.getValue()).isEqualTo(adminSession.getValue());
        assertThat(imposter.getValue()).isNotEqualTo(adminSession.getValue());

        String dashboard = html(perform(page("/", imposter)), 200);
        assertThat(dashboard).contains("You are acting as").contains("Support ticket 4711").contains(customerName())
                .doesNotContain("href=\"/admin/jobs\"");

        MvcResult stopped = perform(form("/admin/impersonation/stop", imposter).cookie(origin));
        assertThat(stopped.getResponse().getRedirectedUrl()).isEqualTo("/admin/users");
        assertThat(stopped.getResponse().getCookie("sb_session").getValue()).isEqualTo(adminSession.getValue());
    }

    @Test
    void impersonationProblemsAreShownAboveTheUsers() {
        MvcResult noReason = perform(form("/admin/users/" + customer.userId() + "/impersonate", adminSession,
                "reason", "hm", "minutes", "15"));
        assertThat(noReason.getResponse().getRedirectedUrl()).isEqualTo("/admin/users");
        assertThat((String) noReason.getFlashMap().get(Pages.FLASH_DANGER)).contains("say why");

        UUID loner = UUID.randomUUID();
        fixture.owner().sql("insert into users (id, email, full_name, password_hash) values (?, ?, 'Lone Person', '{noop}x')")
                .params(loner, Api.uniqueEmail("loner")).update();
        MvcResult noOrganization = perform(form("/admin/users/" + loner + "/impersonate", adminSession,
                "reason", "Checking their account", "minutes", "5"));
        assertThat((String) noOrganization.getFlashMap().get(Pages.FLASH_DANGER)).contains("belongs to no organization");

        MvcResult forged = perform(withoutCsrf("/admin/users/" + customer.userId() + "/impersonate", adminSession,
                "reason", "Support ticket 4711", "minutes", "15"));
        assertThat(forged.getResponse().getStatus()).isEqualTo(403);
        assertThat(forged.getResponse().getCookie("sb_origin")).isNull();
    }

    @Test
    void jobsAreListedByStateAndCancelledOrRunAgain() {
        String instance = "pages test/" + UUID.randomUUID() + " ä";
        jobs.schedule(JobRequest.of("test-record", instance, Map.of("text", "from the jobs page"))
                .at(Instant.now().plus(Duration.ofDays(3))));
        String scheduled = html(perform(page("/admin/jobs?tab=scheduled", adminSession)), 200);
        String id = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("test-record\n" + instance).getBytes(StandardCharsets.UTF_8));
        assertThat(scheduled).contains(instance).contains("/admin/jobs/" + id + "/cancel?tab=scheduled")
                .containsPattern("Parked <span class=\"count\">\\d+</span>");

        MvcResult cancelled = perform(form("/admin/jobs/" + id + "/cancel?tab=scheduled", adminSession));
        assertThat(cancelled.getResponse().getRedirectedUrl()).isEqualTo("/admin/jobs?tab=scheduled");
        assertThat((String) cancelled.getFlashMap().get(Pages.FLASH_SUCCESS)).contains("is cancelled");
        assertThat(html(perform(page("/admin/jobs?tab=scheduled", adminSession)), 200)).doesNotContain(instance);
        assertThat(fixture.owner().sql("select count(*) from platform_audit_events where action = 'job.cancelled' "
                + "and target_id = ?").param("test-record/" + instance).query(Long.class).single()).isEqualTo(1);

        MvcResult gone = perform(form("/admin/jobs/" + id + "/retry?tab=failed", adminSession));
        assertThat(gone.getResponse().getRedirectedUrl()).isEqualTo("/admin/jobs?tab=failed");
        assertThat((String) gone.getFlashMap().get(Pages.FLASH_WARNING)).contains("is no longer there");

        String later = "pages later " + UUID.randomUUID();
        jobs.schedule(JobRequest.of("test-record", later, Map.of("text", "run me now"))
                .at(Instant.now().plus(Duration.ofDays(3))));
        String laterId = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("test-record\n" + later).getBytes(StandardCharsets.UTF_8));
        MvcResult retried = perform(form("/admin/jobs/" + laterId + "/retry?tab=scheduled", adminSession));
        assertThat((String) retried.getFlashMap().get(Pages.FLASH_SUCCESS)).contains("runs again now");

        assertThat(html(perform(form("/admin/jobs/not-a-job!/cancel", adminSession)), 404)).contains("This job was not found");

        // The daily clean-up runs on a schedule: it can run now, but cancelling it would stop it until a restart.
        String cleanup = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("cleanup-expired\nrecurring".getBytes(StandardCharsets.UTF_8));
        assertThat(scheduled).contains("Runs on a schedule").doesNotContain("/admin/jobs/" + cleanup + "/cancel");
        MvcResult refused = perform(form("/admin/jobs/" + cleanup + "/cancel?tab=scheduled", adminSession));
        assertThat((String) refused.getFlashMap().get(Pages.FLASH_DANGER)).contains("cannot be cancelled");
    }

    @Test
    void theOutboxListsEveryMailAndOpensOne() {
        String invitee = Api.uniqueEmail("outboxed");
        perform(form("/settings/invitations", customerSession, "email", invitee, "role", "viewer"));
        UUID mail = fixture.owner().sql("select id from mail_outbox where to_address = ?").param(invitee)
                .query(UUID.class).single();

        String list = html(perform(page("/admin/outbox", adminSession)), 200);
        assertThat(list).contains(invitee).contains("href=\"/admin/outbox?message=" + mail + "\"")
                .contains("No e-mail selected").doesNotContain("/retry");

        String opened = html(perform(page("/admin/outbox?message=" + mail, adminSession)), 200);
        assertThat(opened).contains("/invitations/sbi_").containsPattern("badge-(info|neutral)\">(Queued|Captured)<");
        html(perform(page("/admin/outbox?message=" + UUID.randomUUID(), adminSession)), 404);
    }

    private MvcResult perform(MockHttpServletRequestBuilder request) {
        return api.perform(request);
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

    private String customerName() {
        return fixture.owner().sql("select name from organizations where id = ?").param(customer.organizationId())
                .query(String.class).single();
    }

    private String email(UUID userId) {
        return fixture.owner().sql("select email from users where id = ?").param(userId).query(String.class).single();
    }
}
