package dev.switchboard.agents.internal.vapi;

import dev.switchboard.agents.VoiceAgentProvider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.switchboard.agents.VoiceAgentProvider.AgentSpec;
import dev.switchboard.agents.VoiceAgentProvider.BatchRequest;
import dev.switchboard.agents.VoiceAgentProvider.BatchStatus;
import dev.switchboard.agents.VoiceAgentProvider.BatchTask;
import dev.switchboard.agents.VoiceAgentProvider.CallWindow;
import dev.switchboard.agents.VoiceAgentProvider.Concurrency;
import dev.switchboard.agents.VoiceAgentProvider.PhoneCallRequest;
import dev.switchboard.agents.VoiceAgentProvider.ProviderAgent;
import dev.switchboard.agents.VoiceAgentProvider.ProviderCall;
import dev.switchboard.agents.VoiceAgentProvider.StartedBatch;
import dev.switchboard.agents.VoiceAgentProvider.StartedCall;
import dev.switchboard.agents.VoiceAgentProvider.ToolSpec;
import dev.switchboard.agents.internal.tools.CanonicalJson;
import dev.switchboard.agents.internal.tools.ToolRegistrations;
import dev.switchboard.platform.ProviderClient;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderException;
import dev.switchboard.testing.SwitchboardTest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Vapi adapter against WireMock answering in the shapes of Vapi's API (npm
 * {@code @vapi-ai/server-sdk} types), with the platform's real provider client (retries,
 * Retry-After) and the real tool-registration table.
 */
@SwitchboardTest
class VapiVoiceAgentProviderTest {

    private static final String FROM = "+14155550100";
    private static final String TO = "+14155550123";
    private static final String NUMBERS = """
            [{"id":"pn-1","orgId":"org-1","number":"+14155550100","provider":"twilio","twilioAccountSid":"AC123",
              "assistantId":"asst-inbound","status":"active","createdAt":"2026-01-01T00:00:00.000Z",
              "updatedAt":"2026-01-01T00:00:00.000Z"},
             {"id":"pn-2","orgId":"org-1","number":"+14155550199","provider":"twilio","twilioAccountSid":"AC123",
              "status":"active","createdAt":"2026-01-01T00:00:00.000Z","updatedAt":"2026-01-01T00:00:00.000Z"}]""";

    @Autowired ProviderClient.Factory clients;
    @Autowired ToolRegistrations registrations;
    @Autowired Clock clock;

    WireMockServer vapi;
    VapiVoiceAgentProvider provider;
    ProviderAccount account;
    String apiKey;

    @BeforeEach
    void start() {
        // A server (and so a circuit breaker) per test: failures in one test do not open another's circuit.
        vapi = new WireMockServer(wireMockConfig().dynamicPort());
        vapi.start();
        provider = new VapiVoiceAgentProvider(clients, registrations, clock, Duration.ofSeconds(5));
        apiKey = "test-key-" + UUID.randomUUID();
        account = new ProviderAccount("vapi", URI.create(vapi.baseUrl()), apiKey,
                Map.of("serverSecret", "shared-secret"), false);
    }

    @AfterEach
    void stop() {
        vapi.stop();
    }

    private AgentSpec agent(String providerAgentId, String toolDescription) {
        return new AgentSpec(providerAgentId, null, "Dental reception", "You book appointments for {{clinic}}.",
                "Hello, this is the clinic.", "Elliot", "en-US",
                List.of(new ToolSpec("book_appointment", toolDescription, "https://switchboard.example/tools/book",
                        Map.of("type", "object", "properties", Map.of("time", Map.of("type", "string")),
                                "required", List.of("time")))),
                "https://switchboard.example/webhooks/vapi");
    }

    private void stubToolCreation(String... ids) {
        String state = Scenario.STARTED;
        for (int i = 0; i < ids.length; i++) {
            String next = i + 1 < ids.length ? "tool " + (i + 1) : "done";
            vapi.stubFor(post(urlEqualTo("/tool")).inScenario("tools").whenScenarioStateIs(state)
                    .willReturn(okJson("{\"id\":\"" + ids[i] + "\",\"type\":\"function\",\"orgId\":\"org-1\","
                            + "\"createdAt\":\"2026-01-01T00:00:00.000Z\",\"updatedAt\":\"2026-01-01T00:00:00.000Z\"}")
                            .withStatus(201))
                    .willSetStateTo(next));
            state = next;
        }
    }

