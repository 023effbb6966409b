package dev.switchboard.agents;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderException;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.Vendors;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The Retell adapter sends Retell's real request shapes and turns its errors into the seed's messages. */
@SwitchboardTest
class RetellAdapterTest {

    @Autowired VoiceAgentProviders providers;
    WireMockServer retell;
    ProviderAccount account;
    VoiceAgentProvider adapter;

    @BeforeEach
    void setUp() {
        retell = Vendors.server();
        retell.resetAll();
        account = new ProviderAccount("retell", URI.create(Vendors.baseUrl() + "/retell"), "key_test_123", Map.of(), true);
        adapter = providers.forAccount(account);
    }

    @Test
    void agentIsCreatedAsALlmPlusAnAgentAndUpdatedInPlace() {
        retell.stubFor(post(urlEqualTo("/retell/create-retell-llm")).willReturn(json("{\"llm_id\":\"llm_1\"}")));
        retell.stubFor(post(urlEqualTo("/retell/create-agent")).willReturn(json("{\"agent_id\":\"agent_1\"}")));
        VoiceAgentProvider.AgentSpec spec = new VoiceAgentProvider.AgentSpec(null, null, "Reminders",
                "Remind {{name}} of the appointment", "Hi {{name}}!", "11labs-Adrian", "en-US",
                List.of(new VoiceAgentProvider.ToolSpec("book", "Books a slot", "https://sb.example/tools/book",
                        Map.of("type", "object", "properties", Map.of("time", Map.of("type", "string"))))),
                "https://sb.example/webhooks/retell");
        VoiceAgentProvider.ProviderAgent created = adapter.upsertAgent(account, spec);
        assertThat(created).isEqualTo(new VoiceAgentProvider.ProviderAgent("agent_1", "llm_1"));
        retell.verify(postRequestedFor(urlEqualTo("/retell/create-retell-llm"))
                .withHeader("Authorization", equalTo("Bearer key_test_123"))
                .withRequestBody(matchingJsonPath("$.general_prompt", equalTo("Remind {{name}} of the appointment")))
                .withRequestBody(matchingJsonPath("$.begin_message", equalTo("Hi {{name}}!")))
                .withRequestBody(matchingJsonPath("$.general_tools[0].type", equalTo("custom")))
                .withRequestBody(matchingJsonPath("$.general_tools[0].url", equalTo("https://sb.example/tools/book"))));
        retell.verify(postRequestedFor(urlEqualTo("/retell/create-agent"))
                .withRequestBody(matchingJsonPath("$.response_engine.type", equalTo("retell-llm")))
                .withRequestBody(matchingJsonPath("$.response_engine.llm_id", equalTo("llm_1")))
                .withRequestBody(matchingJsonPath("$.voice_id", equalTo("11labs-Adrian")))
                .withRequestBody(matchingJsonPath("$.webhook_url", equalTo("https://sb.example/webhooks/retell"))));

        retell.stubFor(patch(urlEqualTo("/retell/update-retell-llm/llm_1")).willReturn(json("{\"llm_id\":\"llm_1\"}")));
        retell.stubFor(patch(urlEqualTo("/retell/update-agent/agent_1")).willReturn(json("{\"agent_id\":\"agent_1\"}")));
        adapter.upsertAgent(account, new VoiceAgentProvider.AgentSpec("agent_1", "llm_1", "Reminders", "New prompt", null,
                "11labs-Adrian", "en-US", List.of(), null));
        retell.verify(patchRequestedFor(urlEqualTo("/retell/update-retell-llm/llm_1"))
                .withRequestBody(matchingJsonPath("$.general_prompt", equalTo("New prompt"))));
        retell.verify(patchRequestedFor(urlEqualTo("/retell/update-agent/agent_1")));
    }

