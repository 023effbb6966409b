package dev.switchboard.identity;

import static dev.switchboard.testing.PageRequests.form;
import static dev.switchboard.testing.PageRequests.page;
import static dev.switchboard.testing.PageRequests.session;
import static dev.switchboard.testing.PageRequests.withoutCsrf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.identity.internal.credentials.Sessions;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.Outbox;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import jakarta.servlet.http.Cookie;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The settings pages as each role sees them: what renders, which forms appear, what a bad
 * submission shows, where a good one leads, and that ids of another organization are "not
 * found".
 */
@SwitchboardTest
class SettingsPagesTest {

    private static final Pattern SECRET = Pattern.compile("sb[a-z]_[A-Za-z0-9_-]{43}");

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    @Autowired Sessions sessions;
    Api api;
    OrganizationFixture fixture;
    Api.Account admin;
    Cookie adminSession;
    Api.Account viewer;
    Cookie viewerSession;
    Cookie managerSession;

    @BeforeEach
    void setUp() {
        api = new Api(mvc);
        fixture = new OrganizationFixture(api, database);
        admin = api.signUp("Settings Co");
        adminSession = session(sessions, admin.userId(), admin.organizationId());
        viewer = fixture.member(admin, Role.VIEWER);
        viewerSession = session(sessions, viewer.userId(), admin.organizationId());
        Api.Account manager = fixture.member(admin, Role.MANAGER);
        managerSession = session(sessions, manager.userId(), admin.organizationId());
    }

    // ── organization ────────────────────────────────────────────────────────────────────────

    @Test
    void settingsOpensTheOrganizationPage() {
        MvcResult result = perform(page("/settings", adminSession));
        assertThat(result.getResponse().getStatus()).isEqualTo(302);
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/settings/organization");
    }

    @Test
    void adminsGetTheSettingsFormViewersSeeThemReadOnly() {
        String asAdmin = html(perform(page("/settings/organization", adminSession)), 200);
        assertThat(asAdmin).contains("value=\"Settings Co\"").contains("Save changes").contains("Europe/Berlin")
                .contains("Germany (+49)").doesNotContain("Only admins can change these settings.");

        String asViewer = html(perform(page("/settings/organization", viewerSession)), 200);
        assertThat(asViewer).contains("Only admins can change these settings.").contains("value=\"Settings Co\"")
                .doesNotContain("Save changes");
        assertThat(asViewer).containsPattern("id=\"name\"[^>]*disabled");
    }

    @Test
    void savedSettingsRedirectWithAMessage() {
        MvcResult result = perform(form("/settings/organization", adminSession, "name", "Settings Company",
                "timeZone", "Europe/Berlin", "defaultPhoneRegion", "DE"));
        assertThat(result.getResponse().getStatus()).isEqualTo(302);
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/settings/organization");
        assertThat(result.getFlashMap().get(Pages.FLASH_SUCCESS)).isEqualTo("The organization settings are saved.");
        assertThat(fixture.owner().sql("select name || ' ' || time_zone || ' ' || default_region from organizations where id = ?")
                .param(admin.organizationId()).query(String.class).single()).isEqualTo("Settings Company Europe/Berlin DE");
    }

    @Test
    void anUnknownTimeZoneIsShownNextToItsFieldWithWhatWasTyped() {
        String page = html(perform(form("/settings/organization", adminSession, "name", "Renamed while wrong",
                "timeZone", "Mars/Olympus_Mons", "defaultPhoneRegion", "US")), 422);
        assertThat(page).contains("id=\"timeZone-error\"").contains("Must be an IANA time zone")
                .contains("value=\"Renamed while wrong\"").contains("href=\"#timeZone\"");
        assertThat(organizationName()).isEqualTo("Settings Co");

        String region = html(perform(form("/settings/organization", adminSession, "name", "Settings Co",
                "timeZone", "UTC", "defaultPhoneRegion", "XX")), 422);
        assertThat(region).contains("id=\"defaultPhoneRegion-error\"").contains("Must be a two-letter region code");
    }

    @Test
    void viewersCannotSaveSettings() {
        String page = html(perform(form("/settings/organization", viewerSession, "name", "Taken over")), 403);
        assertThat(page).contains("Error 403");
        assertThat(organizationName()).isEqualTo("Settings Co");
    }

    @Test
    void aFormWithoutItsCsrfFieldIsRefused() {
        MvcResult result = perform(withoutCsrf("/settings/organization", adminSession, "name", "Forged"));
        assertThat(result.getResponse().getStatus()).isEqualTo(403);
        // The browser gets the error page through the container's error dispatch (MockMvc only records it).
        assertThat(result.getResponse().getForwardedUrl()).isEqualTo("/error");
        assertThat(organizationName()).isEqualTo("Settings Co");
    }

