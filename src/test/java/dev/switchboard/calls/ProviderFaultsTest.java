package dev.switchboard.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.switchboard.campaigns.CampaignFixture;
import dev.switchboard.platform.TenantScope;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderAccounts;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.SandboxApi;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/**
 * The embedded sandbox misbehaves on request (POST /sandbox/faults) while calls go through the
 * real API: every kind of provider fault ends in an answer or a call state a user can act on.
 * The sandbox account is the platform's, shared by every organization of this context, so the
 * context is this class's own (short provider timeouts and breaker) and the circuit breaker test
 * runs last.
 */
@SwitchboardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestPropertySource(properties = {
        "switchboard.sandbox.url=",
        "switchboard.sandbox.provision-numbers=true",
        "switchboard.sandbox.time-scale=120",
        "switchboard.sandbox.seed=11",
        "switchboard.providers.base-delay=100ms",
        "switchboard.providers.breaker-open-for=2s",
        "switchboard.providers.longest-timeout=2s"})
class ProviderFaultsTest {

    private static final String CREATE = "/v2/create-phone-call";

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    @Autowired ProviderAccounts accounts;
    @Value("${switchboard.providers.attempts}") int attempts;
    Api api;
    CampaignFixture fixture;
    Api.Account admin;
    ProviderAccount sandbox;
    SandboxApi sandboxApi;

    @BeforeAll
    void anOrganizationReadyToCall() {
        api = new Api(mvc);
        fixture = CampaignFixture.readyToCall(api, database, "Faulty Lines");
        admin = fixture.admin;
        sandbox = TenantScope.callAs(admin.organizationId(), accounts::voiceAccount);
        sandboxApi = new SandboxApi(sandbox);
    }

    @AfterEach
    void providerHealthyAgain() {
        sandbox("DELETE", "/sandbox/faults", null);
    }

    @Test
    @Order(1)
    void aRateLimitIsRetriedAfterTheProvidersRetryAfterAndTheCallGoesThroughOnceItLifts() throws Exception {
        faults("{\"type\": \"rate_limit_429\", \"retry_after_seconds\": 1, \"path\": \"" + CREATE + "\"}");
        long started = System.nanoTime();
        CompletableFuture<MvcResult> placing = CompletableFuture.supplyAsync(this::placeCall);
        Thread.sleep(400);
        sandbox("DELETE", "/sandbox/faults", null);

        JsonNode call = Api.json(placing.get(), 201);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("waited the Retry-After before trying again")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(call.get("status").asString()).isEqualTo("queued");
        assertThat(call.get("providerCallId").asString()).isNotBlank();
    }

    @Test
    @Order(2)
    void aRateLimitThatLastsIsAnswered429WithTheProvidersRetryAfterAndTheCallShowsWhy() {
        faults("{\"type\": \"rate_limit_429\", \"retry_after_seconds\": 1, \"path\": \"" + CREATE + "\"}");
        long started = System.nanoTime();

        MvcResult answer = placeCall();

        assertThat(attempts).isGreaterThan(1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("a wait of the Retry-After before each retry")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(attempts - 1)).isLessThan(Duration.ofSeconds(attempts + 3));
        JsonNode problem = Api.json(answer, 429);
        assertThat(answer.getResponse().getContentType()).startsWith("application/problem+json");
        assertThat(answer.getResponse().getHeader("Retry-After")).isEqualTo("1");
        assertThat(problem.get("type").asString()).endsWith("provider-rate-limited");
        assertThat(problem.get("detail").asString()).contains("rate limiting").contains("Try again in 1 s");
        assertThat(lastCall().get("status").asString()).isEqualTo("failed");
        assertThat(lastCall().get("disconnectionReason").asString()).isEqualTo("start_refused: rate_limited");
    }

