package dev.switchboard.calls.internal.inbox;

import static dev.switchboard.testing.PageRequests.form;
import static dev.switchboard.testing.PageRequests.page;
import static dev.switchboard.testing.PageRequests.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.switchboard.identity.internal.credentials.Sessions;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import jakarta.servlet.http.Cookie;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/**
 * The platform administrator's webhook inbox: stuck events are listed with their raw body, a
 * replay processes a parked event for real (its call recorded and billed), and nobody else
 * reaches any of it.
 */
@SwitchboardTest
class WebhookInboxAdminTest {

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    @Autowired Sessions sessions;
    Api api;
    JdbcClient owner;
    Api.Account customer;
    Api.Account operator;

    @BeforeEach
    void setUp() {
        api = new Api(mvc);
        owner = database.owner();
        customer = api.signUp("Inbox Customer");
        operator = api.signUp("Inbox Operator");
        owner.sql("update users set platform_role = 'platform_admin' where id = ?").param(operator.userId()).update();
    }

    @Test
    void aReplayedParkedEventIsProcessedAndItsCallBilled() {
        String callId = freshCallId();
        UUID inbox = parked(callId, customer.organizationId());
        JsonNode replayed = Api.json(api.perform(post("/api/v1/admin/webhook-inbox/" + inbox + "/replay")
                .with(operator.bearer())), 200);
        assertThat(replayed.get("status").asString()).isIn("received", "processed");
        await().atMost(Duration.ofSeconds(20)).until(() -> status(inbox), "processed"::equals);
        Map<String, Object> call = owner.sql("""
                select c.status, c.disposition, u.billable_seconds from calls c
                join usage_history u on u.call_id = c.id where c.provider_call_id = ?""").param(callId).query().singleRow();
        assertThat(call).containsEntry("status", "completed").containsEntry("disposition", "voicemail")
                .containsEntry("billable_seconds", 61);
        assertThat(owner.sql("select count(*) from parked_jobs where task_name = 'process-webhook' and task_instance = ?")
                .param(inbox.toString()).query(Long.class).single()).isZero();
        assertThat(owner.sql("""
                select count(*) from platform_audit_events where action = 'webhook_inbox.replayed' and target_id = ?
                   and actor_user_id = ? and subject_organization_id = ?""")
                .params(inbox.toString(), operator.userId(), customer.organizationId()).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void onlyFailedOrParkedEventsCanBeReplayed() {
        UUID inbox = parked(freshCallId(), customer.organizationId());
        owner.sql("update webhook_inbox set status = 'processed' where id = ?").param(inbox).update();
        JsonNode conflict = Api.json(api.perform(post("/api/v1/admin/webhook-inbox/" + inbox + "/replay")
                .with(operator.bearer())), 409);
        assertThat(conflict.get("detail").asString()).contains("processed");
        Api.json(api.perform(post("/api/v1/admin/webhook-inbox/" + UUID.randomUUID() + "/replay")
                .with(operator.bearer())), 404);
    }

    @Test
    void stuckEventsAreListedAndTheirRawBodyIsShownAndAudited() {
        String callId = freshCallId();
        UUID inbox = parked(callId, customer.organizationId());
        JsonNode list = Api.json(api.perform(get("/api/v1/admin/webhook-inbox").param("status", "parked")
                .param("size", "200").with(operator.bearer())), 200);
        assertThat(list.get("items").toString()).contains(inbox.toString()).contains(callId).contains("no handler today");
        JsonNode one = Api.json(api.perform(get("/api/v1/admin/webhook-inbox/" + inbox).with(operator.bearer())), 200);
        assertThat(one.get("rawBody").asString()).contains("voicemail_reached");
        assertThat(one.get("event").get("attempts").asInt()).isEqualTo(3);
        assertThat(owner.sql("select count(*) from platform_audit_events where action = 'webhook_inbox.body_viewed' and target_id = ?")
                .param(inbox.toString()).query(Long.class).single()).isEqualTo(1);
        Api.json(api.perform(get("/api/v1/admin/webhook-inbox").param("status", "lost").with(operator.bearer())), 422);
    }

    @Test
    void replayAllProcessesEveryStuckEvent() {
        UUID first = parked(freshCallId(), customer.organizationId());
        UUID second = parked(freshCallId(), customer.organizationId());
        owner.sql("update webhook_inbox set status = 'failed' where id = ?").param(second).update();
        JsonNode replayed = Api.json(api.perform(post("/api/v1/admin/webhook-inbox/replay").with(operator.bearer())), 200);
        assertThat(replayed.get("replayed").asInt()).isGreaterThanOrEqualTo(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> status(first).equals("processed") && status(second).equals("processed"));
    }

    @Test
    void organizationMembersReachNeitherTheApiNorThePage() {
        UUID inbox = parked(freshCallId(), customer.organizationId());
        Api.json(api.perform(get("/api/v1/admin/webhook-inbox").with(customer.bearer())), 403);
        Api.json(api.perform(get("/api/v1/admin/webhook-inbox/" + inbox).with(customer.bearer())), 403);
        Api.json(api.perform(post("/api/v1/admin/webhook-inbox/" + inbox + "/replay").with(customer.bearer())), 403);
        Api.json(api.perform(post("/api/v1/admin/webhook-inbox/replay").with(customer.bearer())), 403);
        Cookie customerSession = session(sessions, customer.userId(), customer.organizationId());
        assertThat(api.perform(page("/admin/webhook-inbox", customerSession)).getResponse().getStatus()).isEqualTo(403);
        assertThat(api.perform(form("/admin/webhook-inbox/" + inbox + "/replay", customerSession)).getResponse().getStatus())
                .isEqualTo(403);
        assertThat(status(inbox)).isEqualTo("parked");
    }

    @Test
    void thePageListsStuckEventsShowsTheBodyAndReplays() throws Exception {
        String callId = freshCallId();
        UUID inbox = parked(callId, customer.organizationId());
        Cookie adminSession = session(sessions, operator.userId(), operator.organizationId());
        String list = html(api.perform(page("/admin/webhook-inbox?tab=parked", adminSession)), 200);
        assertThat(list).contains("Webhook inbox").contains(callId).contains("Replay");
        String opened = html(api.perform(page("/admin/webhook-inbox?tab=parked&event=" + inbox, adminSession)), 200);
        assertThat(opened).contains("voicemail_reached").contains(customer.organizationId().toString());
        MvcResult replay = api.perform(form("/admin/webhook-inbox/" + inbox + "/replay?tab=parked", adminSession));
        assertThat(replay.getResponse().getRedirectedUrl()).isEqualTo("/admin/webhook-inbox?tab=parked");
        await().atMost(Duration.ofSeconds(20)).until(() -> status(inbox), "processed"::equals);
        html(api.perform(page("/admin/webhook-inbox?event=" + UUID.randomUUID(), adminSession)), 404);
    }

    /** A call_ended event of the customer's that used up its attempts, and its parked job. */
    private UUID parked(String callId, UUID organization) {
        UUID id = UUID.randomUUID();
        long end = Instant.parse("2026-11-20T10:01:01Z").toEpochMilli();
        String body = Api.body(Map.of("event", "call_ended", "call", Map.of("call_id", callId, "direction", "outbound",
                "agent_id", "agent_" + callId, "from_number", "+14155550100", "to_number", "+14155550002",
                "start_timestamp", end - 61_000, "end_timestamp", end, "duration_ms", 61_000,
                "disconnection_reason", "voicemail_reached")));
        owner.sql("""
                insert into webhook_inbox (id, provider, event_key, event_type, provider_call_id, raw_body, received_at,
                                           status, attempts, last_error, subject_organization_id)
                values (?, 'retell', ?, 'call_ended', ?, ?, ?, 'parked', 3, 'no handler today', ?)""")
                .params(id, callId + ":call_ended", callId, body, Timestamp.from(Instant.now()), organization).update();
        owner.sql("""
                insert into parked_jobs (id, task_name, task_instance, data, attempts, last_error, first_failed_at, parked_at)
                values (?, 'process-webhook', ?, convert_to(?, 'UTF8'), 3, 'no handler today', now(), now())""")
                .params(UUID.randomUUID(), id.toString(), "{\"payload\":{\"inboxId\":\"" + id + "\"}}").update();
        return id;
    }

    private String status(UUID inbox) {
        return owner.sql("select status from webhook_inbox where id = ?").param(inbox).query(String.class).single();
    }

    private static String freshCallId() {
        return "call_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static String html(MvcResult result, int status) throws Exception {
        String body = result.getResponse().getContentAsString();
        assertThat(result.getResponse().getStatus()).as(body).isEqualTo(status);
        return body;
    }
}