    // ── members and invitations ─────────────────────────────────────────────────────────────

    @Test
    void adminsSeeTheInviteFormAndPendingInvitationsViewersOnlyTheMembers() {
        perform(form("/settings/invitations", adminSession, "email", "pending-person@example.com", "role", "manager"));

        String asAdmin = html(perform(page("/settings/members", adminSession)), 200);
        assertThat(asAdmin).contains("Invite a member").contains("action=\"/settings/invitations\"")
                .contains(viewer.email()).contains("pending-person@example.com").contains("Pending invitations");

        String asViewer = html(perform(page("/settings/members", viewerSession)), 200);
        assertThat(asViewer).contains(viewer.email()).contains(admin.email())
                .doesNotContain("Invite a member").doesNotContain("pending-person@example.com")
                .doesNotContain("/remove").doesNotContain("Pending invitations");
    }

    @Test
    void anInvitationIsSentAndListed() {
        String email = Api.uniqueEmail("invitee");
        MvcResult result = perform(form("/settings/invitations", adminSession, "email", email, "role", "viewer"));
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/settings/members");
        assertThat(result.getFlashMap().get(Pages.FLASH_SUCCESS)).isEqualTo("Invitation sent to " + email + ".");
        assertThat(Outbox.count(database, email, "invitation")).isEqualTo(1);
        assertThat(html(perform(page("/settings/members", adminSession)), 200)).contains(email);
    }

    @Test
    void anInvalidAddressIsShownNextToTheInviteField() {
        String page = html(perform(form("/settings/invitations", adminSession, "email", "not-an-address",
                "role", "manager")), 422);
        assertThat(page).contains("id=\"email-error\"").contains("value=\"not-an-address\"")
                .containsPattern("<option value=\"manager\" selected");

        String member = html(perform(form("/settings/invitations", adminSession, "email", viewer.email(),
                "role", "viewer")), 409);
        assertThat(member).contains("id=\"email-error\"").contains("Already belongs to a member");
    }

    @Test
    void viewersCannotInvite() {
        html(perform(form("/settings/invitations", viewerSession, "email", Api.uniqueEmail("x"), "role", "admin")), 403);
    }

    @Test
    void rolesChangeByFormAndByHtmx() {
        MvcResult byForm = perform(form("/settings/members/" + viewer.userId() + "/role", adminSession, "role", "manager"));
        assertThat(byForm.getResponse().getRedirectedUrl()).isEqualTo("/settings/members");
        assertThat((String) byForm.getFlashMap().get(Pages.FLASH_SUCCESS)).endsWith("is now manager.");
        assertThat(fixture.roleOf(admin.organizationId(), viewer.userId())).isEqualTo("manager");

        MvcResult byHtmx = perform(form("/settings/members/" + viewer.userId() + "/role", adminSession, "role", "viewer")
                .header("HX-Request", "true"));
        assertThat(byHtmx.getResponse().getStatus()).isEqualTo(204);
        assertThat(byHtmx.getResponse().getHeader("HX-Trigger")).contains("\"toast\"").contains("is now viewer.");
        assertThat(fixture.roleOf(admin.organizationId(), viewer.userId())).isEqualTo("viewer");
    }

    @Test
    void theLastAdministratorIsNotDemotedAndTheReasonIsShown() {
        MvcResult byForm = perform(form("/settings/members/" + admin.userId() + "/role", adminSession, "role", "viewer"));
        assertThat(byForm.getResponse().getRedirectedUrl()).isEqualTo("/settings/members");
        assertThat((String) byForm.getFlashMap().get(Pages.FLASH_DANGER)).contains("last administrator");

        MvcResult byHtmx = perform(form("/settings/members/" + admin.userId() + "/role", adminSession, "role", "viewer")
                .header("HX-Request", "true"));
        assertThat(byHtmx.getResponse().getHeader("HX-Redirect")).isEqualTo("/settings/members");
        assertThat(byHtmx.getResponse().getCookie("sb_flash")).isNotNull();
        assertThat(fixture.roleOf(admin.organizationId(), admin.userId())).isEqualTo("admin");
    }