    @Test
    @Order(3)
    void aProviderThatHangsIsGivenUpOnAtTheConfiguredTimeoutWithoutPlacingTheCallTwice() {
        faults("{\"type\": \"hang\", \"delay_ms\": 4000, \"path\": \"" + CREATE + "\"}");
        long started = System.nanoTime();

        MvcResult answer = placeCall();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("bounded by the 2 s longest timeout, not repeated")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1900)).isLessThan(Duration.ofMillis(3500));
        JsonNode problem = Api.json(answer, 504);
        assertThat(problem.get("type").asString()).endsWith("provider-timeout");
        assertThat(problem.get("detail").asString()).contains("did not answer in time").contains("check before trying again");
        assertThat(lastCall().get("disconnectionReason").asString()).isEqualTo("start_refused: timeout");
    }

    @Test
    @Order(4)
    void aSlowProviderWithinTheTimeoutStillPlacesTheCall() {
        faults("{\"type\": \"slow\", \"delay_ms\": 600, \"path\": \"" + CREATE + "\"}");
        long started = System.nanoTime();

        JsonNode call = Api.json(placeCall(), 201);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        assertThat(call.get("status").asString()).isEqualTo("queued");
    }

    @Test
    @Order(5)
    void serverErrorsAndBrokenConnectionsAreAnswered503NamingTheProviderAndTheCallFails() {
        faults("{\"type\": \"error_500\", \"path\": \"" + CREATE + "\"}");
        MvcResult serverError = placeCall();
        JsonNode problem = Api.json(serverError, 503);
        assertThat(problem.get("type").asString()).endsWith("provider-unavailable");
        assertThat(problem.get("provider").asString()).isEqualTo("sandbox");
        assertThat(problem.get("title").asString()).isEqualTo("Provider sandbox");
        assertThat(serverError.getResponse().getHeader("Retry-After")).isNotBlank();
        assertThat(lastCall().get("disconnectionReason").asString()).isEqualTo("start_refused: unavailable");

        faults("{\"type\": \"connection_reset\", \"path\": \"" + CREATE + "\"}");
        assertThat(Api.json(placeCall(), 503).get("detail").asString()).contains("cannot be reached");
        assertThat(lastCall().get("status").asString()).isEqualTo("failed");
    }

    @Test
    @Order(6)
    void duplicatedAndShuffledWebhooksGiveTheSameCallAsCleanDelivery() {
        JsonNode clean = finished(Api.json(placeCall(), 201).get("id").asString());

        faults("{\"type\": \"duplicate_shuffle\"}");
        JsonNode placed = Api.json(placeCall(), 201);
        String providerCallId = placed.get("providerCallId").asString();
        JsonNode shuffled = finished(placed.get("id").asString());
        await().atMost(Duration.ofSeconds(20)).until(() -> deliveries(providerCallId).size() == 9);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                database.owner().sql("select count(*) from webhook_inbox where provider_call_id = ? and status in ('received', 'failed')")
                        .param(providerCallId).query(Long.class).single() == 0);
        JsonNode settled = read(placed.get("id").asString());

        assertThat(settled).as("nine deliveries change nothing once the call is complete").isEqualTo(shuffled);
        for (String field : List.of("status", "disposition", "recordingStatus")) {
            assertThat(settled.get(field)).as(field).isEqualTo(clean.get(field));
        }
        assertThat(eventTypes(settled)).as("one of each event, in call order").isEqualTo(eventTypes(clean));
        JsonNode provider = Api.JSON.readTree(sandbox("GET", "/v2/get-call/" + providerCallId, null));
        assertThat(settled.get("disconnectionReason").asString()).isEqualTo(provider.get("disconnection_reason").asString());
        assertThat(settled.get("durationSeconds").asLong())
                .isEqualTo(Math.round(provider.get("duration_ms").asLong() / 1000.0));
        assertThat(settled.get("transcript").asString()).isEqualTo(provider.get("transcript").asString());
        assertThat(settled.get("analysis").get("summary").asString())
                .isEqualTo(provider.get("call_analysis").get("call_summary").asString());
    }

    @Test
    @Order(7)
    void droppedWebhooksLeaveTheCallInProgressUntilTheSyncRepairsIt() {
        faults("{\"type\": \"drop\", \"events\": [\"call_ended\", \"call_analyzed\"]}");
        JsonNode placed = Api.json(placeCall(), 201);
        String id = placed.get("id").asString();
        String providerCallId = placed.get("providerCallId").asString();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                Api.JSON.readTree(sandbox("GET", "/v2/get-call/" + providerCallId, null)).path("call_analysis").isObject());
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries(providerCallId).size() == 3);
        assertThat(read(id).get("status").asString()).as("only call_started arrived").isEqualTo("in_progress");

        JsonNode summary = Api.json(api.perform(post("/api/v1/calls/sync").with(admin.bearer())), 200);

        assertThat(summary.get("repaired").asInt()).isEqualTo(1);
        JsonNode repaired = await().atMost(Duration.ofSeconds(20)).until(() -> read(id),
                c -> "completed".equals(c.get("status").asString()) && c.get("analysis").isObject());
        assertThat(repaired.get("disposition").asString()).isEqualTo("answered");
        assertThat(repaired.get("transcript").asString()).contains("Ann");
    }

    @Test
    @Order(8)
    void theCircuitOpensAfterRepeatedFailuresAnswersAtOnceAndClosesAfterRecovery() {
        JsonNode open = openTheBreaker(500);
        assertThat(open.get("detail").asString()).contains("failed repeatedly").contains("Nothing was sent");
        assertThat(lastCall().get("disconnectionReason").asString()).isEqualTo("start_refused: unavailable");
        long createsBefore = createRequests();
        Api.json(placeCall(), 503);
        assertThat(createRequests()).as("an open breaker does not call the provider").isEqualTo(createsBefore);

        sandbox("DELETE", "/sandbox/faults", null);
        await().pollDelay(Duration.ofMillis(2100)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> placeCall().getResponse().getStatus() == 201);
        for (int i = 0; i < 4; i++) {
            assertThat(Api.json(placeCall(), 201).get("status").asString()).as("closed again").isEqualTo("queued");
        }
    }

    @Test
    @Order(9)
    void aCampaignWaitsOutAnOpenCircuitInsteadOfFailingItsContacts() {
        // Calling hours are on by default and would hold the contacts back at night in Los Angeles.
        fixture.callingRules(Map.of("callingHoursEnabled", false));
        openTheBreaker(503);
        String campaign = fixture.campaign(fixture.contactList(CampaignFixture.numbers(3, "0001")), Map.of());

        Api.json(fixture.action(campaign, "start", admin), 200);
        // The pacer's first run waits for a free job worker, which a busy test run may not have at once.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> database.owner().sql(
                        "select count(*) from calls where campaign_id = ?::uuid and disconnection_reason = 'start_refused: unavailable'")
                .param(campaign).query(Long.class).single() > 0);
        assertThat(fixture.read(campaign).get("progress").get("failed").asInt()).as("during the outage").isZero();
        sandbox("DELETE", "/sandbox/faults", null);

        // Held-back attempts are due after the wait; a pacer that found nothing to dial comes back within its interval.
        JsonNode done = fixture.awaitStatus(campaign, "completed", Duration.ofSeconds(90));
        assertThat(done.get("progress").get("failed").asInt()).as("no contact failed for the outage").isZero();
        assertThat(done.get("progress").get("completed").asInt()).isEqualTo(3);
    }

    /** Fails every create with {@code status} until the circuit breaker opens; returns the open breaker's first answer. */
    private JsonNode openTheBreaker(int status) {
        faults("{\"type\": \"error_500\", \"status_code\": " + status + ", \"path\": \"" + CREATE + "\"}");
        List<Integer> statuses = new ArrayList<>();
        JsonNode open = null;
        for (int i = 0; i < 25 && open == null; i++) {
            MvcResult answer = placeCall();
            statuses.add(answer.getResponse().getStatus());
            JsonNode problem = Api.json(answer, 503);
            if (problem.get("detail").asString().contains("paused")) {
                open = problem;
                assertThat(answer.getResponse().getHeader("Retry-After")).as("when the breaker lets calls through").isEqualTo("2");
            }
        }
        assertThat(open).as("the breaker opened within 25 failing calls: " + statuses).isNotNull();
        assertThat(statuses.size()).isGreaterThanOrEqualTo(5);
        return open;
    }

    private MvcResult placeCall() {
        return api.perform(post("/api/v1/calls").with(admin.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("to", "+14155550001", "variables", Map.of("first_name", "Ann")))));
    }

    private JsonNode read(String id) {
        return Api.json(api.perform(get("/api/v1/calls/" + id).with(admin.bearer())), 200);
    }

    /** The organization's newest call, as its detail page shows it. */
    private JsonNode lastCall() {
        String id = database.owner().sql("select id::text from calls where organization_id = ? order by created_at desc limit 1")
                .param(admin.organizationId()).query(String.class).single();
        return read(id);
    }

    /** Waits until the call is complete and analyzed, and returns it. */
    private JsonNode finished(String id) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> read(id),
                c -> "completed".equals(c.get("status").asString()) && c.get("analysis").isObject());
    }

    private static List<String> eventTypes(JsonNode call) {
        List<String> types = new ArrayList<>();
        call.get("timeline").forEach(e -> types.add(e.get("eventType").asString()));
        return types;
    }

    private JsonNode deliveries(String providerCallId) {
        return Api.JSON.readTree(sandbox("GET", "/sandbox/calls/" + providerCallId + "/webhooks", null)).get("deliveries");
    }

    /** How many calls the sandbox was asked to create so far (its own call list). */
    private long createRequests() {
        return Api.JSON.readTree(sandbox("POST", "/v2/list-calls", "{}")).size();
    }

    private void faults(String rule) {
        sandbox("POST", "/sandbox/faults", "{\"faults\": [" + rule + "]}");
    }

    private String sandbox(String method, String path, String json) {
        return sandboxApi.send(method, path, json);
    }
}
