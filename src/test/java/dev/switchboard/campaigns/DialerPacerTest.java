package dev.switchboard.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.Outbox;
import dev.switchboard.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/**
 * Switchboard's own pacer on the real embedded sandbox: thirty contacts at a concurrency of three
 * are each called once, never more than three at a time, and the campaign completes once with
 * the right counters, statistics and export.
 */
@SwitchboardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {
        "switchboard.sandbox.url=",
        "switchboard.sandbox.provision-numbers=true",
        "switchboard.sandbox.time-scale=120",
        "switchboard.sandbox.seed=7"})
class DialerPacerTest {

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    @Autowired ConfigurableApplicationContext context;
    CampaignFixture fixture;
    final List<CampaignCompleted> completions = new CopyOnWriteArrayList<>();

    @BeforeAll
    void anOrganizationReadyToCallAtAnyHour() {
        fixture = CampaignFixture.readyToCall(new Api(mvc), database, "Pacing Insurance");
        fixture.callingRules(Map.of("callingHoursEnabled", false));
        context.addApplicationListener((ApplicationListener<PayloadApplicationEvent<CampaignCompleted>>) e ->
                completions.add(e.getPayload()));
    }

    @Test
    void thirtyContactsAtConcurrencyThreeAreCalledOnceEachNeverMoreThanThreeAtATime() throws Exception {
        List<String> numbers = CampaignFixture.numbers(30, "0001");
        UUID list = fixture.contactList(numbers);
        String id = fixture.campaign(list, Map.of("concurrency", 3));
        AtomicInteger observedMax = new AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<String> snapshot = new java.util.concurrent.atomic.AtomicReference<>();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = Thread.ofVirtual().start(() -> {
            while (watching.get()) {
                int inFlight = database.owner().sql("""
                                select count(*) from calls where campaign_id = ?::uuid
                                and status not in ('completed', 'failed', 'cancelled')""")
                        .param(id).query(Integer.class).single();
                if (inFlight > observedMax.get()) {
                    observedMax.set(inFlight);
                    snapshot.set(database.owner().sql("""
                                    select c.to_number || ' ' || c.status || ' ' || coalesce(a.state, '-') || ' ' || c.created_at
                                    from calls c left join campaign_attempts a on a.call_id = c.id
                                    where c.campaign_id = ?::uuid order by c.created_at""")
                            .param(id).query(String.class).list().toString());
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        JsonNode started = Api.json(fixture.action(id, "start", fixture.admin), 200);
        assertThat(started.get("status").asString()).isIn("processing", "completed");
        assertThat(started.get("progress").get("total").asInt()).isEqualTo(30);

        JsonNode done = fixture.awaitStatus(id, "completed", Duration.ofSeconds(150));
        watching.set(false);
        watcher.join();

        JsonNode progress = done.get("progress");
        assertThat(progress.get("total").asInt()).isEqualTo(30);
        assertThat(progress.get("processed").asInt()).isEqualTo(30);
        assertThat(progress.get("completed").asInt()).isEqualTo(30);
        assertThat(progress.get("failed").asInt()).isZero();
        assertThat(progress.get("percent").asInt()).isEqualTo(100);
        assertThat(progress.get("successRate").asDouble()).isEqualTo(100.0);
        assertThat(done.get("dialing").get("maxInFlight").asInt()).isBetween(1, 3);
        assertThat(done.get("dialing").get("inFlight").asInt()).isZero();
        assertThat(done.get("dialing").get("callsPlaced").asInt()).isEqualTo(30);
        assertThat(observedMax.get()).as(snapshot.get()).isBetween(1, 3);
        for (String number : numbers) {
            assertThat(fixture.callsTo(id, number)).as(number).isEqualTo(1);
        }
        assertThat(completions.stream().filter(c -> c.campaignId().toString().equals(id)).toList()).singleElement()
                .satisfies(c -> {
                    assertThat(c.status()).isEqualTo("completed");
                    assertThat(c.completed()).isEqualTo(30);
                });
        assertThat(done.get("finishedAt").isNull()).isFalse();

        JsonNode stats = Api.json(fixture.api.perform(get("/api/v1/campaigns/" + id + "/stats").with(fixture.admin.bearer())), 200);
        assertThat(stats.get("totalCalls").asInt()).isEqualTo(30);
        assertThat(stats.get("completedCalls").asInt()).isEqualTo(30);
        assertThat(stats.get("failedCalls").asInt()).isZero();
        assertThat(stats.get("completionRate").asDouble()).isEqualTo(100.0);
        assertThat(stats.get("averageDurationSeconds").asDouble()).isPositive();
        assertThat(stats.get("totalCostCents").decimalValue()).isPositive();
        JsonNode sentiment = stats.get("sentiment");
        assertThat(sentiment.get("positive").asInt() + sentiment.get("neutral").asInt() + sentiment.get("negative").asInt())
                .isEqualTo(30);
        assertThat(stats.get("appointmentsBooked").asInt()).isZero();

        MvcResult export = fixture.api.perform(get("/api/v1/campaigns/" + id + "/export.csv").with(fixture.admin.bearer()));
        assertThat(export.getResponse().getStatus()).isEqualTo(200);
        assertThat(export.getResponse().getContentType()).startsWith("text/csv");
        String csv = export.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(31);
        assertThat(lines.getFirst()).startsWith("phone_number,contact_name,crm_id,status,disposition,duration_seconds,")
                .endsWith(",first_name,plan");
        assertThat(csv).contains("'=HYPERLINK(\"\"http://x\"\")").doesNotContain(",=HYPERLINK");
        assertThat(lines.get(1)).contains("+14155").contains(",completed,answered,");

        // The organization's admin is told when the campaign starts and when it completes, once each.
        assertThat(Outbox.count(database, fixture.admin.email(), "campaign-started")).isEqualTo(1);
        assertThat(Outbox.count(database, fixture.admin.email(), "campaign-completed")).isEqualTo(1);
        assertThat(Outbox.latest(database, fixture.admin.email(), "campaign-completed")).contains("Contacts: 30")
                .contains("Reached: 30").contains("Calls: 30").contains("/campaigns/" + id)
                .contains("/api/v1/campaigns/" + id + "/export.csv");

        JsonNode illegal = Api.json(fixture.action(id, "pause", fixture.admin), 409);
        assertThat(illegal.get("detail").asString()).startsWith("The campaign is completed; it cannot be paused.");
    }
}