    @Test
    void aMemberIsRemoved() {
        UUID leaving = fixture.passiveMember(admin.organizationId(), Role.MANAGER, Api.uniqueEmail("leaving"), "Lee Leaving");
        MvcResult result = perform(form("/settings/members/" + leaving + "/remove", adminSession));
        assertThat(result.getFlashMap().get(Pages.FLASH_SUCCESS)).isEqualTo("Lee Leaving is no longer a member.");
        assertThat(fixture.roleOf(admin.organizationId(), leaving)).isNull();
    }

    @Test
    void anInvitationIsRevoked() {
        String email = Api.uniqueEmail("revoked");
        perform(form("/settings/invitations", adminSession, "email", email, "role", "viewer"));
        UUID invitation = invitationOf(admin.organizationId(), email);
        MvcResult result = perform(form("/settings/invitations/" + invitation + "/revoke", adminSession));
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/settings/members");
        assertThat(result.getFlashMap().get(Pages.FLASH_SUCCESS)).isNotNull();
        assertThat(html(perform(page("/settings/members", adminSession)), 200)).doesNotContain(email);
    }

    @Test
    void idsOfAnotherOrganizationAreNotFound() {
        Api.Account other = api.signUp("Other Co");
        UUID stranger = fixture.passiveMember(other.organizationId(), Role.VIEWER);
        Cookie otherSession = session(sessions, other.userId(), other.organizationId());
        String email = Api.uniqueEmail("theirs");
        perform(form("/settings/invitations", otherSession, "email", email, "role", "viewer"));
        UUID theirInvitation = invitationOf(other.organizationId(), email);
        fixture.apiKey(other.organizationId(), other.userId(), Permission.ORGANIZATION_READ);
        UUID theirKey = fixture.owner().sql("select id from api_keys where organization_id = ?")
                .param(other.organizationId()).query(UUID.class).single();

        for (MockHttpServletRequestBuilder attempt : new MockHttpServletRequestBuilder[] {
                form("/settings/members/" + stranger + "/remove", adminSession),
                form("/settings/members/" + stranger + "/role", adminSession, "role", "admin"),
                form("/settings/invitations/" + theirInvitation + "/revoke", adminSession),
                form("/settings/api-keys/" + theirKey + "/rotate", adminSession),
                form("/settings/api-keys/" + theirKey + "/revoke", adminSession)}) {
            String page = html(perform(attempt), 404);
            assertThat(page).contains("Error 404").contains("was not found");
        }
        assertThat(fixture.roleOf(other.organizationId(), stranger)).isEqualTo("viewer");
        assertThat(fixture.owner().sql("select revoked_at is null from api_keys where id = ?").param(theirKey)
                .query(Boolean.class).single()).isTrue();
    }

    // ── API keys ────────────────────────────────────────────────────────────────────────────

