package dev.switchboard.sandbox;

import static dev.switchboard.sandbox.SandboxFixture.check;
import static dev.switchboard.sandbox.SandboxFixture.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sandbox.SandboxFixture.Client;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Answered calls have a real WAV recording, and call the agent's custom tool as Retell does. */
class RecordingAndToolsTest {

    private static SandboxServer sandbox;

    @BeforeAll
    static void start() {
        sandbox = new SandboxServer(SandboxFixture.fastSettings(17));
        sandbox.start();
    }

    @AfterAll
    static void stop() {
        sandbox.stop();
    }

    @Test
    void theRecordingUrlServesAValidEightKilohertzMonoWav() throws Exception {
        Client client = Client.newAccount(sandbox);
        var setup = client.agentWithNumber("You are calling to say hello.", null, null);
        JsonNode call = client.awaitAnalyzed(client.call(setup.number(), "+14155550001"));

        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(call.get("recording_url").asString())).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("audio/wav");
        ByteBuffer wav = ByteBuffer.wrap(response.body()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(ascii(response.body(), 0)).isEqualTo("RIFF");
        assertThat(wav.getInt(4)).isEqualTo(response.body().length - 8);
        assertThat(ascii(response.body(), 8)).isEqualTo("WAVE");
        assertThat(ascii(response.body(), 12)).isEqualTo("fmt ");
        assertThat(wav.getShort(20)).as("PCM").isEqualTo((short) 1);
        assertThat(wav.getShort(22)).as("mono").isEqualTo((short) 1);
        assertThat(wav.getInt(24)).as("sample rate").isEqualTo(8000);
        assertThat(wav.getShort(34)).as("bits per sample").isEqualTo((short) 16);
        assertThat(ascii(response.body(), 36)).isEqualTo("data");
        int dataBytes = wav.getInt(40);
        assertThat(dataBytes).isEqualTo(response.body().length - 44);
        assertThat(dataBytes / 2 / 8000.0).as("seconds of audio").isBetween(1.0, 10.0);
    }

    @Test
    void aCallThatNeverConnectedHasNoRecording() throws Exception {
        Client client = Client.newAccount(sandbox);
        var setup = client.agentWithNumber("You are calling to say hello.", null, null);
        String id = client.call(setup.number(), "+14155550004");
        client.awaitAnalyzed(id);

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sandbox.baseUrl() + "/recordings/" + id + ".wav")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void callsTheAgentsCustomToolWithRetellsRequestShapeAndPutsTheResultInTheTranscript() throws IOException {
        try (WebhookReceiver tool = new WebhookReceiver().replyWith("{\"result\": \"Booked for Tuesday at 10:00\"}")) {
            Client client = Client.newAccount(sandbox);
            ObjectNode llm = object().put("general_prompt", "You are calling to book a follow-up visit.")
                    .put("begin_message", "Hi {{first_name}}!");
            ObjectNode custom = llm.putArray("general_tools").addObject().put("type", "custom")
                    .put("name", "book_appointment").put("description", "Books a visit")
                    .put("url", tool.url("/tools/book")).put("speak_during_execution", true)
                    .put("speak_after_execution", true);
            custom.putObject("headers").put("X-Tenant", "{{tenant}}");
            ObjectNode parameters = custom.putObject("parameters").put("type", "object");
            parameters.putObject("properties").putObject("first_name").put("type", "string");
            ((ObjectNode) parameters.get("properties")).putObject("date").put("type", "string");
            ((ObjectNode) parameters.get("properties")).putObject("source").put("type", "string")
                    .put("const", "sandbox");
            parameters.putArray("required").add("first_name");
            var createdLlm = client.post("/create-retell-llm", llm);
            check(createdLlm, 201);
            ObjectNode agent = object().put("voice_id", "openai-Nova").put("agent_name", "Booker");
            agent.putObject("response_engine").put("type", "retell-llm")
                    .put("llm_id", createdLlm.body().get("llm_id").asString());
            String agentId = client.post("/create-agent", agent).body().get("agent_id").asString();
            String number = client.post("/create-phone-number", object().put("outbound_agent_id", agentId)).body()
                    .get("phone_number").asString();
            ObjectNode request = object().put("from_number", number).put("to_number", "+14155550001");
            request.putObject("retell_llm_dynamic_variables").put("first_name", "Maria").put("tenant", "acme");
            String callId = client.post("/v2/create-phone-call", request).body().get("call_id").asString();

            JsonNode ended = client.awaitAnalyzed(callId);

            assertThat(tool.received()).hasSize(1);
            WebhookReceiver.Received received = tool.received().get(0);
            assertThat(received.path()).isEqualTo("/tools/book");
            assertThat(received.header("Content-Type")).startsWith("application/json");
            assertThat(received.header("X-Tenant")).isEqualTo("acme");
            assertThat(RetellSignature.verify(received.body(), client.apiKey(), received.header("x-retell-signature"),
                    System.currentTimeMillis())).isTrue();
            JsonNode body = received.json();
            assertThat(body.propertyNames()).containsExactlyInAnyOrder("call", "name", "args");
            assertThat(body.get("name").asString()).isEqualTo("book_appointment");
            assertThat(body.get("args").get("first_name").asString()).isEqualTo("Maria");
            assertThat(body.get("args").get("date").asString()).matches("\\d{4}-\\d{2}-\\d{2}");
            assertThat(body.get("args").get("source").asString()).isEqualTo("sandbox");
            assertThat(body.get("call").get("call_id").asString()).isEqualTo(callId);
            assertThat(body.get("call").get("call_status").asString()).isEqualTo("ongoing");
            assertThat(body.get("call").get("transcript").asString()).startsWith("Agent: Hi Maria!");

            JsonNode turns = ended.get("transcript_with_tool_calls");
            JsonNode invocation = null;
            JsonNode result = null;
            for (JsonNode turn : turns) {
                switch (turn.get("role").asString()) {
                    case "tool_call_invocation" -> invocation = turn;
                    case "tool_call_result" -> result = turn;
                    default -> { }
                }
            }
            assertThat(invocation).isNotNull();
            assertThat(invocation.get("name").asString()).isEqualTo("book_appointment");
            assertThat(SandboxFixture.parse(invocation.get("arguments").asString()).get("first_name").asString())
                    .isEqualTo("Maria");
            assertThat(result.get("tool_call_id").asString()).isEqualTo(invocation.get("tool_call_id").asString());
            assertThat(result.get("content").asString()).contains("Booked for Tuesday at 10:00");
            assertThat(result.get("successful").asBoolean()).isTrue();
            assertThat(ended.get("transcript").asString()).contains("Booked for Tuesday at 10:00");
            for (JsonNode turn : ended.get("transcript_object")) {
                assertThat(turn.get("role").asString()).isIn("agent", "user");
            }
        }
    }

    private static String ascii(byte[] bytes, int offset) {
        return new String(bytes, offset, 4, StandardCharsets.US_ASCII);
    }
}
