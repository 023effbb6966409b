package dev.switchboard.sandbox;

import static dev.switchboard.sandbox.SandboxFixture.check;
import static dev.switchboard.sandbox.SandboxFixture.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sandbox.SandboxFixture.Client;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Batches respect the account's concurrency limit, their reserved concurrency, trigger time and calling window. */
class DialingLimitsTest {

    private static SandboxServer sandbox;

    @BeforeAll
    static void start() {
        sandbox = new SandboxServer(SandboxFixture.fastSettings(3).withTimeScale(300));
        sandbox.start();
    }

    @AfterAll
    static void stop() {
        sandbox.stop();
    }

    @Test
    void aBatchNeverTakesTheReservedLinesAndFinishesEveryTask() {
        Client client = Client.newAccount(sandbox);
        var setup = client.agentWithNumber("You are calling to say hello.", null, null);
        ObjectNode batch = object().put("from_number", setup.number()).put("reserved_concurrency", 5);
        var tasks = batch.putArray("tasks");
        for (int i = 0; i < 60; i++) {
            tasks.addObject().put("to_number", String.format(Locale.ROOT, "+1212555%04d", 1000 + i));
        }
        String id = client.post("/create-batch-call", batch).body().get("batch_call_id").asString();

        AtomicInteger highestPolled = new AtomicInteger();
        AtomicInteger directStarted = new AtomicInteger();
        String[] direct = new String[5];
        for (int i = 0; i < direct.length; i++) {
            direct[i] = client.call(setup.number(), "+14155550001");
        }
        SandboxFixture.await(Duration.ofSeconds(60), () -> {
            JsonNode progress = client.get("/sandbox/batch-calls/" + id).body();
            highestPolled.accumulateAndGet(client.get("/get-concurrency").body().get("current_concurrency").asInt(),
                    Math::max);
            return "completed".equals(progress.get("status").asString());
        });
        for (String callId : direct) {
            JsonNode call = client.get("/v2/get-call/" + callId).body();
            if (call.has("start_timestamp")) {
                directStarted.incrementAndGet();
            }
        }

        JsonNode progress = client.get("/sandbox/batch-calls/" + id).body();
        assertThat(progress.get("max_concurrency_observed").asInt()).isEqualTo(15);
        assertThat(progress.get("counts").get("pending").asInt()).isZero();
        assertThat(progress.get("counts").get("ended").asInt() + progress.get("counts").get("not_connected").asInt())
                .isEqualTo(60);
        assertThat(highestPolled.get()).isLessThanOrEqualTo(20);
        assertThat(client.get("/sandbox/account").body().get("max_concurrency_observed").asInt())
                .isLessThanOrEqualTo(20);
        assertThat(directStarted.get()).as("calls outside the batch use the reserved lines").isEqualTo(5);
    }

    @Test
    void waitsForTheTriggerTimestamp() {
        Client client = Client.newAccount(sandbox);
        var setup = client.agentWithNumber("You are calling to say hello.", null, null);
        long trigger = System.currentTimeMillis() + 1_500;
        ObjectNode batch = object().put("from_number", setup.number()).put("trigger_timestamp", trigger);
        batch.putArray("tasks").addObject().put("to_number", "+14155550001");
        JsonNode created = client.post("/create-batch-call", batch).body();
        assertThat(created.get("scheduled_timestamp").asLong()).isEqualTo(trigger);
        String id = created.get("batch_call_id").asString();

        JsonNode before = client.get("/sandbox/batch-calls/" + id).body();
        assertThat(before.get("status").asString()).isEqualTo("scheduled");
        assertThat(before.get("counts").get("pending").asInt()).isEqualTo(1);

        SandboxFixture.await(Duration.ofSeconds(20), () -> client.get("/sandbox/batch-calls/" + id).body()
                .get("call_ids").size() == 1);
        JsonNode call = client.get("/v2/get-call/" + client.get("/sandbox/batch-calls/" + id).body().get("call_ids")
                .get(0).asString()).body();
        SandboxFixture.await(Duration.ofSeconds(20), () -> client.get("/v2/get-call/" + call.get("call_id").asString())
                .body().has("start_timestamp"));
        assertThat(client.get("/v2/get-call/" + call.get("call_id").asString()).body().get("start_timestamp").asLong())
                .isGreaterThanOrEqualTo(trigger);
    }

    @Test
    void dialsOnlyInsideTheCallingWindow() {
        Client client = Client.newAccount(sandbox);
        var setup = client.agentWithNumber("You are calling to say hello.", null, null);
        ZoneId zone = zoneWhereItIsMidday();
        DayOfWeek today = ZonedDateTime.now(zone).getDayOfWeek();

        String closed = batchWithWindow(client, setup.number(), zone, today.plus(1));
        String open = batchWithWindow(client, setup.number(), zone, today);

        SandboxFixture.await(Duration.ofSeconds(20), () -> "completed".equals(client.get("/sandbox/batch-calls/" + open)
                .body().get("status").asString()));
        JsonNode waiting = client.get("/sandbox/batch-calls/" + closed).body();
        assertThat(waiting.get("status").asString()).isEqualTo("scheduled");
        assertThat(waiting.get("counts").get("pending").asInt()).isEqualTo(2);
        assertThat(waiting.get("next_dispatch_timestamp").asLong()).isGreaterThan(System.currentTimeMillis());
    }

    private static String batchWithWindow(Client client, String from, ZoneId zone, DayOfWeek day) {
        ObjectNode batch = object().put("from_number", from);
        var tasks = batch.putArray("tasks");
        tasks.addObject().put("to_number", "+14155550001");
        tasks.addObject().put("to_number", "+14155550002");
        ObjectNode window = batch.putObject("call_time_window").put("timezone", zone.getId());
        window.putArray("windows").addObject().put("start", 0).put("end", 1440);
        window.putArray("day").add(day.getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        var response = client.post("/create-batch-call", batch);
        check(response, 201);
        return response.body().get("batch_call_id").asString();
    }

    /** A fixed-offset zone where the local time is far from midnight, so "today" cannot change under the test. */
    private static ZoneId zoneWhereItIsMidday() {
        int utcHour = ZonedDateTime.now(ZoneOffset.UTC).getHour();
        int offset = 12 - utcHour;
        if (offset > 14) {
            offset -= 24;
        }
        if (offset < -12) {
            offset += 24;
        }
        return ZoneOffset.ofHours(offset);
    }

    @Test
    void queuesSingleCallsBeyondTheLimitAndDialsThemAsLinesFreeUp() {
        Client client = Client.newAccount(sandbox);
        var setup = client.agentWithNumber("You are calling to say hello.", null, null);
        check(client.patch("/sandbox/account", object().put("concurrency_limit", 2)), 200);
        String[] calls = new String[5];
        for (int i = 0; i < calls.length; i++) {
            calls[i] = client.call(setup.number(), "+14155550001");
        }

        assertThat(client.get("/get-concurrency").body().get("current_concurrency").asInt()).isLessThanOrEqualTo(2);
        for (String call : calls) {
            assertThat(client.awaitAnalyzed(call).get("call_status").asString()).isEqualTo("ended");
        }
        assertThat(client.get("/sandbox/account").body().get("max_concurrency_observed").asInt()).isEqualTo(2);
    }
}
