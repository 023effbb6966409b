package dev.switchboard.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.switchboard.platform.TenantScope;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderAccounts;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.Outbox;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/**
 * Provider-batch dispatch on the real embedded sandbox: the contacts go to the sandbox's
 * create-batch-call, its signed webhooks find the pre-recorded calls by batch id and number, and
 * the campaign completes once with the same counters, statistics, export and e-mails as a paced
 * one. A refused batch fails the campaign with the provider's message.
 */
@SwitchboardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {
        "switchboard.sandbox.url=",
        "switchboard.sandbox.provision-numbers=true",
        "switchboard.sandbox.time-scale=120",
        "switchboard.sandbox.seed=11"})
class BatchDispatchTest {

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    @Autowired ConfigurableApplicationContext context;
    @Autowired ProviderAccounts accounts;
    CampaignFixture fixture;
    final List<CampaignCompleted> completions = new CopyOnWriteArrayList<>();

    @BeforeAll
    void anOrganizationReadyToCallAtAnyHour() {
        fixture = CampaignFixture.readyToCall(new Api(mvc), database, "Batch Insurance");
        fixture.callingRules(Map.of("callingHoursEnabled", false));
        context.addApplicationListener((ApplicationListener<PayloadApplicationEvent<CampaignCompleted>>) e ->
                completions.add(e.getPayload()));
    }

    @Test
    void aProviderBatchCampaignCallsEachContactOnceAndCompletesWithItsStatistics() throws Exception {
        List<String> numbers = CampaignFixture.numbers(12, "0201");
        String blocked = numbers.getLast();
        Api.json(fixture.api.perform(post("/api/v1/do-not-call").with(fixture.admin.bearer())
                .contentType(MediaType.APPLICATION_JSON).content(Api.body(Map.of("phoneNumber", blocked)))), 201);
        UUID list = fixture.contactList(numbers);
        String id = fixture.campaign(list, Map.of("dispatchMode", "provider_batch"));
        assertThat(fixture.read(id).get("dispatchMode").asString()).isEqualTo("provider_batch");

        JsonNode started = Api.json(fixture.action(id, "start", fixture.admin), 200);
        assertThat(started.get("progress").get("total").asInt()).isEqualTo(12);
        JsonNode done = fixture.awaitStatus(id, "completed", Duration.ofSeconds(150));

        // The sandbox's outcome mix: reached contacts count completed, the others failed (no retries in batch mode).
        int reached = database.owner().sql("""
                        select count(*) from calls where campaign_id = ?::uuid and disposition in ('answered', 'voicemail')""")
                .param(id).query(Integer.class).single();
        assertThat(reached).isPositive();
        JsonNode progress = done.get("progress");
        assertThat(progress.get("processed").asInt()).isEqualTo(12);
        assertThat(progress.get("completed").asInt()).isEqualTo(reached);
        assertThat(progress.get("failed").asInt()).isEqualTo(11 - reached);
        assertThat(progress.get("skipped").asInt()).isEqualTo(1);
        assertThat(done.get("dialing").get("doNotCall").asInt()).isEqualTo(1);
        assertThat(done.get("dialing").get("callsPlaced").asInt()).isEqualTo(11);
        assertThat(done.get("dialing").get("inFlight").asInt()).isZero();
        for (String number : numbers) {
            assertThat(fixture.callsTo(id, number)).as(number).isEqualTo(number.equals(blocked) ? 0 : 1);
        }

        // One batch, submitted, and every call linked to it (no emergency records).
        List<Map<String, Object>> batches = database.owner().sql("""
                        select state, provider_batch_id, task_count, accepted_count, submitted_at, name
                        from campaign_batches where campaign_id = ?::uuid""").param(id).query().listOfRows();
        assertThat(batches).singleElement().satisfies(b -> {
            assertThat(b.get("state")).isEqualTo("submitted");
            assertThat(b.get("provider_batch_id")).isNotNull();
            assertThat(b.get("task_count")).isEqualTo(11);
            assertThat(b.get("accepted_count")).isEqualTo(11);
            assertThat(b.get("submitted_at")).isNotNull();
            assertThat((String) b.get("name")).endsWith(" · batch 1");
        });
        assertThat(database.owner().sql("""
                        select count(*) from calls where campaign_id = ?::uuid and provider_batch_id = ? and provider_call_id is not null
                          and status in ('completed', 'failed') and jsonb_exists(dynamic_variables, 'current_date') and jsonb_exists(dynamic_variables, 'current_day')""")
                .params(id, batches.getFirst().get("provider_batch_id")).query(Integer.class).single()).isEqualTo(11);
        assertThat(database.owner().sql("select count(*) from calls where needs_review and to_number = any (?)")
                .param(numbers.toArray(String[]::new)).query(Integer.class).single()).isZero();

        assertThat(completions.stream().filter(c -> c.campaignId().toString().equals(id)).toList()).singleElement()
                .satisfies(c -> {
                    assertThat(c.status()).isEqualTo("completed");
                    assertThat(c.completed()).isEqualTo(reached);
                });
        JsonNode stats = Api.json(fixture.api.perform(get("/api/v1/campaigns/" + id + "/stats").with(fixture.admin.bearer())), 200);
        assertThat(stats.get("totalCalls").asInt()).isEqualTo(11);
        assertThat(stats.get("failedCalls").asInt()).isEqualTo(database.owner().sql("""
                        select count(*) from calls where campaign_id = ?::uuid
                          and disposition in ('no_answer', 'busy', 'failed', 'invalid_number')""")
                .param(id).query(Integer.class).single());
        assertThat(stats.get("averageDurationSeconds").asDouble()).isPositive();

        MvcResult export = fixture.api.perform(get("/api/v1/campaigns/" + id + "/export.csv").with(fixture.admin.bearer()));
        assertThat(export.getResponse().getStatus()).isEqualTo(200);
        assertThat(export.getResponse().getContentAsString(StandardCharsets.UTF_8).lines().toList()).hasSize(12);

        assertThat(Outbox.count(database, fixture.admin.email(), "campaign-completed")).isEqualTo(1);
        assertThat(Outbox.latest(database, fixture.admin.email(), "campaign-completed")).contains("Contacts: 12")
                .contains("Reached: " + reached).contains("/campaigns/" + id);
    }