    @Test
    void aNewKeysSecretIsShownOnceAndTheKeyListed() {
        String created = html(perform(form("/settings/api-keys", adminSession, "name", "CI deploy",
                "scopes", "organization:read", "scopes", "campaigns:run", "expiresInDays", "30")), 200);
        Matcher secret = SECRET.matcher(created);
        assertThat(secret.find()).isTrue();
        assertThat(created).contains("Copy the key “CI deploy” now").contains("campaigns:run");

        String later = html(perform(page("/settings/api-keys", adminSession)), 200);
        assertThat(later).contains("CI deploy").doesNotContain(secret.group());
        assertThat(fixture.owner().sql("select count(*) from api_keys where organization_id = ? and name = 'CI deploy' "
                + "and expires_at > now() + interval '29 days'").param(admin.organizationId()).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void aKeyWithoutScopesIsRefusedWithTheFormKept() {
        String page = html(perform(form("/settings/api-keys", adminSession, "name", "No scopes", "expiresInDays", "365")), 422);
        assertThat(page).contains("id=\"scopes-error\"").contains("Choose at least one scope.")
                .doesNotContain("The field 'scopes' is not valid")
                .contains("value=\"No scopes\"").containsPattern("<option value=\"365\" selected");
        assertThat(SECRET.matcher(page).find()).isFalse();

        String expiry = html(perform(form("/settings/api-keys", adminSession, "name", "Odd expiry",
                "scopes", "audit:read", "expiresInDays", "forever")), 422);
        assertThat(expiry).contains("id=\"expiresInDays-error\"")
                .containsPattern("id=\"scopes-audit-read\"[^>]*checked");
    }

    @Test
    void aRotatedKeyShowsItsNewSecretAndARevokedKeyStops() {
        String created = html(perform(form("/settings/api-keys", adminSession, "name", "Rotating",
                "scopes", "organization:read", "expiresInDays", "")), 200);
        Matcher first = SECRET.matcher(created);
        assertThat(first.find()).isTrue();
        UUID id = keyId("Rotating");

        String rotated = html(perform(form("/settings/api-keys/" + id + "/rotate", adminSession)), 200);
        Matcher second = SECRET.matcher(rotated);
        assertThat(second.find()).isTrue();
        assertThat(second.group()).isNotEqualTo(first.group());
        assertThat(rotated).contains("Revoked");

        UUID current = keyId("Rotating");
        MvcResult revoked = perform(form("/settings/api-keys/" + current + "/revoke", adminSession));
        assertThat(revoked.getResponse().getRedirectedUrl()).isEqualTo("/settings/api-keys");
        assertThat(revoked.getFlashMap().get(Pages.FLASH_SUCCESS)).isNotNull();

        MvcResult again = perform(form("/settings/api-keys/" + current + "/rotate", adminSession));
        assertThat((String) again.getFlashMap().get(Pages.FLASH_DANGER)).contains("cannot be rotated");
    }

    @Test
    void viewersSeeTheKeysButNoForms() {
        perform(form("/settings/api-keys", adminSession, "name", "Visible", "scopes", "organization:read"));
        String page = html(perform(page("/settings/api-keys", viewerSession)), 200);
        assertThat(page).contains("Visible").doesNotContain("action=\"/settings/api-keys\"").doesNotContain("/rotate");
        html(perform(form("/settings/api-keys", viewerSession, "name", "Mine", "scopes", "organization:read")), 403);
    }

    // ── audit log ───────────────────────────────────────────────────────────────────────────

    @Test
    void theAuditLogIsForAdminsOnly() {
        perform(form("/settings/invitations", adminSession, "email", Api.uniqueEmail("audited"), "role", "viewer"));
        String page = html(perform(page("/settings/audit-log", adminSession)), 200);
        assertThat(page).contains("<code>invitation.created</code>").contains("Ada Admin")
                .contains("<option value=\"invitation.created\"");
        html(perform(page("/settings/audit-log", viewerSession)), 403);
        html(perform(page("/settings/audit-log", managerSession)), 403);
        assertThat(html(perform(page("/settings/members", viewerSession)), 200)).doesNotContain("href=\"/settings/audit-log\"");
    }

    @Test
    void theAuditLogFiltersAndPagesOlderAndNewer() {
        for (int i = 0; i < 60; i++) {
            fixture.owner().sql("insert into audit_events (id, organization_id, occurred_at, actor_label, action, details) "
                            + "values (?, ?, now() - make_interval(secs => ?), 'robot@example.com', 'test.paged', '{}')")
                    .params(UUID.randomUUID(), admin.organizationId(), i).update();
        }
        String first = html(perform(page("/settings/audit-log?action=test.paged", adminSession)), 200);
        assertThat(count(first, "<code>test.paged</code>")).isEqualTo(50);
        String older = link(first, "next");
        assertThat(older).startsWith("/settings/audit-log?action=test.paged&cursor=");
        assertThat(first).doesNotContain("rel=\"prev\"");

        String second = html(perform(page(older, adminSession)), 200);
        assertThat(count(second, "<code>test.paged</code>")).isEqualTo(10);
        assertThat(second).doesNotContain("rel=\"next\"");
        assertThat(link(second, "prev")).isEqualTo("/settings/audit-log?action=test.paged");

        String byActor = html(perform(page("/settings/audit-log?actor=ROBOT@example", adminSession)), 200);
        assertThat(byActor).contains("<code>test.paged</code>").doesNotContain("<code>organization.created</code>");

        String backwards = html(perform(page("/settings/audit-log?from=2026-03-10&to=2026-03-01", adminSession)), 200);
        assertThat(backwards).contains("Swap them").doesNotContain("<code>test.paged</code>");
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

    private static String link(String html, String rel) {
        Matcher m = Pattern.compile("href=\"([^\"]+)\" rel=\"" + rel + "\"").matcher(html);
        assertThat(m.find()).as("a link rel=" + rel).isTrue();
        return m.group(1).replace("&amp;", "&");
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private String organizationName() {
        return fixture.owner().sql("select name from organizations where id = ?").param(admin.organizationId())
                .query(String.class).single();
    }

    private UUID invitationOf(UUID organization, String email) {
        return fixture.owner().sql("select id from invitations where organization_id = ? and email = ?")
                .params(organization, email).query(UUID.class).single();
    }

    private UUID keyId(String name) {
        return fixture.owner().sql("select id from api_keys where organization_id = ? and name = ? and revoked_at is null")
                .params(admin.organizationId(), name).query(UUID.class).single();
    }
}
