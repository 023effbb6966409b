package dev.switchboard.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.switchboard.platform.TenantScope;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderAccounts;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * With no vendor account at all: a new organization gets a sandbox number as primary, an agent
 * syncs to the embedded sandbox, and a call started through the production Retell adapter
 * reaches Switchboard as three verified webhooks.
 */
@SwitchboardTest
@TestPropertySource(properties = {
        "switchboard.sandbox.url=",
        "switchboard.sandbox.provision-numbers=true",
        "switchboard.sandbox.time-scale=120",
        "switchboard.sandbox.seed=7"})
class SandboxEndToEndTest {

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    @Autowired ProviderAccounts accounts;
    @Autowired VoiceAgentProviders providers;

    @Test
    void aNewOrganizationCallsThroughTheSandboxAndReceivesThreeVerifiedWebhooks() {
        Api api = new Api(mvc);
        Api.Account admin = api.signUp("Sandbox Dental");

        JsonNode number = await().atMost(Duration.ofSeconds(20)).until(() ->
                Api.json(api.perform(get("/api/v1/phone-numbers").with(admin.bearer())), 200).get("items"), n -> n.size() == 1).get(0);
        assertThat(number.get("primary").asBoolean()).isTrue();
        assertThat(number.get("provider").asString()).isEqualTo("sandbox");

        String voice = Api.json(api.perform(get("/api/v1/agents/voices").with(admin.bearer())), 200)
                .get("items").get(0).get("id").asString();
        JsonNode agent = Api.json(api.perform(post("/api/v1/agents").with(admin.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("name", "Reminders", "type", "appointment", "status", "active", "voiceId", voice,
                        "promptTemplate", "You call {{first_name}} to confirm tomorrow's dental appointment.",
                        "beginMessage", "Hi {{first_name}}, this is Sandbox Dental.")))), 201);
        String agentId = agent.get("id").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> Api.json(api.perform(get("/api/v1/agents/" + agentId)
                .with(admin.bearer())), 200).get("sync").get("status").asString(), "synced"::equals);

        Api.json(api.perform(patch("/api/v1/phone-numbers/" + number.get("id").asString()).with(admin.bearer())
                .contentType(MediaType.APPLICATION_JSON).content(Api.body(Map.of("outboundAgentId", agentId, "inboundAgentId", agentId)))), 204);
        JsonNode ready = Api.json(api.perform(get("/api/v1/phone-numbers/readiness").with(admin.bearer())), 200);

        ProviderAccount account = TenantScope.callAs(admin.organizationId(), accounts::voiceAccount);
        assertThat(account.provider()).isEqualTo("sandbox");
        VoiceAgentProvider adapter = providers.forAccount(account);
        // The number's outbound agent is set at the sandbox once the number sync ran.
        VoiceAgentProvider.StartedCall call = await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
                adapter.startPhoneCall(account, new VoiceAgentProvider.PhoneCallRequest(ready.get("e164").asString(),
                        "+14155550001", null, Map.of("first_name", "Ann"), Map.of())), c -> c.providerCallId() != null);

        List<String> events = await().atMost(Duration.ofSeconds(30)).until(() -> database.owner()
                .sql("select event_type from webhook_inbox where provider_call_id = ? order by received_at")
                .param(call.providerCallId()).query(String.class).list(), e -> e.size() == 3);
        assertThat(events).containsExactly("call_started", "call_ended", "call_analyzed");
        String analyzed = database.owner().sql("select raw_body from webhook_inbox where provider_call_id = ? and event_type = 'call_analyzed'")
                .param(call.providerCallId()).query(String.class).single();
        assertThat(analyzed).contains("Ann").contains("call_analysis").contains("recording_url");

        // The same adapter runs a batch on the sandbox and follows it to the end.
        java.time.Instant before = java.time.Instant.now().minusSeconds(5);
        VoiceAgentProvider.StartedBatch batch = adapter.startBatch(account, new VoiceAgentProvider.BatchRequest("Recall",
                ready.get("e164").asString(), List.of(
                        new VoiceAgentProvider.BatchTask("+14155550001", null, Map.of("first_name", "Bea")),
                        new VoiceAgentProvider.BatchTask("+14155550003", null, Map.of("first_name", "Cy")),
                        new VoiceAgentProvider.BatchTask("+14155550004", null, Map.of("first_name", "Di"))),
                17, null, null));
        assertThat(batch.totalTasks()).isEqualTo(3);
        VoiceAgentProvider.BatchStatus status = await().atMost(Duration.ofSeconds(30)).until(() ->
                adapter.inspectBatch(account, batch.providerBatchId()), b -> "completed".equals(b.status()));
        assertThat(status.total()).isEqualTo(3);
        assertThat(adapter.listCalls(account, before, 100)).extracting(VoiceAgentProvider.ProviderCall::providerCallId)
                .contains(call.providerCallId());
        assertThat(adapter.concurrency(account).limit()).isPositive();
    }
}