    // Agents and tools

    @Test
    void doesNotOfferProviderBatchesSoCampaignsUseThePacer() {
        assertThat(provider.capabilities()).doesNotContain(VoiceAgentProvider.Capability.BATCH_CALLS)
                .contains(VoiceAgentProvider.Capability.CALL_LISTING);
    }

    @Test
    void createsAnAssistantWithPromptVoiceToolsAndServerAuthentication() {
        stubToolCreation("tool-1");
        vapi.stubFor(post(urlEqualTo("/assistant")).willReturn(okJson("{\"id\":\"asst-1\",\"orgId\":\"org-1\"}").withStatus(201)));

        ProviderAgent created = provider.upsertAgent(account, agent(null, "Books a visit"));

        assertThat(created.agentId()).isEqualTo("asst-1");
        vapi.verify(postRequestedFor(urlEqualTo("/tool"))
                .withHeader("Authorization", equalTo("Bearer " + apiKey))
                .withRequestBody(equalToJson("""
                        {"type":"function",
                         "function":{"name":"book_appointment","description":"Books a visit",
                                     "parameters":{"type":"object","properties":{"time":{"type":"string"}},"required":["time"]}},
                         "server":{"url":"https://switchboard.example/tools/book","headers":{"x-vapi-secret":"shared-secret"}}}""")));
        vapi.verify(postRequestedFor(urlEqualTo("/assistant"))
                .withHeader("Authorization", equalTo("Bearer " + apiKey))
                .withRequestBody(equalToJson("""
                        {"name":"Dental reception",
                         "model":{"provider":"openai","model":"gpt-4o",
                                  "messages":[{"role":"system","content":"You book appointments for {{clinic}}."}],
                                  "toolIds":["tool-1"]},
                         "voice":{"provider":"vapi","voiceId":"Elliot"},
                         "transcriber":{"provider":"deepgram","language":"en-US"},
                         "firstMessage":"Hello, this is the clinic.",
                         "firstMessageMode":"assistant-speaks-first",
                         "server":{"url":"https://switchboard.example/webhooks/vapi","headers":{"x-vapi-secret":"shared-secret"}}}""")));
    }

    @Test
    void updatesAnExistingAssistantWithTheCompleteDefinition() {
        stubToolCreation("tool-1");
        vapi.stubFor(patch(urlEqualTo("/assistant/asst-1")).willReturn(okJson("{\"id\":\"asst-1\"}")));
        AgentSpec silentFirst = new AgentSpec("asst-1", null, "Follow-up", "Ask how the visit went.", null,
                "11labs:voice-abc", null, List.of(), null);

        ProviderAgent updated = provider.upsertAgent(account, silentFirst);

        assertThat(updated.agentId()).isEqualTo("asst-1");
        vapi.verify(patchRequestedFor(urlEqualTo("/assistant/asst-1")).withRequestBody(equalToJson("""
                {"name":"Follow-up",
                 "model":{"provider":"openai","model":"gpt-4o",
                          "messages":[{"role":"system","content":"Ask how the visit went."}],"toolIds":[]},
                 "voice":{"provider":"11labs","voiceId":"voice-abc"},
                 "firstMessageMode":"assistant-waits-for-user"}""")));
        vapi.verify(0, postRequestedFor(urlEqualTo("/assistant")));
    }

    @Test
    void recreatesAnAssistantThatWasDeletedInVapi() {
        stubToolCreation("tool-1");
        vapi.stubFor(patch(urlEqualTo("/assistant/gone")).willReturn(aResponse().withStatus(404)
                .withBody("{\"message\":\"Couldn't Find Assistant\",\"error\":\"Not Found\",\"statusCode\":404}")));
        vapi.stubFor(post(urlEqualTo("/assistant")).willReturn(okJson("{\"id\":\"asst-2\"}").withStatus(201)));

        assertThat(provider.upsertAgent(account, agent("gone", "Books a visit")).agentId()).isEqualTo("asst-2");
    }

