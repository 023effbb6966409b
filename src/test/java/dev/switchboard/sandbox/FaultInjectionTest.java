package dev.switchboard.sandbox;

import static dev.switchboard.sandbox.SandboxFixture.check;
import static dev.switchboard.sandbox.SandboxFixture.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.sandbox.SandboxFixture.Client;
import dev.switchboard.sandbox.SandboxFixture.Response;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code POST /sandbox/faults} makes the API and the webhooks misbehave on purpose; DELETE ends it. */
class FaultInjectionTest {

    private static SandboxServer sandbox;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start() {
        receiver = new WebhookReceiver();
        sandbox = new SandboxServer(SandboxFixture.fastSettings(23).withDefaultWebhookUrl(receiver.url("/hooks")));
        sandbox.start();
    }

    @AfterAll
    static void stop() {
        sandbox.stop();
        receiver.close();
    }

    @Test
    void serverErrorsAndRateLimitsHitTheApiUntilCleared() {
        Client client = Client.newAccount(sandbox);
        check(client.post("/sandbox/faults", faults(object().put("type", "error_500").put("probability", 1.0)
                .put("path", "/list-voices"))), 200);

        Response failed = client.get("/list-voices");
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.body().get("status").asString()).isEqualTo("error");
        assertThat(client.get("/get-concurrency").status()).as("other paths").isEqualTo(200);

        check(client.post("/sandbox/faults", faults(object().put("type", "rate_limit_429")
                .put("retry_after_seconds", 7))), 200);
        Response limited = client.get("/list-voices");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.raw().headers().firstValue("Retry-After")).contains("7");
        assertThat(client.get("/sandbox/faults").body().get("faults").get(0).get("type").asString())
                .isEqualTo("rate_limit_429");

        assertThat(client.delete("/sandbox/faults").status()).isEqualTo(204);
        assertThat(client.get("/list-voices").status()).isEqualTo(200);
    }

    @Test
    void faultsOfOneAccountDoNotTouchAnother() {
        Client noisy = Client.newAccount(sandbox);
        Client quiet = Client.newAccount(sandbox);
        check(noisy.post("/sandbox/faults", faults(object().put("type", "error_500"))), 200);

        assertThat(noisy.get("/list-voices").status()).isEqualTo(500);
        assertThat(quiet.get("/list-voices").status()).isEqualTo(200);
    }

    @Test
    void aProbabilityFailsAboutThatShareOfRequests() {
        Client client = Client.newAccount(sandbox);
        check(client.post("/sandbox/faults", faults(object().put("type", "error_500").put("probability", 0.3))), 200);

        int failed = 0;
        for (int i = 0; i < 200; i++) {
            failed += client.get("/get-concurrency").status() == 500 ? 1 : 0;
        }

        assertThat(failed).isBetween(35, 85);
    }

    @Test
    void connectionResetsSlowResponsesAndHangsAreObservable() {
        Client client = Client.newAccount(sandbox);
        check(client.post("/sandbox/faults", faults(object().put("type", "connection_reset")
                .put("path", "/get-concurrency"))), 200);
        assertThatThrownBy(() -> client.get("/get-concurrency")).isInstanceOf(UncheckedIOException.class);

        check(client.post("/sandbox/faults", faults(object().put("type", "slow").put("delay_ms", 300))), 200);
        long started = System.nanoTime();
        assertThat(client.get("/get-concurrency").status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));

        check(client.post("/sandbox/faults", faults(object().put("type", "hang").put("delay_ms", 400))), 200);
        assertThatThrownBy(() -> client.get("/get-concurrency")).isInstanceOf(UncheckedIOException.class);
        client.delete("/sandbox/faults");
    }

    @Test
    void refusesAFaultItDoesNotKnow() {
        Response response = Client.newAccount(sandbox).post("/sandbox/faults",
                faults(object().put("type", "meteor_strike")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.message()).contains("error_500");
    }

    @Test
    void duplicateAndShuffleSendsEachEventThreeTimes() {
        Client client = Client.newAccount(sandbox);
        var setup = client.agentWithNumber("You are calling to say hello.", null, null);
        check(client.post("/sandbox/faults", faults(object().put("type", "duplicate_shuffle"))), 200);
        String callId = client.call(setup.number(), "+14155550001");

        SandboxFixture.await(Duration.ofSeconds(20), () -> receiver.forCall(callId).size() == 9);

        Map<String, Integer> counts = new TreeMap<>();
        for (WebhookReceiver.Received event : receiver.forCall(callId)) {
            counts.merge(event.json().get("event").asString(), 1, Integer::sum);
            assertThat(RetellSignature.verify(event.body(), client.apiKey(), event.header("x-retell-signature"),
                    System.currentTimeMillis())).isTrue();
        }
        assertThat(counts).containsEntry("call_started", 3).containsEntry("call_ended", 3)
                .containsEntry("call_analyzed", 3);
        client.delete("/sandbox/faults");
    }

    @Test
    void droppedWebhooksAreNeverSentButLogged() {
        Client client = Client.newAccount(sandbox);
        var setup = client.agentWithNumber("You are calling to say hello.", null, null);
        ObjectNode drop = object().put("type", "drop");
        drop.putArray("events").add("call_analyzed");
        check(client.post("/sandbox/faults", faults(drop)), 200);
        String callId = client.call(setup.number(), "+14155550001");

        client.awaitAnalyzed(callId);
        SandboxFixture.await(Duration.ofSeconds(10), () -> client.get("/sandbox/calls/" + callId + "/webhooks").body()
                .get("deliveries").size() == 3);

        assertThat(receiver.forCall(callId)).extracting(r -> r.json().get("event").asString())
                .containsExactly("call_started", "call_ended");
        JsonNode log = client.get("/sandbox/calls/" + callId + "/webhooks").body().get("deliveries");
        assertThat(log.get(2).get("event").asString()).isEqualTo("call_analyzed");
        assertThat(log.get(2).get("outcome").asString()).isEqualTo("dropped");
        client.delete("/sandbox/faults");
    }

    private static ObjectNode faults(ObjectNode... rules) {
        ObjectNode body = object();
        var list = body.putArray("faults");
        for (ObjectNode rule : rules) {
            list.add(rule);
        }
        return body;
    }
}
