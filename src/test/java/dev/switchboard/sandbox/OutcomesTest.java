package dev.switchboard.sandbox;

import static dev.switchboard.sandbox.SandboxFixture.check;
import static dev.switchboard.sandbox.SandboxFixture.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.sandbox.SandboxFixture.Client;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Outcomes follow the configured probabilities, repeat with the seed, and are fixed for the test numbers. */
class OutcomesTest {

    private static final int CALLS = 400;

    @Test
    void theMixOfOutcomesIsNearTheConfiguredProbabilities() {
        SandboxSettings settings = SandboxFixture.fastSettings(20260101).withTimeScale(3600)
                .withOutcomes(new SandboxSettings.Outcomes(0.4, 0.2, 0.2, 0.1, 0.05, 0.05))
                .withRequestShares(0.10, 0.10);
        try (SandboxServer sandbox = new SandboxServer(settings)) {
            sandbox.start();
            List<JsonNode> calls = runBatch(sandbox);

            Map<String, Integer> reasons = new TreeMap<>();
            int dnc = 0;
            int callbacks = 0;
            for (JsonNode call : calls) {
                String reason = call.get("disconnection_reason").asString();
                reasons.merge(reason.equals("user_hangup") ? "agent_hangup" : reason, 1, Integer::sum);
                JsonNode custom = call.get("call_analysis").get("custom_analysis_data");
                dnc += custom.get("do_not_call_requested").asBoolean() ? 1 : 0;
                callbacks += custom.get("callback_requested").asBoolean() ? 1 : 0;
            }
            assertThat(share(reasons, "agent_hangup")).isCloseTo(0.40, within(0.07));
            assertThat(share(reasons, "voicemail_reached")).isCloseTo(0.20, within(0.06));
            assertThat(share(reasons, "dial_no_answer")).isCloseTo(0.20, within(0.06));
            assertThat(share(reasons, "dial_busy")).isCloseTo(0.10, within(0.05));
            assertThat(share(reasons, "dial_failed")).isCloseTo(0.05, within(0.04));
            assertThat(share(reasons, "invalid_destination")).isCloseTo(0.05, within(0.04));
            int answered = reasons.getOrDefault("agent_hangup", 0);
            assertThat((double) dnc / answered).isCloseTo(0.10, within(0.07));
            assertThat((double) callbacks / answered).isCloseTo(0.10, within(0.07));
        }
    }

    @Test
    void theSameSeedGivesTheSameOutcomesAndDurations() {
        SandboxSettings settings = SandboxFixture.fastSettings(99).withTimeScale(3600);
        List<String> first;
        List<String> second;
        try (SandboxServer sandbox = new SandboxServer(settings)) {
            sandbox.start();
            first = fingerprints(sandbox);
        }
        try (SandboxServer sandbox = new SandboxServer(settings)) {
            sandbox.start();
            second = fingerprints(sandbox);
        }
        assertThat(second).isEqualTo(first);
        assertThat(first.stream().distinct().count()).as("calls differ from one another").isGreaterThan(3);
    }