    @Test
    void deletesAnAssistantAndTreatsAnUnknownOneAsDeleted() {
        vapi.stubFor(delete(urlEqualTo("/assistant/asst-1")).willReturn(okJson("{\"id\":\"asst-1\"}")));
        vapi.stubFor(delete(urlEqualTo("/assistant/gone")).willReturn(aResponse().withStatus(404)));

        provider.deleteAgent(account, new ProviderAgent("asst-1", null));
        provider.deleteAgent(account, new ProviderAgent("gone", null));

        vapi.verify(deleteRequestedFor(urlEqualTo("/assistant/asst-1")));
        vapi.verify(deleteRequestedFor(urlEqualTo("/assistant/gone")));
    }

    @Test
    void registersAToolOncePerAccountAndReusesItWhileItsDefinitionIsUnchanged() {
        stubToolCreation("tool-1", "tool-unexpected");
        vapi.stubFor(post(urlEqualTo("/assistant")).willReturn(okJson("{\"id\":\"asst-1\"}").withStatus(201)));
        vapi.stubFor(patch(urlEqualTo("/assistant/asst-1")).willReturn(okJson("{\"id\":\"asst-1\"}")));

        provider.upsertAgent(account, agent(null, "Books a visit"));
        provider.upsertAgent(account, agent("asst-1", "Books a visit"));
        provider.upsertAgent(account, agent(null, "Books a visit"));

        vapi.verify(1, postRequestedFor(urlEqualTo("/tool")));
        vapi.verify(patchRequestedFor(urlEqualTo("/assistant/asst-1"))
                .withRequestBody(equalToJson("{\"model\":{\"toolIds\":[\"tool-1\"]}}", true, true)));
        assertThat(registrations.find("vapi", CanonicalJson.accountFingerprint(apiKey), "book_appointment"))
                .get().satisfies(registration -> {
                    assertThat(registration.providerToolId()).isEqualTo("tool-1");
                    assertThat(registration.accountFingerprint()).doesNotContain(apiKey).hasSize(64);
                });
    }

    @Test
    void registersTheToolAgainWhenItsDefinitionChangesAndLinksTheNewOne() {
        stubToolCreation("tool-1", "tool-2");
        vapi.stubFor(patch(urlEqualTo("/assistant/asst-1")).willReturn(okJson("{\"id\":\"asst-1\"}")));

        provider.upsertAgent(account, agent("asst-1", "Books a visit"));
        provider.upsertAgent(account, agent("asst-1", "Books a visit, and says when the clinic is closed"));

        vapi.verify(2, postRequestedFor(urlEqualTo("/tool")));
        vapi.verify(patchRequestedFor(urlEqualTo("/assistant/asst-1"))
                .withRequestBody(equalToJson("{\"model\":{\"toolIds\":[\"tool-2\"]}}", true, true)));
        assertThat(registrations.find("vapi", CanonicalJson.accountFingerprint(apiKey), "book_appointment"))
                .get().extracting(ToolRegistrations.Registration::providerToolId).isEqualTo("tool-2");
    }

    @Test
    void anotherVapiAccountGetsItsOwnRegistration() {
        stubToolCreation("tool-1", "tool-9");
        vapi.stubFor(patch(urlEqualTo("/assistant/asst-1")).willReturn(okJson("{\"id\":\"asst-1\"}")));
        ProviderAccount other = new ProviderAccount("vapi", URI.create(vapi.baseUrl()), apiKey + "-other", Map.of(), true);

        provider.upsertAgent(account, agent("asst-1", "Books a visit"));
        provider.upsertAgent(other, agent("asst-1", "Books a visit"));

        vapi.verify(2, postRequestedFor(urlEqualTo("/tool")));
    }

