package dev.switchboard.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Webhooks arriving together share commits: every event answered 204 is stored exactly once,
 * with its processing scheduled, and repeated deliveries in the same burst are only counted. The
 * benchmark's no-op endpoint does not exist unless the bench flag is on.
 */
@SwitchboardTest
class WebhookIngestionConcurrencyTest {

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;

    @Test
    void aBurstOfEventsWithRepeatsIsStoredOnceEachAndScheduledOnceEach() throws Exception {
        Api api = new Api(mvc);
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> bodies = new ArrayList<>();
        for (int call = 0; call < 40; call++) {
            String body = "{\"event\":\"call_started\",\"call\":{\"call_id\":\"call_burst_" + run + "_" + call
                    + "\",\"agent_id\":\"agent_x\",\"direction\":\"inbound\",\"from_number\":\"+14155550100\"}}";
            bodies.add(body);
            if (call % 4 == 0) {
                bodies.add(body);
            }
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService senders = Executors.newFixedThreadPool(16)) {
            List<Future<Integer>> answers = new ArrayList<>();
            for (String body : bodies) {
                answers.add(senders.submit(() -> api.perform(post("/webhooks/retell").contentType(MediaType.APPLICATION_JSON)
                        .content(body).header("x-retell-signature", RetellWebhookTest.sign(body, RetellWebhookTest.SANDBOX_KEY,
                                System.currentTimeMillis()))).getResponse().getStatus()));
            }
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
        }
        assertThat(statuses).hasSize(50).containsOnly(204);
        String like = "call_burst_" + run + "_%";
        assertThat(database.owner().sql("select count(*) from webhook_inbox where provider_call_id like ?").param(like)
                .query(Long.class).single()).isEqualTo(40);
        assertThat(database.owner().sql("select sum(deliveries) from webhook_inbox where provider_call_id like ?").param(like)
                .query(Long.class).single()).isEqualTo(50);
        // Every stored event is handed to processing once: no organization knows this agent, so
        // each one fails its first attempt and waits for its retry job.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> database.owner().sql("""
                        select count(*) from webhook_inbox i where provider_call_id like ?
                        and (status <> 'received' or exists (select 1 from scheduled_tasks t
                             where t.task_name = 'process-webhook' and t.task_instance = i.id::text))""")
                .param(like).query(Long.class).single() == 40);
    }

    @Test
    void theBenchmarksNoOpEndpointIsAbsentByDefault() {
        int status = new Api(mvc).perform(post("/webhooks/bench-noop").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .getResponse().getStatus();
        assertThat(status).isEqualTo(404);
    }
}