    @Test
    void aBatchTheProviderRefusesFailsTheCampaignWithTheReason() throws Exception {
        ProviderAccount account = TenantScope.callAs(fixture.admin.organizationId(), accounts::voiceAccount);
        sandboxFaults(account, "{\"faults\": [{\"type\": \"error_500\", \"probability\": 1, \"path\": \"/create-batch-call\"}]}");
        try {
            UUID list = fixture.contactList(CampaignFixture.numbers(3, "0301"));
            String id = fixture.campaign(list, Map.of("dispatchMode", "provider_batch"));
            Api.json(fixture.action(id, "start", fixture.admin), 200);
            JsonNode failed = fixture.awaitStatus(id, "failed", Duration.ofSeconds(60));
            assertThat(failed.get("failureReason").asString()).startsWith("The voice provider refused batch 1: ");
            assertThat(failed.get("progress").get("failed").asInt()).isEqualTo(3);
            assertThat(database.owner().sql("select state || ':' || (failure_reason is not null) from campaign_batches where campaign_id = ?::uuid")
                    .param(id).query(String.class).list()).containsExactly("refused:true");
            assertThat(database.owner().sql("select count(*) from calls where campaign_id = ?::uuid and status = 'failed'")
                    .param(id).query(Integer.class).single()).isEqualTo(3);
            assertThat(Outbox.latest(database, fixture.admin.email(), "campaign-failed"))
                    .contains("The voice provider refused batch 1");
        } finally {
            sandboxFaults(account, null);
        }
    }

    @Test
    void providerBatchAllowsNoRetries() throws Exception {
        UUID list = fixture.contactList(CampaignFixture.numbers(1, "0401"));
        JsonNode problem = Api.json(fixture.create(Map.of("name", "Retried batch", "agentId", fixture.agentId,
                "contactListId", list.toString(), "concurrency", 1, "dispatchMode", "provider_batch", "maxAttempts", 2)), 422);
        assertThat(problem.toString()).contains("maxAttempts").contains("pacer");
        JsonNode unknown = Api.json(fixture.create(Map.of("name", "Odd mode", "agentId", fixture.agentId,
                "contactListId", list.toString(), "concurrency", 1, "dispatchMode", "carrier_pigeon")), 422);
        assertThat(unknown.toString()).contains("dispatchMode");
    }

    private static void sandboxFaults(ProviderAccount account, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(account.baseUrl() + "/sandbox/faults"))
                .header("Authorization", "Bearer " + account.apiKey());
        request = json == null ? request.DELETE()
                : request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isLessThan(300);
        }
    }
}