    @Test
    void refusesAToolNameVapiWouldReject() {
        AgentSpec spaced = new AgentSpec(null, null, "A", "P", null, null, null,
                List.of(new ToolSpec("book appointment", "d", "https://x.example", Map.of())), null);

        assertThatThrownBy(() -> provider.upsertAgent(account, spaced))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.REJECTED));
        vapi.verify(0, postRequestedFor(urlEqualTo("/tool")));
    }

    // Calls

    @Test
    void placesACallFromTheVapiIdOfTheCallerNumberWithVariablesAndMetadata() {
        vapi.stubFor(get(urlPathEqualTo("/phone-number")).willReturn(okJson(NUMBERS)));
        vapi.stubFor(post(urlEqualTo("/call")).willReturn(okJson("""
                {"id":"call-1","orgId":"org-1","type":"outboundPhoneCall","status":"queued",
                 "assistantId":"asst-1","phoneNumberId":"pn-1","customer":{"number":"+14155550123"},
                 "createdAt":"2026-01-01T00:00:00.000Z","updatedAt":"2026-01-01T00:00:00.000Z"}""").withStatus(201)));

        StartedCall call = provider.startPhoneCall(account, new PhoneCallRequest(FROM, TO, "asst-1",
                Map.of("clinic", "Smile Dental"), Map.of("switchboardCallId", "sb-1")));

        assertThat(call).isEqualTo(new StartedCall("call-1", "queued"));
        vapi.verify(postRequestedFor(urlEqualTo("/call")).withRequestBody(equalToJson("""
                {"assistantId":"asst-1","phoneNumberId":"pn-1","customer":{"number":"+14155550123"},
                 "assistantOverrides":{"variableValues":{"clinic":"Smile Dental"},
                                       "metadata":{"switchboardCallId":"sb-1"}}}""")));
    }

    @Test
    void aCallWithoutAgentUsesTheAssistantOfTheCallerNumber() {
        vapi.stubFor(get(urlPathEqualTo("/phone-number")).willReturn(okJson(NUMBERS)));
        vapi.stubFor(post(urlEqualTo("/call")).willReturn(okJson("{\"id\":\"call-2\",\"status\":\"queued\"}").withStatus(201)));

        provider.startPhoneCall(account, new PhoneCallRequest(FROM, TO, null, Map.of(), Map.of()));

        vapi.verify(postRequestedFor(urlEqualTo("/call")).withRequestBody(equalToJson("""
                {"assistantId":"asst-inbound","phoneNumberId":"pn-1","customer":{"number":"+14155550123"}}""")));
    }

    @Test
    void aCallWithoutAgentFromANumberWithoutAssistantIsRefusedBeforeCallingVapi() {
        vapi.stubFor(get(urlPathEqualTo("/phone-number")).willReturn(okJson(NUMBERS)));

        assertThatThrownBy(() -> provider.startPhoneCall(account, new PhoneCallRequest("+14155550199", TO, null, null, null)))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.MISSING_AGENT));
        vapi.verify(0, postRequestedFor(urlEqualTo("/call")));
    }

    @Test
    void aCallerNumberThatIsNotInTheVapiAccountIsReportedAsNotRegistered() {
        vapi.stubFor(get(urlPathEqualTo("/phone-number")).willReturn(okJson(NUMBERS)));

        assertThatThrownBy(() -> provider.startPhoneCall(account, new PhoneCallRequest("+14155550111", TO, "asst-1", null, null)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.FROM_NUMBER_NOT_REGISTERED);
                    assertThat(e.getMessage()).contains("+14155550111");
                });
    }

    @Test
    void startsABatchWithCustomersAndASchedulePlanInsideTheCallingWindow() {
        vapi.stubFor(get(urlPathEqualTo("/phone-number")).willReturn(okJson(NUMBERS)));
        vapi.stubFor(post(urlEqualTo("/call")).willReturn(okJson("""
                {"results":[{"id":"call-a","status":"scheduled"},{"id":"call-b","status":"scheduled"}],"errors":[]}""")
                .withStatus(201)));
        // Monday 7 January 2030, 07:00 in New York; calls allowed 09:00 to 17:00 there.
        Instant trigger = Instant.parse("2030-01-07T12:00:00Z");
        BatchRequest batch = new BatchRequest("January recall", FROM, List.of(
                new BatchTask(TO, "asst-1", Map.of("name", "Ada")),
                new BatchTask("+14155550124", "asst-1", Map.of("name", "Grace"))),
                null, trigger, new CallWindow(List.<int[]>of(new int[] {9 * 60, 17 * 60}), "America/New_York", List.of()));

        StartedBatch started = provider.startBatch(account, batch);

        assertThat(started.providerBatchId()).isEqualTo("call-a,call-b");
        assertThat(started.totalTasks()).isEqualTo(2);
        assertThat(started.scheduledAt()).isEqualTo(Instant.parse("2030-01-07T14:00:00Z"));
        vapi.verify(postRequestedFor(urlEqualTo("/call")).withRequestBody(equalToJson("""
                {"name":"January recall","assistantId":"asst-1","phoneNumberId":"pn-1",
                 "customers":[{"number":"+14155550123","assistantOverrides":{"variableValues":{"name":"Ada"}}},
                              {"number":"+14155550124","assistantOverrides":{"variableValues":{"name":"Grace"}}}],
                 "schedulePlan":{"earliestAt":"2030-01-07T14:00:00Z","latestAt":"2030-01-07T22:00:00Z"}}""")));
    }

    @Test
    void aBatchVapiRefusesEntirelyIsReportedWithVapisReason() {
        vapi.stubFor(get(urlPathEqualTo("/phone-number")).willReturn(okJson(NUMBERS)));
        vapi.stubFor(post(urlEqualTo("/call")).willReturn(okJson("""
                {"results":[],"errors":[{"customer":{"number":"+14155550123"},"error":"Over concurrency limit"}]}""")
                .withStatus(201)));

        assertThatThrownBy(() -> provider.startBatch(account, new BatchRequest("b", FROM,
                List.of(new BatchTask(TO, "asst-1", Map.of())), null, null, null)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.REJECTED);
                    assertThat(e.getMessage()).contains("Over concurrency limit");
                });
    }

    @Test
    void inspectsABatchByLookingUpItsCalls() {
        vapi.stubFor(get(urlEqualTo("/v2/call?idAny=call-a&idAny=call-b&idAny=call-c&limit=3")).willReturn(okJson("""
                {"results":[{"id":"call-a","status":"ended"},{"id":"call-b","status":"in-progress"},
                            {"id":"call-c","status":"scheduled"}],
                 "metadata":{"itemsPerPage":3,"totalItems":3,"currentPage":1}}""")));

        BatchStatus status = provider.inspectBatch(account, "call-a,call-b,call-c");

        assertThat(status).isEqualTo(new BatchStatus("call-a,call-b,call-c", "in_progress", 3, 2, 1));
    }

    @Test
    void cancellingABatchWithdrawsOnlyTheCallsStillScheduled() {
        vapi.stubFor(get(urlEqualTo("/v2/call?idAny=call-a&idAny=call-b&limit=2")).willReturn(okJson("""
                {"results":[{"id":"call-a","status":"in-progress"},{"id":"call-b","status":"scheduled"}]}""")));
        vapi.stubFor(delete(urlEqualTo("/call/call-b")).willReturn(okJson("{\"id\":\"call-b\"}")));

        provider.cancelBatch(account, "call-a,call-b");

        vapi.verify(deleteRequestedFor(urlEqualTo("/call/call-b")));
        vapi.verify(0, deleteRequestedFor(urlEqualTo("/call/call-a")));
    }

    @Test
    void readsACallAndListsRecentCallsNewestFirst() {
        vapi.stubFor(get(urlPathEqualTo("/phone-number")).willReturn(okJson(NUMBERS)));
        String first = """
                {"id":"call-1","type":"outboundPhoneCall","status":"ended","endedReason":"customer-did-not-answer",
                 "assistantId":"asst-1","phoneNumberId":"pn-1","customer":{"number":"+14155550123"},
                 "createdAt":"2026-03-01T10:00:00.000Z","startedAt":"2026-03-01T10:00:01.000Z",
                 "endedAt":"2026-03-01T10:00:31.000Z"}""";
        String second = """
                {"id":"call-2","type":"inboundPhoneCall","status":"in-progress","assistantId":"asst-inbound",
                 "phoneNumberId":"pn-1","customer":{"number":"+14155550777"},"createdAt":"2026-03-01T11:00:00.000Z"}""";
        vapi.stubFor(get(urlEqualTo("/call/call-1")).willReturn(okJson(first)));
        vapi.stubFor(get(urlEqualTo("/call/unknown")).willReturn(aResponse().withStatus(404)));
        vapi.stubFor(get(urlEqualTo("/call?createdAtGe=2026-03-01T00%3A00%3A00Z&limit=50"))
                .willReturn(okJson("[" + first + "," + second + "]")));

        Optional<ProviderCall> call = provider.getCall(account, "call-1");
        List<ProviderCall> calls = provider.listCalls(account, Instant.parse("2026-03-01T00:00:00Z"), 50);

        assertThat(call).get().satisfies(c -> {
            assertThat(c.direction()).isEqualTo("outbound");
            assertThat(c.fromNumber()).isEqualTo(FROM);
            assertThat(c.toNumber()).isEqualTo(TO);
            assertThat(c.disconnectionReason()).isEqualTo("customer-did-not-answer");
            assertThat(c.endedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:31Z"));
        });
        assertThat(provider.getCall(account, "unknown")).isEmpty();
        assertThat(calls).extracting(ProviderCall::providerCallId).containsExactly("call-2", "call-1");
        assertThat(calls.getFirst().fromNumber()).isEqualTo("+14155550777");
        assertThat(calls.getFirst().toNumber()).isEqualTo(FROM);
    }

    @Test
    void reportsTheDocumentedConcurrencyLimitOrTheConfiguredOneWithTheCallsRunningNow() {
        vapi.stubFor(get(urlPathEqualTo("/call")).willReturn(okJson("""
                [{"id":"a","status":"in-progress"},{"id":"b","status":"ringing"},{"id":"c","status":"ended"}]""")));
        ProviderAccount configured = new ProviderAccount("vapi", URI.create(vapi.baseUrl()), apiKey,
                Map.of("concurrencyLimit", "25"), false);

        assertThat(provider.concurrency(account)).isEqualTo(new Concurrency(2, 10));
        assertThat(provider.concurrency(configured)).isEqualTo(new Concurrency(2, 25));
    }

    // Phone numbers

    @Test
    void importsATwilioNumberWithTheAccountsTwilioCredentials() {
        vapi.stubFor(get(urlPathEqualTo("/phone-number")).willReturn(okJson("[]")));
        vapi.stubFor(post(urlEqualTo("/phone-number")).willReturn(okJson("{\"id\":\"pn-9\",\"number\":\"+14155550155\"}")
                .withStatus(201)));
        ProviderAccount byoc = new ProviderAccount("vapi", URI.create(vapi.baseUrl()), apiKey,
                Map.of("twilioAccountSid", "AC123", "twilioAuthToken", "twilio-token"), true);

        provider.importPhoneNumber(byoc, "+14155550155", "asst-1", null, "Front desk");

        vapi.verify(postRequestedFor(urlEqualTo("/phone-number")).withRequestBody(equalToJson("""
                {"provider":"twilio","number":"+14155550155","twilioAccountSid":"AC123","twilioAuthToken":"twilio-token",
                 "name":"Front desk","assistantId":"asst-1"}""")));
    }

    @Test
    void importingANumberVapiAlreadyHasUpdatesIt() {
        vapi.stubFor(get(urlPathEqualTo("/phone-number")).willReturn(okJson(NUMBERS)));
        vapi.stubFor(patch(urlEqualTo("/phone-number/pn-2")).willReturn(okJson("{\"id\":\"pn-2\"}")));

        provider.importPhoneNumber(account, "+14155550199", "asst-1", "asst-2", "Sales");

        vapi.verify(patchRequestedFor(urlEqualTo("/phone-number/pn-2")).withRequestBody(equalToJson("""
                {"provider":"twilio","name":"Sales","assistantId":"asst-1"}""")));
        vapi.verify(0, postRequestedFor(urlEqualTo("/phone-number")));
    }

    @Test
    void assignsTheAnsweringAssistantOfANumberByItsVapiId() {
        vapi.stubFor(get(urlPathEqualTo("/phone-number")).willReturn(okJson(NUMBERS)));
        vapi.stubFor(patch(urlEqualTo("/phone-number/pn-1")).willReturn(okJson("{\"id\":\"pn-1\"}")));

        provider.updatePhoneNumber(account, FROM, "asst-7", null);

        vapi.verify(patchRequestedFor(urlEqualTo("/phone-number/pn-1")).withRequestBody(equalToJson("""
                {"provider":"twilio","assistantId":"asst-7"}""")));
    }

    // Errors

    @Test
    void anInvalidDestinationIsReportedAsAnInvalidNumber() {
        vapi.stubFor(get(urlPathEqualTo("/phone-number")).willReturn(okJson(NUMBERS)));
        vapi.stubFor(post(urlEqualTo("/call")).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("""
                        {"message":["customer.number must be a valid phone number in the E.164 format. Hot tip, you may be missing the country code (Eg. US: +1)."],
                         "error":"Bad Request","statusCode":400}""")));

        assertThatThrownBy(() -> provider.startPhoneCall(account, new PhoneCallRequest(FROM, "+1555", "asst-1", null, null)))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_NUMBER));
        vapi.verify(0, postRequestedFor(urlEqualTo("/call")));

        assertThatThrownBy(() -> provider.startPhoneCall(account, new PhoneCallRequest(FROM, "+19999999999", "asst-1", null, null)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_NUMBER);
                    assertThat(e.providerMessage()).contains("E.164");
                });
    }

    @Test
    void aRefusedKeyIsReportedAsUnauthorizedWithoutRevealingTheKey() {
        vapi.stubFor(get(urlPathEqualTo("/phone-number")).willReturn(aResponse().withStatus(401).withBody("""
                {"message":"Invalid Key. Hot tip, you may be using the private key instead of the public key, or vice versa.",
                 "error":"Unauthorized","statusCode":401}""")));

        assertThatThrownBy(() -> provider.startPhoneCall(account, new PhoneCallRequest(FROM, TO, "asst-1", null, null)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.UNAUTHORIZED);
                    assertThat(e.getMessage()).contains("API key").doesNotContain(apiKey);
                    assertThat(String.valueOf(e.providerMessage())).doesNotContain(apiKey);
                });
    }

    @Test
    void aRateLimitIsRetriedAfterTheTimeVapiAsksFor() {
        vapi.stubFor(get(urlPathEqualTo("/phone-number")).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("open"));
        vapi.stubFor(get(urlPathEqualTo("/phone-number")).inScenario("limit").whenScenarioStateIs("open")
                .willReturn(okJson(NUMBERS)));
        vapi.stubFor(post(urlEqualTo("/call")).willReturn(okJson("{\"id\":\"call-1\",\"status\":\"queued\"}").withStatus(201)));

        assertThat(provider.startPhoneCall(account, new PhoneCallRequest(FROM, TO, "asst-1", null, null)).providerCallId())
                .isEqualTo("call-1");
        vapi.verify(2, getRequestedFor(urlPathEqualTo("/phone-number")));
    }

    @Test
    void aRateLimitThatDoesNotLiftIsReportedAsRateLimited() {
        vapi.stubFor(get(urlPathEqualTo("/phone-number")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")));

        assertThatThrownBy(() -> provider.startPhoneCall(account, new PhoneCallRequest(FROM, TO, "asst-1", null, null)))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.RATE_LIMITED));
    }

    @Test
    void anOutageIsReportedAsUnavailable() {
        vapi.stubFor(get(urlPathEqualTo("/phone-number")).willReturn(okJson(NUMBERS)));
        vapi.stubFor(post(urlEqualTo("/call")).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> provider.startPhoneCall(account, new PhoneCallRequest(FROM, TO, "asst-1", null, null)))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.UNAVAILABLE));
    }

    @Test
    void aCallVapiDoesNotAnswerInTimeIsReportedAsATimeoutAndNotPlacedTwice() {
        VapiVoiceAgentProvider impatient = new VapiVoiceAgentProvider(clients, registrations, clock, Duration.ofMillis(300));
        vapi.stubFor(get(urlPathEqualTo("/phone-number")).willReturn(okJson(NUMBERS)));
        vapi.stubFor(post(urlEqualTo("/call")).willReturn(okJson("{\"id\":\"late\"}").withFixedDelay(1500)));

        assertThatThrownBy(() -> impatient.startPhoneCall(account, new PhoneCallRequest(FROM, TO, "asst-1", null, null)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.TIMEOUT);
                    assertThat(e.getMessage()).contains("check Vapi before trying again");
                });
        vapi.verify(1, postRequestedFor(urlEqualTo("/call")));
    }
}