    @Test
    void reservedTestNumbersAlwaysHaveTheirOutcome() {
        SandboxSettings settings = SandboxFixture.fastSettings(5).withTimeScale(3600)
                .withOutcomes(new SandboxSettings.Outcomes(0, 0, 0, 0, 0, 1));
        try (SandboxServer sandbox = new SandboxServer(settings)) {
            sandbox.start();
            Client client = Client.newAccount(sandbox);
            var setup = client.agentWithNumber("You are calling to say hello.", null, null);
            Map<String, String> expected = Map.of("+13105550001", "agent_hangup|user_hangup",
                    "+13105550002", "voicemail_reached", "+13105550003", "dial_no_answer",
                    "+13105550004", "dial_busy", "+13105550005", "dial_failed",
                    "+13105550006", "invalid_destination", "+13105550007", "user_hangup",
                    "+13105550008", "agent_hangup|user_hangup");
            Map<String, String> ids = new TreeMap<>();
            new TreeMap<>(expected).keySet().forEach(number -> ids.put(number, client.call(setup.number(), number)));

            for (Map.Entry<String, String> entry : ids.entrySet()) {
                JsonNode call = client.awaitAnalyzed(entry.getValue());
                assertThat(call.get("disconnection_reason").asString()).as(entry.getKey())
                        .matches(expected.get(entry.getKey()));
            }
            JsonNode voicemail = client.get("/v2/get-call/" + ids.get("+13105550002")).body();
            assertThat(voicemail.get("call_analysis").get("in_voicemail").asBoolean()).isTrue();
            assertThat(voicemail.get("call_status").asString()).isEqualTo("ended");
            JsonNode dnc = client.get("/v2/get-call/" + ids.get("+13105550007")).body();
            assertThat(dnc.get("call_analysis").get("custom_analysis_data").get("do_not_call_requested").asBoolean())
                    .isTrue();
            assertThat(dnc.get("call_analysis").get("user_sentiment").asString()).isEqualTo("Negative");
            assertThat(dnc.get("transcript").asString()).contains("you don't want to be called again");
            JsonNode callback = client.get("/v2/get-call/" + ids.get("+13105550008")).body();
            assertThat(callback.get("call_analysis").get("custom_analysis_data").get("callback_requested").asBoolean())
                    .isTrue();
            JsonNode noAnswer = client.get("/v2/get-call/" + ids.get("+13105550003")).body();
            assertThat(noAnswer.get("call_status").asString()).isEqualTo("not_connected");
            assertThat(noAnswer.has("transcript")).isFalse();
            assertThat(noAnswer.has("recording_url")).isFalse();
            assertThat(noAnswer.get("call_cost").get("combined_cost").asDouble()).isZero();
        }
    }

    @Test
    void refusesNumbersThatAreNotValid() {
        try (SandboxServer sandbox = new SandboxServer(SandboxFixture.fastSettings(1))) {
            sandbox.start();
            Client client = Client.newAccount(sandbox);
            var setup = client.agentWithNumber("You are calling to say hello.", null, null);
            for (String bad : List.of("4155550123", "+1415555", "+0123456789", "+1 415 555 0123", "hello", "")) {
                var response = client.post("/v2/create-phone-call", object().put("from_number", setup.number())
                        .put("to_number", bad));
                assertThat(response.status()).as(bad).isEqualTo(400);
                assertThat(response.message()).as(bad).contains(bad.isEmpty() ? "to_number is required"
                        : "not a valid number");
            }
        }
    }

    private static List<JsonNode> runBatch(SandboxServer sandbox) {
        Client client = Client.newAccount(sandbox);
        var setup = client.agentWithNumber("You are calling to tell the customer about our new plan.", null, null);
        check(client.patch("/sandbox/account", object().put("concurrency_limit", 100)), 200);
        ObjectNode batch = object().put("from_number", setup.number());
        var tasks = batch.putArray("tasks");
        for (int i = 0; i < CALLS; i++) {
            tasks.addObject().put("to_number", String.format(Locale.ROOT, "+1646555%04d", 2000 + i));
        }
        String id = client.post("/create-batch-call", batch).body().get("batch_call_id").asString();
        SandboxFixture.await(Duration.ofSeconds(60), () -> "completed".equals(client.get("/sandbox/batch-calls/" + id)
                .body().get("status").asString()));
        ObjectNode list = object().put("limit", 1000);
        list.putObject("filter_criteria").putArray("batch_call_id").add(id);
        JsonNode calls = client.post("/v2/list-calls", list).body();
        assertThat(calls.size()).isEqualTo(CALLS);
        List<JsonNode> result = new ArrayList<>();
        calls.forEach(result::add);
        return result;
    }

    private static List<String> fingerprints(SandboxServer sandbox) {
        Client client = new Client(sandbox.baseUrl(), "the-same-key");
        var setup = client.agentWithNumber("You are calling to tell the customer about our new plan.", null, null);
        List<String> prints = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = client.call(setup.number(), String.format(Locale.ROOT, "+1718555%04d", 3000 + i));
            JsonNode call = client.awaitAnalyzed(id);
            prints.add(call.get("disconnection_reason").asString() + "/" + call.get("duration_ms").asLong() + "/"
                    + (call.has("transcript") ? call.get("transcript").asString().hashCode() : 0));
        }
        return prints;
    }

    private static double share(Map<String, Integer> counts, String key) {
        return counts.getOrDefault(key, 0) / (double) CALLS;
    }
}
