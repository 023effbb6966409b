package dev.switchboard.sandbox;

import static dev.switchboard.sandbox.SandboxFixture.check;
import static dev.switchboard.sandbox.SandboxFixture.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sandbox.SandboxFixture.Client;
import dev.switchboard.sandbox.SandboxFixture.Response;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Requests shaped exactly like the {@code retell-sdk} TypeScript client's (paths, methods, field
 * names and types, headers), answered in Retell's shapes.
 */
class RetellApiShapesTest {

    private static SandboxServer sandbox;

    @BeforeAll
    static void start() {
        sandbox = new SandboxServer(SandboxFixture.fastSettings(7));
        sandbox.start();
    }

    @AfterAll
    static void stop() {
        sandbox.stop();
    }

    @Test
    void refusesRequestsWithoutABearerApiKey() {
        Response response = new Client(sandbox.baseUrl(), null).get("/list-voices");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body().get("status").asString()).isEqualTo("error");
        assertThat(response.message()).contains("API key");
    }

    @Test
    void createsReadsUpdatesAndDeletesRetellLlmsAndAgents() {
        Client client = Client.newAccount(sandbox);
        ObjectNode llm = object().put("general_prompt", "You are Ava, calling to confirm appointments.")
                .put("begin_message", "Hi {{first_name}}, this is Ava.").put("model", "gpt-4.1-mini");
        llm.putObject("default_dynamic_variables").put("first_name", "there");
        llm.putArray("general_tools").addObject().put("type", "end_call").put("name", "end_call");

        Response created = client.post("/create-retell-llm", llm);

        check(created, 201);
        String llmId = created.body().get("llm_id").asString();
        assertThat(llmId).startsWith("llm_");
        assertThat(created.body().get("version").asInt()).isZero();
        assertThat(created.body().get("last_modification_timestamp").isNumber()).isTrue();
        assertThat(created.body().get("begin_message").asString()).isEqualTo("Hi {{first_name}}, this is Ava.");

        Response updated = client.patch("/update-retell-llm/" + llmId, object().put("begin_message", "Hello!"));
        check(updated, 200);
        assertThat(client.get("/get-retell-llm/" + llmId).body().get("begin_message").asString()).isEqualTo("Hello!");
        assertThat(client.get("/get-retell-llm/" + llmId).body().get("general_prompt").asString())
                .isEqualTo("You are Ava, calling to confirm appointments.");

        ObjectNode agent = object().put("voice_id", "11labs-Adrian").put("agent_name", "Ava")
                .put("webhook_url", "https://example.com/hooks");
        agent.putObject("response_engine").put("type", "retell-llm").put("llm_id", llmId);
        Response createdAgent = client.post("/create-agent", agent);
        check(createdAgent, 201);
        String agentId = createdAgent.body().get("agent_id").asString();
        assertThat(createdAgent.body().get("response_engine").get("llm_id").asString()).isEqualTo(llmId);
        assertThat(createdAgent.body().get("voice_id").asString()).isEqualTo("11labs-Adrian");

        check(client.patch("/update-agent/" + agentId, object().put("agent_name", "Ava 2")), 200);
        assertThat(client.get("/get-agent/" + agentId).body().get("agent_name").asString()).isEqualTo("Ava 2");
        JsonNode agents = client.get("/list-agents").body();
        assertThat(agents.isArray()).isTrue();
        assertThat(agents.get(0).get("agent_id").asString()).isEqualTo(agentId);
        JsonNode page = client.post("/v2/list-agents?limit=10", object()).body();
        assertThat(page.get("items").get(0).get("agent_id").asString()).isEqualTo(agentId);
        assertThat(page.get("has_more").asBoolean()).isFalse();

        assertThat(client.delete("/delete-retell-llm/" + llmId).status()).as("in use by an agent").isEqualTo(400);
        assertThat(client.delete("/delete-agent/" + agentId).status()).isEqualTo(204);
        assertThat(client.get("/get-agent/" + agentId).status()).isEqualTo(422);
        assertThat(client.delete("/delete-retell-llm/" + llmId).status()).isEqualTo(204);
    }

    @Test
    void refusesAnAgentWithAnUnknownVoiceOrLlm() {
        Client client = Client.newAccount(sandbox);
        ObjectNode agent = object().put("voice_id", "11labs-Nobody");
        agent.putObject("response_engine").put("type", "retell-llm").put("llm_id", "llm_missing");

        Response response = client.post("/create-agent", agent);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.message()).contains("llm_id");
    }

    @Test
    void listsARealisticFixedSetOfVoices() {
        JsonNode voices = Client.newAccount(sandbox).get("/list-voices").body();

        assertThat(voices.size()).isGreaterThan(5);
        for (JsonNode voice : voices) {
            assertThat(voice.propertyNames()).contains("voice_id", "voice_name", "provider", "gender", "accent", "age",
                    "preview_audio_url");
        }
    }

    @Test
    void buysImportsUpdatesListsAndDeletesPhoneNumbers() {
        Client client = Client.newAccount(sandbox);
        var setup = client.agentWithNumber("You are calling to say hello.", null, null);

        Response bought = client.get("/get-phone-number/" + setup.number());
        check(bought, 200);
        assertThat(bought.body().get("phone_number").asString()).matches("\\+1415555\\d{4}");
        assertThat(bought.body().get("phone_number_pretty").asString()).startsWith("+1 (415) 555-");
        assertThat(bought.body().get("area_code").asInt()).isEqualTo(415);
        assertThat(bought.body().get("outbound_agent_id").asString()).isEqualTo(setup.agentId());

        Response imported = client.post("/import-phone-number", object().put("phone_number", "+14155550177")
                .put("termination_uri", "someuri.pstn.twilio.com").put("sip_trunk_auth_username", "user")
                .put("sip_trunk_auth_password", "secret").put("nickname", "Imported"));
        check(imported, 201);
        assertThat(imported.body().get("phone_number_type").asString()).isEqualTo("custom");
        assertThat(imported.body().has("sip_trunk_auth_password")).as("secrets are not echoed").isFalse();

        Response updated = client.patch("/update-phone-number/%2B14155550177", object()
                .put("outbound_agent_id", setup.agentId()).put("inbound_agent_id", setup.agentId())
                .put("nickname", "Front desk"));
        check(updated, 200);
        assertThat(updated.body().get("nickname").asString()).isEqualTo("Front desk");
        assertThat(updated.body().get("outbound_agent_id").asString()).isEqualTo(setup.agentId());

        JsonNode plain = client.get("/list-phone-numbers").body();
        assertThat(plain.size()).isEqualTo(2);
        JsonNode page = client.get("/v2/list-phone-numbers?limit=1&sort_order=ascending").body();
        assertThat(page.get("items").size()).isEqualTo(1);
        assertThat(page.get("has_more").asBoolean()).isTrue();
        JsonNode next = client.get("/v2/list-phone-numbers?limit=1&sort_order=ascending&pagination_key="
                + page.get("pagination_key").asString().replace("+", "%2B")).body();
        assertThat(next.get("items").get(0).get("phone_number").asString()).isEqualTo("+14155550177");

        assertThat(client.delete("/delete-phone-number/+14155550177").status()).isEqualTo(204);
        assertThat(client.get("/get-phone-number/+14155550177").status()).isEqualTo(422);
    }

    @Test
    void makesACallThatGreetsThePersonByNameAndStatesThePurposeFromThePrompt() {
        Client client = Client.newAccount(sandbox);
        var setup = client.agentWithNumber("You are Ava from Bright Smiles Dental, calling to remind the customer "
                + "about their appointment on {{appointment_date}}.", null, null);
        ObjectNode request = object().put("from_number", setup.number()).put("to_number", "+14155550001");
        request.putObject("retell_llm_dynamic_variables").put("first_name", "Maria")
                .put("appointment_date", "Friday");
        request.putObject("metadata").put("contact_id", "c-42");

        Response created = client.post("/v2/create-phone-call", request);

        check(created, 201);
        JsonNode call = created.body();
        assertThat(call.get("call_id").asString()).startsWith("call_");
        assertThat(call.get("call_type").asString()).isEqualTo("phone_call");
        assertThat(call.get("direction").asString()).isEqualTo("outbound");
        assertThat(call.get("call_status").asString()).isEqualTo("registered");
        assertThat(call.get("agent_id").asString()).isEqualTo(setup.agentId());
        assertThat(call.get("metadata").get("contact_id").asString()).isEqualTo("c-42");

        JsonNode ended = client.awaitAnalyzed(call.get("call_id").asString());
        assertThat(ended.get("call_status").asString()).isEqualTo("ended");
        assertThat(ended.get("disconnection_reason").asString()).isIn("agent_hangup", "user_hangup");
        assertThat(ended.get("duration_ms").asLong()).isBetween(20_000L, 60_000L);
        assertThat(ended.get("end_timestamp").asLong() - ended.get("start_timestamp").asLong())
                .isEqualTo(ended.get("duration_ms").asLong());
        String transcript = ended.get("transcript").asString();
        assertThat(transcript).startsWith("Agent: ").contains("Maria").contains("Bright Smiles Dental")
                .contains("to remind you about your appointment on Friday");
        JsonNode first = ended.get("transcript_object").get(0);
        assertThat(first.get("role").asString()).isEqualTo("agent");
        assertThat(first.get("words").get(0).get("start").isNumber()).isTrue();
        assertThat(first.get("words").get(0).get("end").asDouble())
                .isGreaterThan(first.get("words").get(0).get("start").asDouble());
        assertThat(ended.get("recording_url").asString()).isEqualTo(sandbox.baseUrl() + "/recordings/"
                + call.get("call_id").asString() + ".wav");
        assertThat(ended.get("call_cost").get("combined_cost").asDouble()).isPositive();
        assertThat(ended.get("call_cost").get("product_costs").size()).isGreaterThan(0);
        JsonNode analysis = ended.get("call_analysis");
        assertThat(analysis.get("call_summary").asString()).contains("Maria");
        assertThat(analysis.get("user_sentiment").asString()).isEqualTo("Positive");
        assertThat(analysis.get("call_successful").asBoolean()).isTrue();
        assertThat(analysis.get("in_voicemail").asBoolean()).isFalse();
        assertThat(analysis.get("custom_analysis_data").get("do_not_call_requested").asBoolean()).isFalse();
        assertThat(analysis.get("custom_analysis_data").get("callback_requested").asBoolean()).isFalse();
    }

    @Test
    void refusesCallsItCannotPlace() {
        Client client = Client.newAccount(sandbox);
        var setup = client.agentWithNumber("You are calling to say hello.", null, null);

        Response badNumber = client.post("/v2/create-phone-call", object().put("from_number", setup.number())
                .put("to_number", "555-0100"));
        assertThat(badNumber.status()).isEqualTo(400);
        assertThat(badNumber.message()).contains("not a valid number").contains("to_number");

        Response notOwned = client.post("/v2/create-phone-call", object().put("from_number", "+14155550199")
                .put("to_number", "+14155550001"));
        assertThat(notOwned.status()).isEqualTo(404);
        assertThat(notOwned.message()).contains("from_number");

        Response noAgentNumber = client.post("/create-phone-number", object().put("area_code", 212));
        check(noAgentNumber, 201);
        Response noAgent = client.post("/v2/create-phone-call", object()
                .put("from_number", noAgentNumber.body().get("phone_number").asString())
                .put("to_number", "+14155550001"));
        assertThat(noAgent.status()).isEqualTo(400);
        assertThat(noAgent.message()).contains("agent");

        Response withOverride = client.post("/v2/create-phone-call", object()
                .put("from_number", noAgentNumber.body().get("phone_number").asString())
                .put("to_number", "+14155550001").put("override_agent_id", setup.agentId()));
        check(withOverride, 201);
    }

    @Test
    void keepsEachApiKeysResourcesApart() {
        Client alice = Client.newAccount(sandbox);
        Client bob = Client.newAccount(sandbox);
        var setup = alice.agentWithNumber("You are calling to say hello.", null, null);

        assertThat(bob.get("/get-agent/" + setup.agentId()).status()).isEqualTo(422);
        assertThat(bob.get("/list-phone-numbers").body().size()).isZero();
        Response call = bob.post("/v2/create-phone-call", object().put("from_number", setup.number())
                .put("to_number", "+14155550001"));
        assertThat(call.status()).isEqualTo(404);
    }

    @Test
    void getsAndListsCallsWithFiltersSortingAndPagination() {
        Client client = Client.newAccount(sandbox);
        var setup = client.agentWithNumber("You are calling to say hello.", null, null);
        String answered = client.call(setup.number(), "+14155550001");
        String busy = client.call(setup.number(), "+14155550004");
        client.awaitAnalyzed(answered);
        client.awaitAnalyzed(busy);

        ObjectNode v2 = object().put("sort_order", "ascending").put("limit", 10);
        v2.putObject("filter_criteria").putArray("disconnection_reason").add("dial_busy");
        JsonNode v2List = client.post("/v2/list-calls", v2).body();
        assertThat(v2List.isArray()).isTrue();
        assertThat(v2List.size()).isEqualTo(1);
        assertThat(v2List.get(0).get("call_id").asString()).isEqualTo(busy);
        assertThat(v2List.get(0).get("call_status").asString()).isEqualTo("not_connected");

        ObjectNode v3 = object().put("limit", 1).put("include_total", true);
        v3.putObject("filter_criteria").putArray("agent").addObject().put("agent_id", setup.agentId());
        JsonNode firstPage = client.post("/v3/list-calls", v3).body();
        assertThat(firstPage.get("items").size()).isEqualTo(1);
        assertThat(firstPage.get("has_more").asBoolean()).isTrue();
        assertThat(firstPage.get("total").asInt()).isEqualTo(2);
        assertThat(firstPage.get("items").get(0).has("transcript")).isFalse();
        v3.put("pagination_key", firstPage.get("pagination_key").asString());
        JsonNode secondPage = client.post("/v3/list-calls", v3).body();
        assertThat(secondPage.get("items").size()).isEqualTo(1);
        assertThat(secondPage.get("has_more").asBoolean()).isFalse();
        assertThat(secondPage.get("items").get(0).get("call_id").asString())
                .isNotEqualTo(firstPage.get("items").get(0).get("call_id").asString());

        ObjectNode sentiment = object();
        sentiment.putObject("filter_criteria").putObject("user_sentiment").put("type", "enum").put("op", "in")
                .putArray("value").add("Positive");
        JsonNode positive = client.post("/v3/list-calls", sentiment).body();
        assertThat(positive.get("items").size()).isEqualTo(1);
        assertThat(positive.get("items").get(0).get("call_id").asString()).isEqualTo(answered);

        ObjectNode v2FormOnV3 = object();
        v2FormOnV3.putObject("filter_criteria").putArray("batch_call_id").add("batch_call_123");
        var refused = client.post("/v3/list-calls", v2FormOnV3);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.message()).contains("batch_call_id").contains("/v2/list-calls");

        assertThat(client.get("/v2/get-call/call_doesnotexist").status()).isEqualTo(404);
    }

    @Test
    void createsABatchCallAsTheSdkSendsIt() {
        Client client = Client.newAccount(sandbox);
        var setup = client.agentWithNumber("You are calling to say hello to {{first_name}}.", null, null);
        ObjectNode batch = object().put("from_number", setup.number()).put("name", "Spring reminders")
                .put("trigger_timestamp", System.currentTimeMillis()).put("reserved_concurrency", 2);
        var tasks = batch.putArray("tasks");
        tasks.addObject().put("to_number", "+14155550001").putObject("retell_llm_dynamic_variables")
                .put("first_name", "Maria");
        tasks.addObject().put("to_number", "+14155550003").put("override_agent_id", setup.agentId());
        ObjectNode window = batch.putObject("call_time_window").put("timezone", "America/New_York");
        window.putArray("windows").addObject().put("start", 0).put("end", 1440);

        Response created = client.post("/create-batch-call", batch);

        check(created, 201);
        JsonNode body = created.body();
        assertThat(body.get("batch_call_id").asString()).startsWith("batch_call_");
        assertThat(body.get("name").asString()).isEqualTo("Spring reminders");
        assertThat(body.get("from_number").asString()).isEqualTo(setup.number());
        assertThat(body.get("total_task_count").asInt()).isEqualTo(2);
        assertThat(body.get("scheduled_timestamp").isNumber()).isTrue();
        assertThat(body.get("call_time_window").get("windows").get(0).get("end").asInt()).isEqualTo(1440);
        assertThat(body.get("call_time_window").get("timezone").asString()).isEqualTo("America/New_York");

        String id = body.get("batch_call_id").asString();
        SandboxFixture.await(Duration.ofSeconds(20), () -> "completed".equals(
                client.get("/sandbox/batch-calls/" + id).body().get("status").asString()));
        JsonNode progress = client.get("/sandbox/batch-calls/" + id).body();
        assertThat(progress.get("counts").get("ended").asInt()).isEqualTo(1);
        assertThat(progress.get("counts").get("not_connected").asInt()).isEqualTo(1);

        ObjectNode filter = object();
        filter.putObject("filter_criteria").putObject("batch_call_id").put("type", "string").put("op", "eq")
                .put("value", id);
        JsonNode calls = client.post("/v3/list-calls", filter).body().get("items");
        assertThat(calls.size()).isEqualTo(2);
        JsonNode maria = client.get("/v2/get-call/" + progress.get("call_ids").get(0).asString()).body();
        assertThat(maria.get("retell_llm_dynamic_variables").get("first_name").asString()).isEqualTo("Maria");
        assertThat(maria.get("transcript").asString()).contains("Maria");
    }

    @Test
    void refusesABatchWithAnInvalidNumberOrTooMuchReservedConcurrency() {
        Client client = Client.newAccount(sandbox);
        var setup = client.agentWithNumber("You are calling to say hello.", null, null);
        ObjectNode batch = object().put("from_number", setup.number());
        batch.putArray("tasks").addObject().put("to_number", "+1415");

        Response invalid = client.post("/create-batch-call", batch);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.message()).contains("tasks[0].to_number").contains("not a valid number");

        batch.putArray("tasks").addObject().put("to_number", "+14155550001");
        batch.put("reserved_concurrency", 20);
        Response reserved = client.post("/create-batch-call", batch);
        assertThat(reserved.status()).isEqualTo(400);
        assertThat(reserved.message()).contains("reserved_concurrency");
    }

    @Test
    void reportsConcurrencyLikeRetell() {
        JsonNode concurrency = Client.newAccount(sandbox).get("/get-concurrency").body();

        assertThat(concurrency.get("current_concurrency").asInt()).isZero();
        assertThat(concurrency.get("concurrency_limit").asInt()).isEqualTo(20);
        assertThat(concurrency.propertyNames()).contains("base_concurrency", "purchased_concurrency",
                "concurrency_purchase_limit", "remaining_purchase_limit", "concurrency_burst_enabled");
    }
}
