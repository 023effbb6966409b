package dev.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.switchboard.identity.internal.credentials.Sessions;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import jakarta.servlet.http.Cookie;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

@SwitchboardTest
class PlatformAdministrationTest {

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    @Autowired Sessions sessions;
    @Value("${switchboard.data-directory}") Path dataDirectory;
    Api api;
    Api.Account customer;
    UUID adminId;
    Cookie adminSession;

    @BeforeEach
    void setUp() {
        api = new Api(mvc);
        customer = api.signUp("Customer Co");
        Api.Account operator = api.signUp("Operator Co");
        adminId = operator.userId();
        database.owner().sql("update users set platform_role = 'platform_admin' where id = ?").param(adminId).update();
        adminSession = new Cookie("sb_session", sessions.create(adminId, operator.organizationId(), "127.0.0.1", "test").token());
    }

    @Test
    void firstPlatformAdministratorIsCreatedFromConfiguration() throws Exception {
        String role = database.owner().sql("select platform_role from users where lower(email) = 'admin@switchboard.local'")
                .query(String.class).single();
        assertThat(role).isEqualTo("platform_admin");
        Path passwordFile = dataDirectory.resolve("initial-admin-password");
        assertThat(Files.readString(passwordFile).trim()).hasSizeGreaterThan(20);
        assertThat(Files.getPosixFilePermissions(passwordFile).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
    }

    @Test
    void organizationMembersCannotUsePlatformAdministration() {
        for (String path : List.of("/api/v1/admin/organizations", "/api/v1/admin/users", "/api/v1/admin/analytics")) {
            Api.json(api.perform(get(path).with(customer.bearer())), 403);
        }
    }

    @Test
    void administratorsReadAcrossOrganizationsAndEachReadIsAudited() {
        long auditedBefore = platformAudit("platform.cross_organization_read");
        JsonNode page = Api.json(api.perform(get("/api/v1/admin/organizations").param("q", "Customer Co")
                .param("limit", "200").cookie(adminSession)), 200);
        assertThat(page.get("items").toString()).contains(customer.organizationId().toString());
        JsonNode users = Api.json(api.perform(get("/api/v1/admin/users").param("q", customer.email()).cookie(adminSession)), 200);
        assertThat(users.get("items").get(0).get("organizations").toString()).contains("Customer Co (admin)");
        JsonNode counts = Api.json(api.perform(get("/api/v1/admin/analytics").cookie(adminSession)), 200);
        assertThat(counts.get("organizations").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(platformAudit("platform.cross_organization_read")).isEqualTo(auditedBefore + 3);
    }

    @Test
    void planTierChangesAreAuditedInBothLogs() {
        Api.json(api.perform(patch("/api/v1/admin/organizations/" + customer.organizationId()).cookie(adminSession).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(Api.body(Map.of("planTier", "enterprise")))), 204);
        assertThat(database.owner().sql("select plan_tier from organizations where id = ?").param(customer.organizationId())
                .query(String.class).single()).isEqualTo("enterprise");
        assertThat(database.owner().sql("select count(*) from audit_events where organization_id = ? and action = 'organization.plan_changed'")
                .param(customer.organizationId()).query(Long.class).single()).isEqualTo(1);
        Api.json(api.perform(patch("/api/v1/admin/organizations/" + customer.organizationId()).cookie(adminSession).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(Api.body(Map.of("planTier", "platinum")))), 422);
    }

    @Test
    void impersonationNeedsAReasonAndAnHourAtMost() {
        JsonNode noReason = Api.json(impersonate(Map.of("userId", customer.userId().toString(), "reason", " ")), 422);
        assertThat(noReason.get("errors").get(0).get("field").asString()).isEqualTo("reason");
        JsonNode tooLong = Api.json(impersonate(Map.of("userId", customer.userId().toString(),
                "reason", "support ticket 4711", "minutes", 61)), 422);
        assertThat(tooLong.get("errors").get(0).get("field").asString()).isEqualTo("minutes");
    }

    @Test
    void impersonationActsAsTheUserIsAuditedAndEnds() {
        MvcResult started = impersonate(Map.of("userId", customer.userId().toString(),
                "reason", "support ticket 4711", "minutes", 15));
        Api.json(started, 200);
        Cookie imposter = started.getResponse().getCookie("sb_session");
        Cookie origin = started.getResponse().getCookie("sb_origin");
        assertThat(origin.getValue()).isEqualTo(adminSession.getValue());

        JsonNode me = Api.json(api.perform(get("/api/v1/me").cookie(imposter)), 200);
        assertThat(me.get("email").asString()).isEqualTo(customer.email());
        assertThat(me.get("platformAdmin").asBoolean()).isFalse();
        Api.json(api.perform(get("/api/v1/admin/users").cookie(imposter)), 403);

        Api.json(api.perform(post("/api/v1/api-keys").cookie(imposter).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("name", "made while impersonating", "scopes", List.of("organization:read"))))), 201);
        Map<String, Object> action = database.owner().sql("select impersonator_user_id, details->>'reason' as reason "
                        + "from audit_events where organization_id = ? and action = 'impersonation.action'")
                .param(customer.organizationId()).query().singleRow();
        assertThat(action.get("impersonator_user_id")).isEqualTo(adminId);
        assertThat(action.get("reason")).isEqualTo("support ticket 4711");
        UUID keyCreator = database.owner().sql("select impersonator_user_id from audit_events where organization_id = ? "
                + "and action = 'api_key.created'").param(customer.organizationId()).query(UUID.class).single();
        assertThat(keyCreator).isEqualTo(adminId);

        MvcResult stopped = api.perform(post("/api/v1/impersonation/stop").cookie(imposter, origin).with(csrf()));
        Api.json(stopped, 204);
        assertThat(stopped.getResponse().getCookie("sb_session").getValue()).isEqualTo(adminSession.getValue());
        Api.json(api.perform(get("/api/v1/me").cookie(imposter)), 401);
        assertThat(database.owner().sql("select count(*) from platform_audit_events where action in "
                + "('impersonation.started', 'impersonation.ended') and target_id = ?").param(customer.userId().toString())
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void impersonationNeedsABrowserSession() {
        Api.Account admin = api.signIn(database.owner().sql("select email from users where id = ?").param(adminId)
                .query(String.class).single(), Api.PASSWORD, null);
        JsonNode problem = Api.json(api.perform(post("/api/v1/admin/impersonations").with(admin.bearer())
                .contentType(MediaType.APPLICATION_JSON).content(Api.body(Map.of("userId", customer.userId().toString(),
                        "reason", "support ticket 4711")))), 400);
        assertThat(problem.get("type").asString()).isEqualTo("/problems/impersonation-needs-session");
    }

    @Test
    void administratorsSeeJobsAndTheOutbox() {
        api.perform(post("/api/v1/auth/password-reset").with(Api.randomIp()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("email", customer.email()))));
        JsonNode outbox = Api.json(api.perform(get("/api/v1/admin/outbox").cookie(adminSession)), 200);
        JsonNode mail = outbox.get("items").get(0);
        assertThat(mail.get("to").asString()).isEqualTo(customer.email());
        JsonNode one = Api.json(api.perform(get("/api/v1/admin/outbox/" + mail.get("id").asString()).cookie(adminSession)), 200);
        assertThat(one.get("bodyText").asString()).contains("/password/reset?token=");
        JsonNode scheduled = Api.json(api.perform(get("/api/v1/admin/jobs").param("state", "scheduled").cookie(adminSession)), 200);
        assertThat(scheduled.get("items").toString()).contains("cleanup-expired");
        Api.json(api.perform(get("/api/v1/admin/jobs").param("state", "sideways").cookie(adminSession)), 422);
        Api.json(api.perform(get("/api/v1/admin/outbox").with(customer.bearer())), 403);
        Api.json(api.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .delete("/api/v1/admin/jobs/no-such-task/x").cookie(adminSession).with(csrf())), 404);
    }

    private MvcResult impersonate(Map<String, Object> body) {
        return api.perform(post("/api/v1/admin/impersonations").cookie(adminSession).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(Api.body(body)));
    }

    private long platformAudit(String action) {
        return database.owner().sql("select count(*) from platform_audit_events where action = ? and actor_user_id = ?")
                .params(action, adminId).query(Long.class).single();
    }
}
