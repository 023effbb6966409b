package dev.switchboard.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Drives a sandbox the way the {@code retell-sdk} client does: same paths and methods, JSON
 * bodies with the SDK's field names, {@code Authorization: Bearer <api key>}.
 */
final class SandboxFixture {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private SandboxFixture() {
    }

    /** Fast and repeatable: any free port, 10 simulated minutes per real second, short calls, quick retries. */
    static SandboxSettings fastSettings(long seed) {
        return SandboxSettings.defaults().withPort(0).withSeed(seed).withTimeScale(600)
                .withDurations(new SandboxSettings.Durations(SandboxSettings.Range.ofSeconds(2, 6),
                        SandboxSettings.Range.ofSeconds(20, 60), SandboxSettings.Range.ofSeconds(10, 20)))
                .withWebhooks(new SandboxSettings.Webhooks(4, Duration.ofMillis(50), Duration.ofSeconds(5)));
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static JsonNode parse(String json) {
        return JSON.readTree(json);
    }

    record Response(int status, JsonNode body, HttpResponse<String> raw) {

        String message() {
            return body == null || body.get("message") == null ? "" : body.get("message").asString();
        }
    }

    /** One sandbox account: an API key of its own. */
    record Client(String baseUrl, String apiKey) {

        static Client newAccount(SandboxServer server) {
            return new Client(server.baseUrl(), "key_" + UUID.randomUUID().toString().replace("-", ""));
        }

        Response post(String path, JsonNode body) {
            return send("POST", path, body);
        }

        Response patch(String path, JsonNode body) {
            return send("PATCH", path, body);
        }

        Response get(String path) {
            return send("GET", path, null);
        }

        Response delete(String path) {
            return send("DELETE", path, null);
        }

        Response send(String method, String path, JsonNode body) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(20))
                    .header("Accept", "DELETE".equals(method) ? "*/*" : "application/json")
                    // What the Stainless-generated SDK adds to every request; the sandbox must not mind them.
                    .header("User-Agent", "Retell/JS 5.0.0")
                    .header("X-Stainless-Lang", "js")
                    .header("X-Stainless-Retry-Count", "0");
            if (apiKey != null) {
                request.header("Authorization", "Bearer " + apiKey);
            }
            if (body != null) {
                request.header("Content-Type", "application/json");
                request.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body),
                        StandardCharsets.UTF_8));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            try {
                HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
                String text = response.body();
                JsonNode json = text == null || text.isBlank() ? null : JSON.readTree(text);
                return new Response(response.statusCode(), json, response);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** A Retell LLM, an agent using it, and a bought number whose outbound agent it is. */
        Setup agentWithNumber(String generalPrompt, String beginMessage, String webhookUrl) {
            ObjectNode llm = object().put("general_prompt", generalPrompt).put("model", "gpt-4.1");
            if (beginMessage != null) {
                llm.put("begin_message", beginMessage);
            }
            Response createdLlm = post("/create-retell-llm", llm);
            check(createdLlm, 201);
            String llmId = createdLlm.body().get("llm_id").asString();
            ObjectNode agent = object().put("voice_id", "11labs-Adrian").put("agent_name", "Ava");
            agent.putObject("response_engine").put("type", "retell-llm").put("llm_id", llmId);
            if (webhookUrl != null) {
                agent.put("webhook_url", webhookUrl);
            }
            Response createdAgent = post("/create-agent", agent);
            check(createdAgent, 201);
            String agentId = createdAgent.body().get("agent_id").asString();
            Response number = post("/create-phone-number", object().put("area_code", 415)
                    .put("outbound_agent_id", agentId).put("nickname", "Outbound"));
            check(number, 201);
            return new Setup(llmId, agentId, number.body().get("phone_number").asString());
        }

        /** create-phone-call as the SDK sends it. */
        String call(String from, String to) {
            Response created = post("/v2/create-phone-call", object().put("from_number", from).put("to_number", to));
            check(created, 201);
            return created.body().get("call_id").asString();
        }

        /** Polls get-call until the call has its analysis (the last thing that happens to it). */
        JsonNode awaitAnalyzed(String callId) {
            JsonNode[] last = new JsonNode[1];
            await(Duration.ofSeconds(20), () -> {
                last[0] = get("/v2/get-call/" + callId).body();
                return last[0].has("call_analysis");
            });
            return last[0];
        }
    }

    record Setup(String llmId, String agentId, String number) {
    }

    static void check(Response response, int status) {
        if (response.status() != status) {
            throw new AssertionError("expected HTTP " + status + " but got " + response.status() + ": "
                    + response.body());
        }
    }

    static void await(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
