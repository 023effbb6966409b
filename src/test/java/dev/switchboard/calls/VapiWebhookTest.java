package dev.switchboard.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.switchboard.agents.VapiServerMessageAuthentication;
import dev.switchboard.platform.SecretStore;
import dev.switchboard.platform.TenantScope;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Vapi server messages: authenticated as the organization's Vapi account is configured (shared
 * secret or HMAC), stored once, and mapped onto the call record like Retell's webhooks.
 */
@SwitchboardTest
class VapiWebhookTest {

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    @Autowired MeterRegistry meters;
    @Autowired SecretStore secrets;
    @Autowired TransactionTemplate tx;
    Api api;
    Api.Account admin;
    String assistantId;
    String callId;

    @BeforeEach
    void setUp() {
        api = new Api(mvc);
        admin = api.signUp("Vapi Co " + UUID.randomUUID());
        assistantId = UUID.randomUUID().toString();
        callId = UUID.randomUUID().toString();
        database.owner().sql("insert into agents (id, organization_id, name, type, prompt_template, provider, provider_agent_id, status) "
                + "values (?, ?, 'Receptionist', 'custom', 'Hi', 'vapi', ?, 'active')")
                .params(UUID.randomUUID(), admin.organizationId(), assistantId).update();
    }

    @Test
    void aMessageWithTheSharedSecretIsStoredOnceAndDuplicatesAreAbsorbed() {
        connectVapi(Map.of("serverSecret", "s3cret-of-the-server"));
        String body = statusUpdate("ringing");
        assertThat(deliver(body, Map.of("x-vapi-secret", "s3cret-of-the-server")).getResponse().getStatus()).isEqualTo(200);
        assertThat(deliver(body, Map.of("x-vapi-secret", "s3cret-of-the-server")).getResponse().getStatus()).isEqualTo(200);
        var row = database.owner().sql("select provider, event_type, deliveries, subject_organization_id from webhook_inbox "
                + "where provider_call_id = ?").param(callId).query().singleRow();
        assertThat(row.get("provider")).isEqualTo("vapi");
        assertThat(row.get("event_type")).isEqualTo("status-update");
        assertThat(row.get("deliveries")).isEqualTo(2);
        assertThat(row.get("subject_organization_id")).isEqualTo(admin.organizationId());
    }

    @Test
    void aMissingOrWrongSecretIs401CountedAndNothingIsStored() {
        connectVapi(Map.of("serverSecret", "s3cret-of-the-server"));
        String body = statusUpdate("ringing");
        double before = rejected("missing") + rejected("mismatch");
        assertThat(deliver(body, Map.of()).getResponse().getStatus()).isEqualTo(401);
        assertThat(deliver(body, Map.of("x-vapi-secret", "guess")).getResponse().getStatus()).isEqualTo(401);
        assertThat(rejected("missing") + rejected("mismatch")).isEqualTo(before + 2);
        assertNothingStored();
    }

