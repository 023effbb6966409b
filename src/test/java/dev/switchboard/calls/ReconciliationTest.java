package dev.switchboard.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.switchboard.platform.TenantScope;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderAccounts;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.SandboxApi;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * Reconciliation against the real embedded sandbox: a call whose webhooks were never sent (the
 * sandbox drops them on request) is repaired from the provider's own account of it, by the
 * organization's sync and by no other organization's. The property set is CallsEndToEndTest's,
 * so both share one Spring context.
 */
@SwitchboardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {
        "switchboard.sandbox.url=",
        "switchboard.sandbox.provision-numbers=true",
        "switchboard.sandbox.time-scale=120",
        "switchboard.sandbox.seed=7"})
class ReconciliationTest {

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    @Autowired ProviderAccounts accounts;
    Api api;
    Api.Account owner;
    Api.Account stranger;
    ProviderAccount sandbox;
    SandboxApi sandboxApi;

    @BeforeAll
    void twoOrganizationsReadyToCall() {
        api = new Api(mvc);
        owner = readyToCall("Reconciled Dental");
        stranger = readyToCall("Elsewhere Clinic");
        sandbox = TenantScope.callAs(owner.organizationId(), accounts::voiceAccount);
        sandboxApi = new SandboxApi(sandbox);
    }

    @AfterEach
    void webhooksFlowAgain() throws Exception {
        sandbox("DELETE", "/sandbox/faults", null);
    }

    @Test
    void aCallWhoseWebhooksWereNeverSentIsRepairedByItsOrganizationsSyncOnly() throws Exception {
        sandbox("POST", "/sandbox/faults", "{\"faults\": [{\"type\": \"drop\", \"target\": \"webhooks\"}]}");
        JsonNode call = Api.json(api.perform(post("/api/v1/calls").with(owner.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("to", "+14155550001", "variables", Map.of("first_name", "Ann"))))), 201);
        String id = call.get("id").asString();
        String providerCallId = call.get("providerCallId").asString();
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).until(() ->
                Api.JSON.readTree(sandbox("GET", "/v2/get-call/" + providerCallId, null)).path("call_analysis").isObject());
        assertThat(read(owner, id).get("status").asString()).as("no webhook arrived").isEqualTo("queued");

        JsonNode strangers = Api.json(api.perform(post("/api/v1/calls/sync").with(stranger.bearer())), 200);
        assertThat(strangers.get("repaired").asInt()).isZero();
        Thread.sleep(500);
        assertThat(read(owner, id).get("status").asString()).as("another organization's sync").isEqualTo("queued");
        assertThat(database.owner().sql("select count(*) from webhook_inbox where provider_call_id = ?").param(providerCallId)
                .query(Long.class).single()).isZero();

        JsonNode summary = Api.json(api.perform(post("/api/v1/calls/sync").with(owner.bearer())), 200);
        assertThat(summary.get("checked").asInt()).isPositive();
        assertThat(summary.get("repaired").asInt()).isEqualTo(1);
        JsonNode repaired = await().atMost(Duration.ofSeconds(20)).until(() -> read(owner, id),
                c -> "completed".equals(c.get("status").asString()));
        assertThat(repaired.get("disposition").asString()).isEqualTo("answered");
        assertThat(repaired.get("transcript").asString()).contains("Ann");
        assertThat(repaired.get("analysis").get("summary").asString()).isNotBlank();

        JsonNode again = Api.json(api.perform(post("/api/v1/calls/sync").with(owner.bearer())), 200);
        assertThat(again.get("repaired").asInt()).as("nothing left to repair").isZero();
        assertThat(read(owner, id)).isEqualTo(repaired);
    }

    @Test
    void aSyncIsRefusedWhileAnotherRunsAndAViewerMayNotStartOne() {
        database.owner().sql("insert into call_reconciliations (organization_id, held_until) values (?, now() + interval '1 minute') "
                + "on conflict (organization_id) do update set held_until = excluded.held_until").param(owner.organizationId()).update();
        try {
            assertThat(Api.json(api.perform(post("/api/v1/calls/sync").with(owner.bearer())), 409).get("detail").asString())
                    .contains("already");
        } finally {
            database.owner().sql("update call_reconciliations set held_until = null where organization_id = ?")
                    .param(owner.organizationId()).update();
        }
        Api.Account other = api.signUp("Viewer " + UUID.randomUUID());
        database.owner().sql("insert into memberships (organization_id, user_id, role, created_at) values (?, ?, 'viewer', now())")
                .params(owner.organizationId(), other.userId()).update();
        Api.Account viewer = api.signIn(other.email(), other.password(), owner.organizationId());
        Api.json(api.perform(post("/api/v1/calls/sync").with(viewer.bearer())), 403);
    }

    private Api.Account readyToCall(String name) {
        Api.Account admin = api.signUp(name);
        JsonNode number = await().atMost(Duration.ofSeconds(20)).until(() ->
                Api.json(api.perform(get("/api/v1/phone-numbers").with(admin.bearer())), 200).get("items"), n -> n.size() == 1).get(0);
        String voice = Api.json(api.perform(get("/api/v1/agents/voices").with(admin.bearer())), 200)
                .get("items").get(0).get("id").asString();
        String agentId = Api.json(api.perform(post("/api/v1/agents").with(admin.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("name", "Reminders", "type", "appointment", "status", "active", "voiceId", voice,
                        "promptTemplate", "You call {{first_name}} to confirm the appointment.",
                        "beginMessage", "Hi {{first_name}}.")))), 201).get("id").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> Api.json(api.perform(get("/api/v1/agents/" + agentId)
                .with(admin.bearer())), 200).get("sync").get("status").asString(), "synced"::equals);
        Api.json(api.perform(patch("/api/v1/phone-numbers/" + number.get("id").asString()).with(admin.bearer())
                .contentType(MediaType.APPLICATION_JSON).content(Api.body(Map.of("outboundAgentId", agentId)))), 204);
        return admin;
    }

    private JsonNode read(Api.Account account, String id) {
        return Api.json(api.perform(get("/api/v1/calls/" + id).with(account.bearer())), 200);
    }

    private String sandbox(String method, String path, String json) throws Exception {
        return sandboxApi.send(method, path, json);
    }
}
