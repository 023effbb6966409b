package dev.switchboard.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.sandbox.SandboxServer;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.EmbeddedSandbox;
import dev.switchboard.testing.Outbox;
import dev.switchboard.testing.SecondNode;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.core.env.Environment;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * Two server nodes on one database run a pacer campaign together: each contact is dialled once,
 * the calls in flight never exceed the campaign's concurrency whichever node places them, and
 * the campaign completes once (one completion event, one completion e-mail).
 */
@SwitchboardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EmbeddedSandbox
class CampaignAcrossNodesTest {

    private static final int CONTACTS = 100;
    private static final int CONCURRENCY = 5;

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    @Autowired Environment environment;
    @Autowired ConfigurableApplicationContext context;
    @Autowired SandboxServer sandbox;
    ConfigurableApplicationContext secondNode;
    final Queue<CampaignCompleted> completions = new ConcurrentLinkedQueue<>();

    @BeforeAll
    void aSecondNodeOnTheSameDatabaseAndSandbox() {
        secondNode = SecondNode.start(database, environment, List.of(),
                "--switchboard.sandbox.enabled=false",
                "--switchboard.sandbox.url=" + sandbox.baseUrl(),
                "--switchboard.sandbox.provision-numbers=true",
                "--switchboard.jobs.poll-interval=200ms");
        for (ConfigurableApplicationContext node : List.of(context, secondNode)) {
            node.addApplicationListener((ApplicationListener<PayloadApplicationEvent<CampaignCompleted>>) e ->
                    completions.add(e.getPayload()));
        }
    }

    @AfterAll
    void stopTheSecondNode() {
        if (secondNode != null) {
            secondNode.close();
        }
    }

    @Test
    void aCampaignRunOnTwoNodesDialsEachContactOnceWithinItsConcurrencyAndCompletesOnce() throws Exception {
        CampaignFixture fixture = CampaignFixture.readyToCall(new Api(mvc), database, "Twin Node Insurance");
        fixture.callingRules(Map.of("callingHoursEnabled", false));
        // Answered calls (the sandbox's 0001 numbers), one exchange each: more than the fixture's 90.
        List<String> numbers = IntStream.range(0, CONTACTS).mapToObj(i -> "+1415%03d0001".formatted(600 + i)).toList();
        String id = fixture.campaign(fixture.contactList(numbers), Map.of("concurrency", CONCURRENCY, "maxAttempts", 1));

        AtomicInteger maxAttemptsInFlight = new AtomicInteger();
        AtomicInteger maxCallsInFlight = new AtomicInteger();
        AtomicReference<String> worst = new AtomicReference<>("");
        Map<String, Integer> pacerRunsSeenByNode = new ConcurrentHashMap<>();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = Thread.ofVirtual().start(() -> {
            while (watching.get()) {
                sample(id, maxAttemptsInFlight, maxCallsInFlight, worst, pacerRunsSeenByNode);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        Api.json(fixture.action(id, "start", fixture.admin), 200);
        JsonNode done;
        try {
            done = fixture.awaitStatus(id, "completed", Duration.ofSeconds(150));
        } finally {
            watching.set(false);
            watcher.join();
        }

        assertThat(maxAttemptsInFlight.get()).as("attempts in flight at most: " + worst.get()).isBetween(1, CONCURRENCY);
        assertThat(maxCallsInFlight.get()).as("calls in flight at most: " + worst.get()).isBetween(1, CONCURRENCY);
        assertThat(done.get("dialing").get("maxInFlight").asInt()).isBetween(1, CONCURRENCY);
        JsonNode progress = done.get("progress");
        assertThat(progress.get("total").asInt()).isEqualTo(CONTACTS);
        assertThat(progress.get("processed").asInt()).isEqualTo(CONTACTS);
        assertThat(progress.get("completed").asInt()).isEqualTo(CONTACTS);
        assertThat(done.get("dialing").get("callsPlaced").asInt()).isEqualTo(CONTACTS);
        List<String> notOnce = numbers.stream().filter(n -> fixture.callsTo(id, n) != 1).toList();
        assertThat(notOnce).as("numbers not dialled exactly once").isEmpty();

        // The completion e-mail is written by a job after the campaign completes; give a second one time to appear.
        await().atMost(Duration.ofSeconds(30)).until(() -> Outbox.count(database, fixture.admin.email(), "campaign-completed") >= 1);
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        assertThat(Outbox.count(database, fixture.admin.email(), "campaign-completed")).isEqualTo(1);
        assertThat(completions).filteredOn(c -> c.campaignId().toString().equals(id)).singleElement()
                .satisfies(c -> assertThat(c.completed()).isEqualTo(CONTACTS));
        // Which node ran the pacer is up to the job queue: recorded, not required.
        System.out.println("Pacer runs seen running, by node: " + pacerRunsSeenByNode);
    }

    /** One look at the campaign's calls in flight (the dialer's attempts and the call records) and at who runs its pacer. */
    private void sample(String id, AtomicInteger maxAttempts, AtomicInteger maxCalls, AtomicReference<String> worst,
                        Map<String, Integer> pacerRuns) {
        int attempts = database.owner().sql("""
                        select count(*) from campaign_attempts where campaign_id = ?::uuid and state in ('dialing', 'in_call')""")
                .param(id).query(Integer.class).single();
        int calls = database.owner().sql("""
                        select count(*) from calls where campaign_id = ?::uuid and status not in ('completed', 'failed', 'cancelled')""")
                .param(id).query(Integer.class).single();
        if (attempts > maxAttempts.get() || calls > maxCalls.get()) {
            worst.set(database.owner().sql("""
                            select c.to_number || ' ' || c.status || ' ' || coalesce(a.state, '-') || ' ' || c.created_at
                            from calls c left join campaign_attempts a on a.call_id = c.id
                            where c.campaign_id = ?::uuid and c.status not in ('completed', 'failed', 'cancelled')""")
                    .param(id).query(String.class).list().toString());
        }
        maxAttempts.accumulateAndGet(attempts, Math::max);
        maxCalls.accumulateAndGet(calls, Math::max);
        database.owner().sql("select picked_by from scheduled_tasks where task_name = 'campaign-pacer' and picked "
                        + "and task_instance like ?")
                .param(id + ":%").query(String.class).list()
                .forEach(node -> pacerRuns.merge(node, 1, Integer::sum));
    }
}