    @Test
    void hmacSignedMessagesAreCheckedForSignatureAndAge() {
        String key = "hmac-key-" + UUID.randomUUID();
        connectVapi(Map.of("serverHmacSecret", key));
        String body = statusUpdate("in-progress");
        long now = System.currentTimeMillis();
        double before = rejected("missing") + rejected("mismatch") + rejected("stale");
        assertThat(deliver(body, Map.of()).getResponse().getStatus()).isEqualTo(401);
        assertThat(deliver(body, hmac("another-key", now, body)).getResponse().getStatus()).isEqualTo(401);
        assertThat(deliver(body, hmac(key, now - Duration.ofMinutes(6).toMillis(), body)).getResponse().getStatus()).isEqualTo(401);
        assertThat(deliver(body, Map.of("x-vapi-secret", key)).getResponse().getStatus()).as("not the configured scheme").isEqualTo(401);
        assertThat(rejected("missing") + rejected("mismatch") + rejected("stale")).isEqualTo(before + 4);
        assertNothingStored();
        assertThat(deliver(body, hmac(key, now, body)).getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void withNoSecretConfiguredEveryMessageIsRefused() {
        String body = statusUpdate("ringing");
        assertThat(deliver(body, Map.of("x-vapi-secret", "anything")).getResponse().getStatus()).isEqualTo(401);
        assertNothingStored();
    }

    @Test
    void anEndOfCallReportCompletesTheCallSwitchboardStarted() {
        connectVapi(Map.of("serverSecret", "s3cret-of-the-server"));
        UUID id = UUID.randomUUID();
        database.owner().sql("""
                insert into calls (id, organization_id, provider, provider_call_id, provider_agent_id, direction, from_number,
                                   to_number, status)
                values (?, ?, 'vapi', ?, ?, 'outbound', '+14155550100', '+14155550104', 'queued')""")
                .params(id, admin.organizationId(), callId, assistantId).update();
        String report = """
                {"message": {"type": "end-of-call-report", "endedReason": "customer-busy", "cost": 0.0123,
                  "startedAt": "2026-11-20T10:00:00.000Z", "endedAt": "2026-11-20T10:00:04.000Z",
                  "call": {"id": "%s", "assistantId": "%s", "type": "outboundPhoneCall", "customer": {"number": "+14155550104"}},
                  "artifact": {"messages": []}}}""".formatted(callId, assistantId);
        assertThat(deliver(report, Map.of("x-vapi-secret", "s3cret-of-the-server")).getResponse().getStatus()).isEqualTo(200);
        var call = await().atMost(Duration.ofSeconds(10)).until(() -> database.owner()
                .sql("select status, disposition, disconnection_reason, duration_seconds, cost_cents from calls where id = ?")
                .param(id).query().singleRow(), c -> "completed".equals(c.get("status")));
        assertThat(call.get("disposition")).isEqualTo("busy");
        assertThat(call.get("disconnection_reason")).isEqualTo("customer-busy");
        assertThat(call.get("duration_seconds")).isEqualTo(4);
        assertThat(((java.math.BigDecimal) call.get("cost_cents")).doubleValue()).isEqualTo(1.23);
        assertThat(database.owner().sql("select count(*) from calls where organization_id = ?").param(admin.organizationId())
                .query(Long.class).single()).as("no second record").isEqualTo(1);
    }

    @Test
    void anInboundCallAnsweredByTheAssistantIsRecordedWithItsTranscript() {
        connectVapi(Map.of("serverSecret", "s3cret-of-the-server"));
        String report = """
                {"message": {"type": "end-of-call-report", "endedReason": "customer-ended-call", "cost": 0.2,
                  "startedAt": "2026-11-20T10:00:00.000Z", "endedAt": "2026-11-20T10:01:00.000Z",
                  "call": {"id": "%s", "assistantId": "%s", "type": "inboundPhoneCall", "customer": {"number": "+14155550155"},
                           "phoneNumber": {"number": "+14155550166"}},
                  "artifact": {"transcript": "AI: Hello\\nUser: Hi", "recordingUrl": "https://storage.vapi.ai/rec.wav",
                               "messages": [{"role": "system", "message": "prompt"},
                                            {"role": "bot", "message": "Hello", "secondsFromStart": 0.5, "duration": 900},
                                            {"role": "user", "message": "Hi", "secondsFromStart": 2.0}]},
                  "analysis": {"summary": "A short greeting.", "successEvaluation": "true", "structuredData": {"booked": false}}}}"""
                .formatted(callId, assistantId);
        assertThat(deliver(report, Map.of("x-vapi-secret", "s3cret-of-the-server")).getResponse().getStatus()).isEqualTo(200);
        var call = await().atMost(Duration.ofSeconds(10)).until(() -> database.owner()
                .sql("select * from calls where provider_call_id = ?").param(callId).query().listOfRows(), r -> r.size() == 1).get(0);
        assertThat(call.get("provider")).isEqualTo("vapi");
        assertThat(call.get("direction")).isEqualTo("inbound");
        assertThat(call.get("from_number")).isEqualTo("+14155550155");
        assertThat(call.get("to_number")).isEqualTo("+14155550166");
        assertThat(call.get("status")).isEqualTo("completed");
        assertThat(call.get("disposition")).isEqualTo("answered");
        assertThat(call.get("recording_url")).isEqualTo("https://storage.vapi.ai/rec.wav");
        assertThat(call.get("transcript").toString()).contains("Hello");
        assertThat(call.get("transcript_turns").toString()).contains("\"speaker\": \"agent\"").doesNotContain("prompt");
        assertThat(call.get("analysis").toString()).contains("A short greeting.").contains("\"successful\": true");
    }

    @Test
    void messagesThatDoNotChangeACallAreAcknowledgedAndNotKept() {
        connectVapi(Map.of("serverSecret", "s3cret-of-the-server"));
        String body = "{\"message\":{\"type\":\"speech-update\",\"status\":\"started\",\"role\":\"user\","
                + "\"call\":{\"id\":\"" + callId + "\",\"assistantId\":\"" + assistantId + "\"}}}";
        assertThat(deliver(body, Map.of("x-vapi-secret", "s3cret-of-the-server")).getResponse().getStatus()).isEqualTo(200);
        assertNothingStored();
    }

    private void connectVapi(Map<String, String> settings) {
        database.owner().sql("insert into organization_provider_accounts (organization_id, provider, mode, key_last_four, settings) "
                + "values (?, 'vapi', 'own', 'abcd', ?::jsonb)").params(admin.organizationId(), Api.body(settings)).update();
        TenantScope.runAs(admin.organizationId(), () -> tx.executeWithoutResult(s ->
                secrets.put("provider.vapi.credential", "vapi-key-" + UUID.randomUUID())));
    }

    private String statusUpdate(String status) {
        return "{\"message\":{\"type\":\"status-update\",\"status\":\"" + status + "\",\"call\":{\"id\":\"" + callId
                + "\",\"assistantId\":\"" + assistantId + "\",\"type\":\"outboundPhoneCall\"}}}";
    }

    private static Map<String, String> hmac(String key, long timestamp, String body) {
        String ts = Long.toString(timestamp);
        return Map.of("x-timestamp", ts, "x-signature",
                VapiServerMessageAuthentication.sign(key, ts, body.getBytes(StandardCharsets.UTF_8)));
    }

    private MvcResult deliver(String body, Map<String, String> headers) {
        var request = post("/webhooks/vapi").contentType(MediaType.APPLICATION_JSON).content(body);
        headers.forEach(request::header);
        return api.perform(request);
    }

    private void assertNothingStored() {
        assertThat(database.owner().sql("select count(*) from webhook_inbox where provider_call_id = ?").param(callId)
                .query(Long.class).single()).isZero();
    }

    private double rejected(String reason) {
        var counter = meters.find("switchboard.webhooks.rejected").tag("provider", "vapi").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
