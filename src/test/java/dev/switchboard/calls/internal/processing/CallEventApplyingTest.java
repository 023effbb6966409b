package dev.switchboard.calls.internal.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.switchboard.platform.TenantScope;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applying provider events to call records, with the events the sandbox really sends (captured
 * from the inbox after a real sandbox call): any order, any number of times, same record; and
 * each way an event finds its call. Same properties as SandboxEndToEndTest: one shared context.
 */
@SwitchboardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {
        "switchboard.sandbox.url=",
        "switchboard.sandbox.provision-numbers=true",
        "switchboard.sandbox.time-scale=120",
        "switchboard.sandbox.seed=7"})
class CallEventApplyingTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** What must come out the same however the events arrive. */
    private static final String OUTCOME = """
            select status, disposition, disconnection_reason, direction, from_number, to_number, agent_id, provider_agent_id,
                   started_at, ended_at, duration_seconds, cost_cents, transcript, transcript_turns, recording_url,
                   recording_status, analysis, dynamic_variables, metadata, needs_review,
                   (select count(*) from call_events e where e.call_id = c.id) as events
            from calls c where provider_call_id = ?""";

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    @Autowired CallLedger ledger;
    @Autowired TransactionTemplate tx;
    @Autowired ProcessWebhookJob processing;
    @Autowired SweepWebhookInboxJob sweeper;
    Api api;
    Api.Account admin;
    /** The sandbox's call_started, call_ended and call_analyzed for an answered call. */
    List<String> answered;
    List<String> unanswered;

    @BeforeAll
    void captureWhatTheSandboxSends() {
        api = new Api(mvc);
        admin = api.signUp("Ledger Clinic");
        JsonNode number = await().atMost(Duration.ofSeconds(20)).until(() ->
                Api.json(api.perform(get("/api/v1/phone-numbers").with(admin.bearer())), 200).get("items"), n -> n.size() == 1).get(0);
        String voice = Api.json(api.perform(get("/api/v1/agents/voices").with(admin.bearer())), 200)
                .get("items").get(0).get("id").asString();
        String agentId = Api.json(api.perform(post("/api/v1/agents").with(admin.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("name", "Recall", "type", "appointment", "status", "active", "voiceId", voice,
                        "promptTemplate", "You call {{first_name}} about a check-up.")))), 201).get("id").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> Api.json(api.perform(get("/api/v1/agents/" + agentId)
                .with(admin.bearer())), 200).get("sync").get("status").asString(), "synced"::equals);
        Api.json(api.perform(patch("/api/v1/phone-numbers/" + number.get("id").asString()).with(admin.bearer())
                .contentType(MediaType.APPLICATION_JSON).content(Api.body(Map.of("outboundAgentId", agentId)))), 204);
        answered = captured("+14155550001", 3);
        unanswered = captured("+14155550003", 2);
    }

    @Test
    void shuffledRepeatedDeliveriesOfAnAnsweredCallYieldTheSameRecord() {
        assertSameOutcomeInAnyOrder(answered, "completed", "answered");
    }

    @Test
    void shuffledRepeatedDeliveriesOfAnUnansweredCallYieldTheSameRecord() {
        assertSameOutcomeInAnyOrder(unanswered, "completed", "no_answer");
    }

    @Test
    void aCompletedEventNeverMovesACallBack() {
        String callId = freshCallId();
        List<String> events = rewritten(answered, callId, null);
        apply(events.get(2));
        apply(events.get(0));
        apply(events.get(1));
        assertThat(row(callId).get("status")).isEqualTo("completed");
    }

    @Test
    void linksByProviderCallIdFirst() {
        String callId = freshCallId();
        UUID id = insertCall(callId, null, null, "+14155550001");
        CallLedger.Applied applied = apply(rewritten(answered, callId, null).get(0));
        assertThat(applied.link()).isEqualTo(CallLedger.Link.PROVIDER_CALL_ID);
        assertThat(applied.callId()).isEqualTo(id);
    }

    @Test
    void linksBySwitchboardIdInTheMetadata() {
        UUID id = insertCall(null, null, null, "+14155550001");
        String callId = freshCallId();
        CallLedger.Applied applied = apply(rewritten(answered, callId, Map.of("switchboardCallId", id.toString())).get(0));
        assertThat(applied.link()).isEqualTo(CallLedger.Link.SWITCHBOARD_ID);
        assertThat(applied.callId()).isEqualTo(id);
        assertThat(row(callId).get("status")).isEqualTo("in_progress");
    }

    @Test
    void linksByDestinationAndProviderBatch() {
        String batch = "batch_" + UUID.randomUUID();
        UUID id = insertCall(null, batch, null, "+14155550001");
        String callId = freshCallId();
        List<String> events = rewritten(answered, callId, Map.of());
        ObjectNode event = (ObjectNode) JSON.readTree(events.get(1));
        ((ObjectNode) event.get("call")).put("batch_call_id", batch);
        CallLedger.Applied applied = apply(event.toString());
        assertThat(applied.link()).isEqualTo(CallLedger.Link.BATCH_AND_NUMBER);
        assertThat(applied.callId()).isEqualTo(id);
    }

    @Test
    void twoProviderCallsToTheSameNumberOfABatchGetTheirOwnRecords() {
        String batch = "batch_" + UUID.randomUUID();
        UUID first = insertCall(null, batch, null, "+14155550001");
        UUID second = insertCall(null, batch, null, "+14155550001");
        List<UUID> linked = new ArrayList<>();
        for (String callId : List.of(freshCallId(), freshCallId())) {
            ObjectNode event = (ObjectNode) JSON.readTree(rewritten(answered, callId, Map.of()).get(1));
            ((ObjectNode) event.get("call")).put("batch_call_id", batch);
            linked.add(apply(event.toString()).callId());
        }
        assertThat(linked).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void linksByNormalizedNumberWithinTheCampaign() {
        UUID campaign = UUID.randomUUID();
        UUID id = insertCall(null, null, campaign, "+14155550001");
        String callId = freshCallId();
        ObjectNode event = (ObjectNode) JSON.readTree(rewritten(answered, callId, Map.of("campaignId", campaign.toString())).get(1));
        ((ObjectNode) event.get("call")).put("to_number", "(415) 555-0001");
        CallLedger.Applied applied = apply(event.toString());
        assertThat(applied.link()).isEqualTo(CallLedger.Link.CAMPAIGN_AND_NUMBER);
        assertThat(applied.callId()).isEqualTo(id);
    }

    @Test
    void anOutboundCallWithoutRecordBecomesAnEmergencyRecordForReview() {
        String callId = freshCallId();
        CallLedger.Applied applied = apply(rewritten(answered, callId, Map.of()).get(2));
        assertThat(applied.link()).isEqualTo(CallLedger.Link.EMERGENCY);
        assertThat(row(callId)).containsEntry("needs_review", true).containsEntry("status", "completed")
                .containsEntry("disposition", "answered");
    }

    @Test
    void anEventNoOrganizationKnowsFailsThenIsParkedWithItsInboxRow() {
        String callId = freshCallId();
        ObjectNode event = (ObjectNode) JSON.readTree(rewritten(answered, callId, Map.of()).get(0));
        ((ObjectNode) event.get("call")).put("agent_id", "agent_nobody_knows");
        UUID inbox = inboxRow(callId, event.toString(), Instant.now());
        var payload = new ProcessWebhookJob.Payload(inbox);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> processing.run(payload, context(inbox, 1)))
                .hasMessageContaining("No organization");
        assertThat(inboxStatus(inbox)).isEqualTo("failed");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> processing.run(payload, context(inbox, 3)));
        assertThat(inboxStatus(inbox)).isEqualTo("parked");
    }

    @Test
    void theSweeperProcessesWhatWasNotScheduled() {
        String callId = freshCallId();
        UUID inbox = inboxRow(callId, rewritten(answered, callId, Map.of()).get(2), Instant.now().minusSeconds(120));
        assertThat(sweeper.sweep()).isPositive();
        await().atMost(Duration.ofSeconds(20)).until(() -> inboxStatus(inbox), "processed"::equals);
        assertThat(row(callId)).containsEntry("status", "completed");
    }

    @Test
    void dispositionsFollowRetellsDisconnectionReasons() {
        assertThat(CallEvent.disposition("dial_no_answer", false)).isEqualTo("no_answer");
        assertThat(CallEvent.disposition("dial_busy", false)).isEqualTo("busy");
        assertThat(CallEvent.disposition("voicemail_reached", false)).isEqualTo("voicemail");
        assertThat(CallEvent.disposition("user_hangup", true)).isEqualTo("voicemail");
        assertThat(CallEvent.disposition("invalid_destination", false)).isEqualTo("invalid_number");
        assertThat(CallEvent.disposition("dial_failed", false)).isEqualTo("failed");
        assertThat(CallEvent.disposition("error_llm_websocket_open", false)).isEqualTo("failed");
        assertThat(CallEvent.disposition("agent_hangup", false)).isEqualTo("answered");
        assertThat(CallEvent.disposition(null, false)).isNull();
    }

    private void assertSameOutcomeInAnyOrder(List<String> events, String status, String disposition) {
        Map<String, Object> first = null;
        Random random = new Random(7);
        for (int round = 0; round < 3; round++) {
            String callId = freshCallId();
            List<String> deliveries = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                deliveries.addAll(rewritten(events, callId, Map.of()));
            }
            Collections.shuffle(deliveries, random);
            deliveries.forEach(this::apply);
            Map<String, Object> outcome = row(callId);
            assertThat(outcome).containsEntry("status", status).containsEntry("disposition", disposition)
                    .containsEntry("events", (long) deliveries.size());
            assertThat(outcome.get("analysis")).isNotNull();
            if (first == null) {
                first = outcome;
            } else {
                assertThat(outcome).isEqualTo(first);
            }
        }
    }

    private List<String> captured(String to, int events) {
        String id = Api.json(api.perform(post("/api/v1/calls").with(admin.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("to", to, "variables", Map.of("first_name", "Dee"))))), 201).get("id").asString();
        String providerCallId = await().atMost(Duration.ofSeconds(40)).until(() -> database.owner()
                .sql("select provider_call_id from calls where id = ? and status = 'completed'").param(UUID.fromString(id))
                .query(String.class).optional().orElse(null), java.util.Objects::nonNull);
        return await().atMost(Duration.ofSeconds(10)).until(() -> database.owner()
                .sql("select raw_body from webhook_inbox where provider_call_id = ? order by received_at")
                .param(providerCallId).query(String.class).list(), l -> l.size() == events);
    }

    /** The events as another call's (a fresh call id; metadata replaced when given). */
    private static List<String> rewritten(List<String> events, String callId, Map<String, String> metadata) {
        List<String> out = new ArrayList<>();
        for (String body : events) {
            ObjectNode event = (ObjectNode) JSON.readTree(body);
            ObjectNode call = (ObjectNode) event.get("call");
            call.put("call_id", callId);
            if (metadata != null) {
                call.set("metadata", JSON.valueToTree(metadata));
            }
            out.add(event.toString());
        }
        return out;
    }

    private CallLedger.Applied apply(String body) {
        UUID org = admin.organizationId();
        Instant received = Instant.parse("2026-11-20T10:00:00Z");
        return TenantScope.callAs(org, () -> tx.execute(s -> ledger.apply(org, UUID.randomUUID(), received,
                CallEvent.parse(body, received))));
    }

    private UUID insertCall(String providerCallId, String providerBatchId, UUID campaign, String to) {
        UUID id = UUID.randomUUID();
        database.owner().sql("""
                insert into calls (id, organization_id, provider, provider_call_id, direction, to_number, campaign_id,
                                   provider_batch_id, batch_call_id)
                values (?, ?, 'sandbox', ?, 'outbound', ?, ?, ?, ?)""")
                .params(id, admin.organizationId(), providerCallId, to, campaign, providerBatchId,
                        providerBatchId == null ? null : UUID.randomUUID())
                .update();
        return id;
    }

    private Map<String, Object> row(String providerCallId) {
        return database.owner().sql(OUTCOME).param(providerCallId).query().singleRow();
    }

    private UUID inboxRow(String callId, String body, Instant receivedAt) {
        UUID id = UUID.randomUUID();
        String type = JSON.readTree(body).get("event").asString();
        database.owner().sql("""
                insert into webhook_inbox (id, provider, event_key, event_type, provider_call_id, raw_body, received_at)
                values (?, 'retell', ?, ?, ?, ?, ?)""")
                .params(id, callId + ":" + type, type, callId, body, java.sql.Timestamp.from(receivedAt)).update();
        return id;
    }

    private String inboxStatus(UUID id) {
        return database.owner().sql("select status from webhook_inbox where id = ?").param(id).query(String.class).single();
    }

    private static dev.switchboard.platform.JobContext context(UUID inbox, int attempt) {
        return new dev.switchboard.platform.JobContext(ProcessWebhookJob.TASK, inbox.toString(), null, attempt, 3, Instant.now());
    }

    private static String freshCallId() {
        return "call_" + UUID.randomUUID().toString().replace("-", "");
    }
}
