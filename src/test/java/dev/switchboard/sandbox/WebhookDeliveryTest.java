package dev.switchboard.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sandbox.SandboxFixture.Client;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Call events reach the webhook URL signed as Retell signs them, in order, retried until accepted. */
class WebhookDeliveryTest {

    private SandboxServer sandbox;
    private WebhookReceiver receiver;

    @BeforeEach
    void start() {
        receiver = new WebhookReceiver();
        sandbox = new SandboxServer(SandboxFixture.fastSettings(11).withDefaultWebhookUrl(receiver.url("/webhooks/retell")));
        sandbox.start();
    }

    @AfterEach
    void stop() {
        sandbox.stop();
        receiver.close();
    }

    @Test
    void signsEveryEventSoThatTheSdksVerifyAcceptsItWithTheAccountsKeyOnly() {
        Client client = Client.newAccount(sandbox);
        var setup = client.agentWithNumber("You are calling to say hello.", null, null);
        String callId = client.call(setup.number(), "+14155550001");

        SandboxFixture.await(Duration.ofSeconds(20), () -> receiver.forCall(callId).size() == 3);

        for (WebhookReceiver.Received event : receiver.forCall(callId)) {
            String signature = event.header("x-retell-signature");
            assertThat(signature).matches("v=\\d+,d=[0-9a-f]{64}");
            assertThat(RetellSignature.verify(event.body(), client.apiKey(), signature, System.currentTimeMillis()))
                    .isTrue();
            assertThat(RetellSignature.verify(event.body(), "another-key", signature, System.currentTimeMillis()))
                    .as("wrong key").isFalse();
            assertThat(RetellSignature.verify(event.body() + " ", client.apiKey(), signature,
                    System.currentTimeMillis())).as("changed body").isFalse();
            assertThat(RetellSignature.verify(event.body(), client.apiKey(), signature,
                    event.receivedAt() + RetellSignature.FIVE_MINUTES + 60_000)).as("six minutes later").isFalse();
            assertThat(event.header("Content-Type")).startsWith("application/json");
        }
    }

    @Test
    void sendsCallStartedThenCallEndedWithoutAnalysisThenCallAnalyzedWithIt() {
        Client client = Client.newAccount(sandbox);
        var setup = client.agentWithNumber("You are calling to say hello.", null, null);
        String callId = client.call(setup.number(), "+14155550001");

        SandboxFixture.await(Duration.ofSeconds(20), () -> receiver.forCall(callId).size() == 3);

        List<JsonNode> events = receiver.forCall(callId).stream().map(WebhookReceiver.Received::json).toList();
        assertThat(events).extracting(e -> e.get("event").asString())
                .containsExactly("call_started", "call_ended", "call_analyzed");
        assertThat(events.get(0).get("call").get("call_status").asString()).isEqualTo("ongoing");
        assertThat(events.get(0).get("call").has("transcript")).isFalse();
        assertThat(events.get(1).get("call").get("call_status").asString()).isEqualTo("ended");
        assertThat(events.get(1).get("call").has("transcript")).isTrue();
        assertThat(events.get(1).get("call").has("call_analysis")).isFalse();
        assertThat(events.get(2).get("call").get("call_analysis").has("call_summary")).isTrue();
    }

    @Test
    void sendsNoCallStartedForACallThatNeverConnects() {
        Client client = Client.newAccount(sandbox);
        var setup = client.agentWithNumber("You are calling to say hello.", null, null);
        String callId = client.call(setup.number(), "+14155550003");

        SandboxFixture.await(Duration.ofSeconds(20), () -> receiver.forCall(callId).size() == 2);

        List<JsonNode> events = receiver.forCall(callId).stream().map(WebhookReceiver.Received::json).toList();
        assertThat(events).extracting(e -> e.get("event").asString()).containsExactly("call_ended", "call_analyzed");
        assertThat(events.get(0).get("call").get("disconnection_reason").asString()).isEqualTo("dial_no_answer");
        assertThat(events.get(0).get("call").get("call_status").asString()).isEqualTo("not_connected");
    }

