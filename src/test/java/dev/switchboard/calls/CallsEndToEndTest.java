package dev.switchboard.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
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
import tools.jackson.databind.JsonNode;

/**
 * Single outbound calls through the real embedded sandbox, end to end: started with the API,
 * completed from the sandbox's signed webhooks, read back with their timeline. The property set
 * is SandboxEndToEndTest's, so both share one Spring context.
 */
@SwitchboardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {
        "switchboard.sandbox.url=",
        "switchboard.sandbox.provision-numbers=true",
        "switchboard.sandbox.time-scale=120",
        "switchboard.sandbox.seed=7"})
class CallsEndToEndTest {

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    Api api;
    Api.Account admin;
    String agentId;

    @BeforeAll
    void anOrganizationReadyToCall() {
        api = new Api(mvc);
        admin = api.signUp("Calling Dental");
        JsonNode number = await().atMost(Duration.ofSeconds(20)).until(() ->
                Api.json(api.perform(get("/api/v1/phone-numbers").with(admin.bearer())), 200).get("items"), n -> n.size() == 1).get(0);
        String voice = Api.json(api.perform(get("/api/v1/agents/voices").with(admin.bearer())), 200)
                .get("items").get(0).get("id").asString();
        agentId = Api.json(api.perform(post("/api/v1/agents").with(admin.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("name", "Reminders", "type", "appointment", "status", "active", "voiceId", voice,
                        "promptTemplate", "You call {{first_name}} on {{current_day}} to confirm the appointment.",
                        "beginMessage", "Hi {{first_name}}, this is Calling Dental.")))), 201).get("id").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> Api.json(api.perform(get("/api/v1/agents/" + agentId)
                .with(admin.bearer())), 200).get("sync").get("status").asString(), "synced"::equals);
        Api.json(api.perform(patch("/api/v1/phone-numbers/" + number.get("id").asString()).with(admin.bearer())
                .contentType(MediaType.APPLICATION_JSON).content(Api.body(Map.of("outboundAgentId", agentId, "inboundAgentId", agentId)))), 204);
    }

    @Test
    void anAnsweredCallEndsCompletedWithTranscriptRecordingAnalysisAndCost() {
        JsonNode call = start("(415) 555-0001", Map.of("first_name", "Ann"));
        assertThat(call.get("toNumber").asString()).isEqualTo("+14155550001");
        assertThat(call.get("dynamicVariables").get("current_day").asString()).isNotBlank();
        JsonNode done = awaitStatus(call.get("id").asString(), "completed");
        assertThat(done.get("disposition").asString()).isEqualTo("answered");
        assertThat(done.get("transcript").asString()).contains("Ann");
        assertThat(done.get("transcriptTurns").size()).isGreaterThan(1);
        assertThat(done.get("recordingUrl").asString()).startsWith("http");
        assertThat(done.get("recordingStatus").asString()).isEqualTo("completed");
        assertThat(done.get("analysis").get("summary").asString()).isNotBlank();
        assertThat(done.get("costCents").decimalValue()).isPositive();
        assertThat(done.get("durationSeconds").asInt()).isPositive();
        assertThat(done.get("agentId").asString()).isEqualTo(agentId);
        assertThat(done.get("needsReview").asBoolean()).isFalse();
        assertThat(done.get("timeline").findValuesAsString("eventType"))
                .containsExactly("call_started", "call_ended", "call_analyzed");
    }

    @Test
    void anUnansweredCallEndsNoAnswer() {
        JsonNode call = start("+14155550003", Map.of("first_name", "Bo"));
        JsonNode done = awaitStatus(call.get("id").asString(), "completed");
        assertThat(done.get("disposition").asString()).isEqualTo("no_answer");
        assertThat(done.get("disconnectionReason").asString()).isEqualTo("dial_no_answer");
    }

    @Test
    void webhooksDeliveredAgainThreeTimesInAnyOrderChangeNothing() {
        JsonNode call = start("4155550001", Map.of("first_name", "Cy"));
        String id = call.get("id").asString();
        JsonNode done = awaitStatus(id, "completed");
        await().atMost(Duration.ofSeconds(10)).until(() -> processed(done.get("providerCallId").asString()) == 3);
        List<String> bodies = database.owner().sql("select raw_body from webhook_inbox where provider_call_id = ?")
                .param(done.get("providerCallId").asString()).query(String.class).list();
        List<String> replay = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            replay.addAll(bodies);
        }
        Collections.shuffle(replay, new Random(42));
        for (String body : replay) {
            int status = api.perform(post("/webhooks/retell").contentType(MediaType.APPLICATION_JSON).content(body)
                    .header("x-retell-signature", RetellWebhookTest.sign(body, RetellWebhookTest.SANDBOX_KEY,
                            System.currentTimeMillis()))).getResponse().getStatus();
            assertThat(status).isEqualTo(204);
        }
        JsonNode after = Api.json(api.perform(get("/api/v1/calls/" + id).with(admin.bearer())), 200);
        assertThat(after).isEqualTo(done);
        assertThat(database.owner().sql("select sum(deliveries) from webhook_inbox where provider_call_id = ?")
                .param(done.get("providerCallId").asString()).query(Integer.class).single()).isEqualTo(12);
    }

    @Test
    void badInputIsExplainedByField() {
        JsonNode invalid = Api.json(request(Map.of("to", "12")), 422);
        assertThat(invalid.toString()).contains("to");
        assertThat(Api.json(request(Map.of("to", "+15551234567")), 422).get("detail").asString()).contains("test pattern");
        assertThat(Api.json(request(Map.of("to", "+11235551234")), 422).get("detail").asString()).contains("area code 123");
        assertThat(Api.json(request(Map.of("to", "415-555-0123")), 422).get("detail").asString()).contains("fiction");
        JsonNode unknownAgent = Api.json(request(Map.of("to", "+14155550001", "agentId", UUID.randomUUID().toString())), 422);
        assertThat(unknownAgent.toString()).contains("agentId");
    }

    @Test
    void aViewerCannotStartCallsButCanReadThem() {
        Api.Account other = api.signUp("Viewer Home");
        database.owner().sql("insert into memberships (organization_id, user_id, role, created_at) values (?, ?, 'viewer', now())")
                .params(admin.organizationId(), other.userId()).update();
        Api.Account viewer = api.signIn(other.email(), other.password(), admin.organizationId());
        Api.json(api.perform(post("/api/v1/calls").with(viewer.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("to", "+14155550001")))), 403);
        Api.json(api.perform(get("/api/v1/calls").with(viewer.bearer())), 200);
    }

    @Test
    void anotherOrganizationNeitherSeesNorListsTheCalls() {
        JsonNode call = start("+14155550002", Map.of());
        Api.Account stranger = api.signUp("Elsewhere Inc");
        Api.json(api.perform(get("/api/v1/calls/" + call.get("id").asString()).with(stranger.bearer())), 404);
        assertThat(Api.json(api.perform(get("/api/v1/calls").with(stranger.bearer())), 200).get("items").size()).isZero();
    }

    @Test
    void listsNewestFirstWithFiltersAndCursor() {
        JsonNode first = start("+14155550004", Map.of());
        JsonNode second = start("+14155550005", Map.of());
        JsonNode page = Api.json(api.perform(get("/api/v1/calls").param("limit", "1").with(admin.bearer())), 200);
        assertThat(page.get("items").get(0).get("id").asString()).isEqualTo(second.get("id").asString());
        JsonNode next = Api.json(api.perform(get("/api/v1/calls").param("limit", "1")
                .param("cursor", page.get("nextCursor").asString()).with(admin.bearer())), 200);
        assertThat(next.get("items").get(0).get("id").asString()).isEqualTo(first.get("id").asString());
        JsonNode found = Api.json(api.perform(get("/api/v1/calls").param("q", "5550004").with(admin.bearer())), 200);
        assertThat(found.get("items").findValuesAsString("id")).containsExactly(first.get("id").asString());
        awaitStatus(second.get("id").asString(), "failed");
        JsonNode failed = Api.json(api.perform(get("/api/v1/calls").param("disposition", "failed").with(admin.bearer())), 200);
        assertThat(failed.get("items").findValuesAsString("id")).contains(second.get("id").asString())
                .doesNotContain(first.get("id").asString());
        Api.json(api.perform(get("/api/v1/calls").param("status", "nonsense").with(admin.bearer())), 422);
    }

    private int processed(String providerCallId) {
        return database.owner().sql("select count(*) from webhook_inbox where provider_call_id = ? and status = 'processed'")
                .param(providerCallId).query(Integer.class).single();
    }

    private JsonNode start(String to, Map<String, String> variables) {
        return Api.json(request(Map.of("to", to, "variables", variables)), 201);
    }

    private org.springframework.test.web.servlet.MvcResult request(Map<String, Object> body) {
        return api.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/calls")
                .with(admin.bearer()).contentType(MediaType.APPLICATION_JSON).content(Api.body(new HashMap<>(body))));
    }

    private JsonNode awaitStatus(String id, String status) {
        return await().atMost(Duration.ofSeconds(40)).until(() ->
                Api.json(api.perform(get("/api/v1/calls/" + id).with(admin.bearer())), 200), c -> status.equals(c.get("status").asString()));
    }
}