    @Test
    void phoneCallAndBatchUseRetellsFields() {
        retell.stubFor(post(urlEqualTo("/retell/v2/create-phone-call"))
                .willReturn(json("{\"call_id\":\"call_9\",\"call_status\":\"registered\",\"call_type\":\"phone_call\"}")));
        VoiceAgentProvider.StartedCall call = adapter.startPhoneCall(account, new VoiceAgentProvider.PhoneCallRequest(
                "+14155550100", "+14155550199", "agent_1", Map.of("name", "Ann"), Map.of("switchboardCallId", "c-1")));
        assertThat(call.providerCallId()).isEqualTo("call_9");
        retell.verify(postRequestedFor(urlEqualTo("/retell/v2/create-phone-call")).withRequestBody(equalToJson(
                "{\"from_number\":\"+14155550100\",\"to_number\":\"+14155550199\",\"override_agent_id\":\"agent_1\","
                        + "\"retell_llm_dynamic_variables\":{\"name\":\"Ann\"},\"metadata\":{\"switchboardCallId\":\"c-1\"}}")));

        retell.stubFor(post(urlEqualTo("/retell/create-batch-call")).willReturn(json(
                "{\"batch_call_id\":\"batch_1\",\"name\":\"Spring\",\"from_number\":\"+14155550100\","
                        + "\"scheduled_timestamp\":1767225600000,\"total_task_count\":2}")));
        VoiceAgentProvider.StartedBatch batch = adapter.startBatch(account, new VoiceAgentProvider.BatchRequest("Spring",
                "+14155550100", List.of(new VoiceAgentProvider.BatchTask("+14155550101", null, Map.of("name", "A")),
                new VoiceAgentProvider.BatchTask("+14155550102", null, Map.of("name", "B"))), 18,
                Instant.ofEpochMilli(1767225600000L),
                new VoiceAgentProvider.CallWindow(List.of(new int[] {480, 1260}), "America/New_York", List.of("Monday"))));
        assertThat(batch.providerBatchId()).isEqualTo("batch_1");
        assertThat(batch.totalTasks()).isEqualTo(2);
        retell.verify(postRequestedFor(urlEqualTo("/retell/create-batch-call")).withRequestBody(equalToJson(
                "{\"from_number\":\"+14155550100\",\"name\":\"Spring\",\"tasks\":[{\"to_number\":\"+14155550101\","
                        + "\"retell_llm_dynamic_variables\":{\"name\":\"A\"}},{\"to_number\":\"+14155550102\","
                        + "\"retell_llm_dynamic_variables\":{\"name\":\"B\"}}],\"reserved_concurrency\":18,"
                        + "\"trigger_timestamp\":1767225600000,\"call_time_window\":{\"windows\":[{\"start\":480,\"end\":1260}],"
                        + "\"timezone\":\"America/New_York\",\"day\":[\"Monday\"]}}")));
    }