    @Test
    void retriesAnEventTheReceiverRefusesUntilItIsAccepted() {
        Client client = Client.newAccount(sandbox);
        var setup = client.agentWithNumber("You are calling to say hello.", null, null);
        receiver.answer(500, 500);
        String callId = client.call(setup.number(), "+14155550003");

        SandboxFixture.await(Duration.ofSeconds(20), () -> client.get("/sandbox/calls/" + callId + "/webhooks").body()
                .get("deliveries").size() == 4);

        JsonNode deliveries = client.get("/sandbox/calls/" + callId + "/webhooks").body().get("deliveries");
        assertThat(deliveries.get(0).get("event").asString()).isEqualTo("call_ended");
        assertThat(deliveries.get(0).get("status_code").asInt()).isEqualTo(500);
        assertThat(deliveries.get(0).get("outcome").asString()).isEqualTo("retrying");
        assertThat(deliveries.get(1).get("attempt").asInt()).isEqualTo(2);
        assertThat(deliveries.get(1).get("outcome").asString()).isEqualTo("retrying");
        assertThat(deliveries.get(2).get("attempt").asInt()).isEqualTo(3);
        assertThat(deliveries.get(2).get("outcome").asString()).isEqualTo("delivered");
        assertThat(deliveries.get(3).get("event").asString()).isEqualTo("call_analyzed");
        assertThat(deliveries.get(3).get("outcome").asString()).isEqualTo("delivered");
        assertThat(receiver.forCall(callId)).hasSize(4);
        assertThat(receiver.forCall(callId).stream().filter(r -> r.json().get("event").asString().equals("call_ended")))
                .hasSize(3);
    }

    @Test
    void givesUpAfterTheLastAttemptAndStillSendsTheNextEvent() {
        Client client = Client.newAccount(sandbox);
        var setup = client.agentWithNumber("You are calling to say hello.", null, null);
        receiver.answer(503, 503, 503, 503);
        String callId = client.call(setup.number(), "+14155550004");

        SandboxFixture.await(Duration.ofSeconds(20), () -> client.get("/sandbox/calls/" + callId + "/webhooks").body()
                .get("deliveries").size() == 5);

        JsonNode deliveries = client.get("/sandbox/calls/" + callId + "/webhooks").body().get("deliveries");
        assertThat(deliveries.get(3).get("outcome").asString()).isEqualTo("failed");
        assertThat(deliveries.get(4).get("event").asString()).isEqualTo("call_analyzed");
        assertThat(deliveries.get(4).get("outcome").asString()).isEqualTo("delivered");
    }

    @Test
    void retriesWhenTheReceiverCannotBeReached() {
        Client client = Client.newAccount(sandbox);
        WebhookReceiver gone = new WebhookReceiver();
        String deadUrl = gone.url("/hooks");
        gone.close();
        var setup = client.agentWithNumber("You are calling to say hello.", null, deadUrl);
        String callId = client.call(setup.number(), "+14155550005");

        SandboxFixture.await(Duration.ofSeconds(20), () -> client.get("/sandbox/calls/" + callId + "/webhooks").body()
                .get("deliveries").size() == 8);

        JsonNode first = client.get("/sandbox/calls/" + callId + "/webhooks").body().get("deliveries").get(0);
        assertThat(first.get("url").asString()).isEqualTo(deadUrl);
        assertThat(first.has("status_code")).isFalse();
        assertThat(first.get("error").asString()).isNotBlank();
    }

    @Test
    void sendsToTheAgentsWebhookUrlInsteadOfTheDefaultAndHonoursItsEventList() {
        Client client = Client.newAccount(sandbox);
        var setup = client.agentWithNumber("You are calling to say hello.", null, receiver.url("/agent-hooks"));
        var events = SandboxFixture.object();
        events.putArray("webhook_events").add("call_analyzed");
        client.patch("/update-agent/" + setup.agentId(), events);
        String callId = client.call(setup.number(), "+14155550001");

        client.awaitAnalyzed(callId);
        SandboxFixture.await(Duration.ofSeconds(10), () -> receiver.forCall(callId).size() == 1);

        assertThat(receiver.forCall(callId).get(0).path()).isEqualTo("/agent-hooks");
        assertThat(receiver.forCall(callId).get(0).json().get("event").asString()).isEqualTo("call_analyzed");
    }
}