    @Test
    void campaignBatchTasksCarryTheirAgentVariablesAndMetadataAndARefusalKeepsRetellsMessage() {
        retell.stubFor(post(urlEqualTo("/retell/create-batch-call")).willReturn(json(
                "{\"batch_call_id\":\"batch_7\",\"name\":\"Renewals · batch 1\",\"from_number\":\"+14155550100\","
                        + "\"scheduled_timestamp\":1767225600000,\"total_task_count\":1}")));
        VoiceAgentProvider.StartedBatch batch = adapter.startBatch(account, new VoiceAgentProvider.BatchRequest(
                "Renewals · batch 1", "+14155550100", List.of(new VoiceAgentProvider.BatchTask("+14155550101", "agent_1",
                        Map.of("first_name", "Ann", "current_date", "2026-12-07", "current_day", "Monday"),
                        Map.of("campaignId", "c-9"))), null, null,
                new VoiceAgentProvider.CallWindow(List.of(new int[] {480, 1260}), "America/Chicago", List.of())));
        assertThat(batch).isEqualTo(new VoiceAgentProvider.StartedBatch("batch_7", 1, Instant.ofEpochMilli(1767225600000L)));
        retell.verify(postRequestedFor(urlEqualTo("/retell/create-batch-call")).withRequestBody(equalToJson(
                "{\"from_number\":\"+14155550100\",\"name\":\"Renewals · batch 1\",\"tasks\":[{\"to_number\":\"+14155550101\","
                        + "\"override_agent_id\":\"agent_1\",\"retell_llm_dynamic_variables\":{\"first_name\":\"Ann\","
                        + "\"current_date\":\"2026-12-07\",\"current_day\":\"Monday\"},\"metadata\":{\"campaignId\":\"c-9\"}}],"
                        + "\"call_time_window\":{\"windows\":[{\"start\":480,\"end\":1260}],\"timezone\":\"America/Chicago\"}}")));

        retell.stubFor(post(urlEqualTo("/retell/create-batch-call")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"error\",\"message\":\"from_number +14155550100 is not owned by or imported to this account\"}")));
        assertThatThrownBy(() -> adapter.startBatch(account, new VoiceAgentProvider.BatchRequest("b", "+14155550100",
                List.of(new VoiceAgentProvider.BatchTask("+14155550101", null, Map.of())), null, null, null)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.FROM_NUMBER_NOT_REGISTERED);
                    assertThat(e.getMessage()).isNotBlank();
                });
        assertThat(adapter.capabilities()).contains(VoiceAgentProvider.Capability.BATCH_CALLS);
    }

    @Test
    void retellErrorsBecomeTheSeedsMessages() {
        retell.stubFor(post(urlEqualTo("/retell/v2/create-phone-call")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"error\",\"message\":\"to_number is not a valid number\"}")));
        assertThatThrownBy(() -> adapter.startPhoneCall(account, request()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_NUMBER);
                    assertThat(e.getMessage()).contains("not a valid number").contains("E.164");
                });
        retell.stubFor(post(urlEqualTo("/retell/v2/create-phone-call")).willReturn(aResponse().withStatus(400)
                .withBody("{\"message\":\"from_number +14155550100 is not owned by or imported to this account\"}")));
        assertThatThrownBy(() -> adapter.startPhoneCall(account, request()))
                .isInstanceOfSatisfying(ProviderException.class, e ->
                        assertThat(e.kind()).isEqualTo(ProviderException.Kind.FROM_NUMBER_NOT_REGISTERED));
        retell.stubFor(post(urlEqualTo("/retell/v2/create-phone-call")).willReturn(aResponse().withStatus(400)
                .withBody("{\"message\":\"No outbound agent id set up for this number\"}")));
        assertThatThrownBy(() -> adapter.startPhoneCall(account, request()))
                .isInstanceOfSatisfying(ProviderException.class, e ->
                        assertThat(e.kind()).isEqualTo(ProviderException.Kind.MISSING_AGENT));
        retell.stubFor(post(urlEqualTo("/retell/v2/create-phone-call")).willReturn(aResponse().withStatus(401)
                .withBody("{\"message\":\"Invalid API key\"}")));
        assertThatThrownBy(() -> adapter.startPhoneCall(account, request()))
                .isInstanceOfSatisfying(ProviderException.class, e ->
                        assertThat(e.kind()).isEqualTo(ProviderException.Kind.UNAUTHORIZED));
        retell.stubFor(post(urlEqualTo("/retell/v2/create-phone-call")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "0")));
        assertThatThrownBy(() -> adapter.startPhoneCall(account, request()))
                .isInstanceOfSatisfying(ProviderException.class, e ->
                        assertThat(e.kind()).isEqualTo(ProviderException.Kind.RATE_LIMITED));
    }

    @Test
    void deletingAnAgentRemovesBothObjectsAndToleratesOnesAlreadyGone() {
        retell.stubFor(delete(urlEqualTo("/retell/delete-agent/agent_1")).willReturn(aResponse().withStatus(404)
                .withBody("{\"message\":\"Agent not found\"}")));
        retell.stubFor(delete(urlEqualTo("/retell/delete-retell-llm/llm_1")).willReturn(aResponse().withStatus(204)));
        adapter.deleteAgent(account, new VoiceAgentProvider.ProviderAgent("agent_1", "llm_1"));
        retell.verify(deleteRequestedFor(urlEqualTo("/retell/delete-retell-llm/llm_1")));
    }

    @Test
    void concurrencyVoicesAndPhoneNumbers() {
        retell.stubFor(get(urlEqualTo("/retell/get-concurrency")).willReturn(json(
                "{\"current_concurrency\":3,\"concurrency_limit\":20,\"base_concurrency\":20}")));
        assertThat(adapter.concurrency(account)).isEqualTo(new VoiceAgentProvider.Concurrency(3, 20));
        retell.stubFor(get(urlEqualTo("/retell/list-voices")).willReturn(json(
                "[{\"voice_id\":\"11labs-Adrian\",\"voice_name\":\"Adrian\",\"provider\":\"elevenlabs\",\"gender\":\"male\","
                        + "\"accent\":\"American\",\"preview_audio_url\":\"https://x/a.mp3\"}]")));
        assertThat(adapter.listVoices(account)).extracting(VoiceAgentProvider.Voice::name).containsExactly("Adrian");
        retell.stubFor(patch(urlEqualTo("/retell/update-phone-number/%2B14155550100")).willReturn(json("{}")));
        adapter.updatePhoneNumber(account, "+14155550100", "agent_in", "agent_out");
        retell.verify(patchRequestedFor(urlEqualTo("/retell/update-phone-number/%2B14155550100")).withRequestBody(
                equalToJson("{\"inbound_agent_id\":\"agent_in\",\"outbound_agent_id\":\"agent_out\"}")));
    }

    @Test
    void cancellingABatchIsExplainedAsUnsupported() {
        assertThatThrownBy(() -> adapter.cancelBatch(account, "batch_1"))
                .isInstanceOfSatisfying(ProviderException.class, e ->
                        assertThat(e.kind()).isEqualTo(ProviderException.Kind.UNSUPPORTED));
    }

    private static VoiceAgentProvider.PhoneCallRequest request() {
        return new VoiceAgentProvider.PhoneCallRequest("+14155550100", "+14155550199", null, Map.of(), Map.of());
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}
