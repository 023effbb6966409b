package dev.switchboard.agents;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import dev.switchboard.testing.Vendors;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/** Agents: validated on save, answered at once, synced to the provider in the background. */
@SwitchboardTest
class AgentsTest {

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    Api api;
    Api.Account admin;

    @BeforeEach
    void setUp() {
        api = new Api(mvc);
        admin = api.signUp("Agents Co");
        Vendors.server().resetAll();
        Vendors.server().stubFor(get(urlEqualTo("/sandbox/list-voices")).willReturn(json(
                "[{\"voice_id\":\"sandbox-ava\",\"voice_name\":\"Ava\",\"provider\":\"sandbox\"}]")));
    }

    @Test
    void savedAgentSyncsToTheProviderInTheBackground() {
        Vendors.server().stubFor(post(urlEqualTo("/sandbox/create-retell-llm")).willReturn(json("{\"llm_id\":\"llm_7\"}")));
        Vendors.server().stubFor(post(urlEqualTo("/sandbox/create-agent")).willReturn(json("{\"agent_id\":\"agent_7\"}")));
        JsonNode created = Api.json(create(Map.of("name", "Reminder line", "type", "appointment",
                "promptTemplate", "Remind {{first_name}} about {{appointment_date}} and {{loyalty_tier}}",
                "beginMessage", "Hello {{first_name}}")), 201);
        assertThat(created.get("sync").get("status").asString()).isEqualTo("pending");
        assertThat(created.get("variables").toString()).contains("first_name", "appointment_date", "loyalty_tier");
        assertThat(created.get("unknownVariables").toString()).isEqualTo("[\"loyalty_tier\"]");

        JsonNode synced = waitFor(created.get("id").asString(), a -> a.get("sync").get("status").asString().equals("synced"));
        assertThat(synced.get("sync").get("providerAgentId").asString()).isEqualTo("agent_7");
        assertThat(synced.get("sync").get("provider").asString()).isEqualTo("sandbox");
        Vendors.server().verify(postRequestedFor(urlEqualTo("/sandbox/create-agent"))
                .withRequestBody(matchingJsonPath("$.voice_id", equalTo("sandbox-ava")))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.notContaining("webhook_url")));

        Vendors.server().stubFor(patch(urlPathMatching("/sandbox/update-.*")).willReturn(json("{}")));
        Api.json(api.perform(put("/api/v1/agents/" + created.get("id").asString()).with(admin.bearer())
                .contentType(MediaType.APPLICATION_JSON).content(Api.body(Map.of("name", "Reminder line",
                        "promptTemplate", "A new prompt", "voiceId", "sandbox-ava", "status", "active")))), 200);
        waitFor(created.get("id").asString(), a -> a.get("version").asInt() == 2 && a.get("sync").get("status").asString().equals("synced"));
        Vendors.server().verify(patchRequestedFor(urlEqualTo("/sandbox/update-retell-llm/llm_7"))
                .withRequestBody(matchingJsonPath("$.general_prompt", equalTo("A new prompt"))));
    }

    @Test
    void aProviderThatKeepsFailingLeavesTheAgentFailedWithItsMessage() {
        Vendors.server().stubFor(post(urlEqualTo("/sandbox/create-retell-llm")).willReturn(aResponse().withStatus(400)
                .withBody("{\"message\":\"general_prompt is too long for this plan\"}")));
        JsonNode created = Api.json(create(Map.of("name", "Doomed", "promptTemplate", "Hi")), 201);
        JsonNode failed = waitFor(created.get("id").asString(), a -> a.get("sync").get("status").asString().equals("failed"),
                Duration.ofSeconds(40));
        assertThat(failed.get("sync").get("error").asString()).contains("too long for this plan");
    }

    @Test
    void invalidAgentsAreRefusedFieldByField() {
        JsonNode problem = Api.json(create(Map.of("name", "", "type", "robot", "promptTemplate", "Hi {{first name}}",
                "status", "active", "tools", List.of(Map.of("name", "Book!", "url", "ftp://x")))), 422);
        List<String> fields = problem.get("errors").findValuesAsString("field");
        assertThat(fields).contains("name", "type", "promptTemplate", "voiceId", "tools[0].name", "tools[0].description", "tools[0].url");

        JsonNode flow = Api.json(create(Map.of("name", "Flowy", "promptTemplate", "Hi", "conversationFlow", Map.of(
                "nodes", List.of(Map.of("id", "s", "type", "start"), Map.of("id", "a", "type", "ask"),
                        Map.of("id", "t", "type", "tool", "tool", "missing"), Map.of("id", "x", "type", "teleport")),
                "edges", List.of(Map.of("from", "s", "to", "a"), Map.of("from", "a", "to", "nowhere"))))), 422);
        List<String> flowFields = flow.get("errors").findValuesAsString("field");
        assertThat(flowFields).contains("conversationFlow.nodes[1].text", "conversationFlow.nodes[2].tool",
                "conversationFlow.nodes[3].type", "conversationFlow.edges[1].to");
    }

    @Test
    void validFlowsAreKeptAndRenderedIntoThePrompt() {
        Vendors.server().stubFor(post(urlEqualTo("/sandbox/create-retell-llm")).willReturn(json("{\"llm_id\":\"llm_f\"}")));
        Vendors.server().stubFor(post(urlEqualTo("/sandbox/create-agent")).willReturn(json("{\"agent_id\":\"agent_f\"}")));
        JsonNode created = Api.json(create(Map.of("name", "Booker", "promptTemplate", "You book visits.",
                "tools", List.of(Map.of("name", "book_slot", "description", "Books a slot", "url", "https://sb.example/tools/book")),
                "conversationFlow", Map.of("nodes", List.of(Map.of("id", "start", "type", "start"),
                        Map.of("id", "ask", "type", "ask", "text", "When would you like to come?"),
                        Map.of("id", "book", "type", "tool", "tool", "book_slot"), Map.of("id", "bye", "type", "end")),
                        "edges", List.of(Map.of("from", "start", "to", "ask"), Map.of("from", "ask", "to", "book"),
                                Map.of("from", "book", "to", "bye"))))), 201);
        waitFor(created.get("id").asString(), a -> a.get("sync").get("status").asString().equals("synced"));
        Vendors.server().verify(postRequestedFor(urlEqualTo("/sandbox/create-retell-llm"))
                .withRequestBody(matchingJsonPath("$.general_prompt", com.github.tomakehurst.wiremock.client.WireMock
                        .containing("Ask: When would you like to come?")))
                .withRequestBody(matchingJsonPath("$.general_tools[0].name", equalTo("book_slot"))));
    }

    @Test
    void namesAreUniquePerOrganizationAndViewersCannotEdit() {
        Api.json(create(Map.of("name", "Twin", "promptTemplate", "Hi")), 201);
        JsonNode taken = Api.json(create(Map.of("name", "twin", "promptTemplate", "Hi")), 409);
        assertThat(taken.get("errors").get(0).get("field").asString()).isEqualTo("name");
        Api.Account other = api.signUp("Other agents");
        Api.json(api.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/agents")
                .with(other.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("name", "Twin", "promptTemplate", "Hi")))), 201);
        Api.Account viewer = api.signUp("viewer home");
        database.owner().sql("insert into memberships (organization_id, user_id, role) values (?, ?, 'viewer')")
                .params(admin.organizationId(), viewer.userId()).update();
        Api.Account asViewer = api.signIn(viewer.email(), viewer.password(), admin.organizationId());
        Api.json(api.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/agents")
                .with(asViewer.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("name", "Nope", "promptTemplate", "Hi")))), 403);
        JsonNode list = Api.json(api.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .get("/api/v1/agents").with(asViewer.bearer())), 200);
        assertThat(list.get("items").size()).isEqualTo(1);
    }

    @Test
    void listsFilterSortAndPage() {
        for (String name : List.of("Charlie", "alpha", "Bravo")) {
            Api.json(create(Map.of("name", name, "promptTemplate", "Hi", "type", name.equals("Bravo") ? "sales" : "custom")), 201);
        }
        JsonNode byName = Api.json(api.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .get("/api/v1/agents").param("sort", "name").param("limit", "2").with(admin.bearer())), 200);
        assertThat(byName.get("items").findValuesAsString("name")).containsExactly("alpha", "Bravo");
        JsonNode next = Api.json(api.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .get("/api/v1/agents").param("sort", "name").param("limit", "2")
                .param("cursor", byName.get("nextCursor").asString()).with(admin.bearer())), 200);
        assertThat(next.get("items").findValuesAsString("name")).containsExactly("Charlie");
        JsonNode sales = Api.json(api.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .get("/api/v1/agents").param("type", "sales").with(admin.bearer())), 200);
        assertThat(sales.get("items").findValuesAsString("name")).containsExactly("Bravo");
        Api.json(api.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .get("/api/v1/agents").param("sort", "mood").with(admin.bearer())), 400);
    }

    @Test
    void anAgentInUseCannotBeDeleted() {
        JsonNode created = Api.json(create(Map.of("name", "Busy", "promptTemplate", "Hi")), 201);
        TestAgentUsage.markUsed(java.util.UUID.fromString(created.get("id").asString()), "the running campaign Spring recall");
        JsonNode problem = Api.json(api.perform(delete("/api/v1/agents/" + created.get("id").asString()).with(admin.bearer())), 409);
        assertThat(problem.get("type").asString()).isEqualTo("/problems/agent-in-use");
        assertThat(problem.get("detail").asString()).contains("Spring recall").contains("then delete the agent");
    }

    @Test
    void anotherOrganizationCannotReadChangeOrDeleteAnAgent() {
        JsonNode created = Api.json(create(Map.of("name", "Private", "promptTemplate", "Hi")), 201);
        String id = created.get("id").asString();
        Api.Account other = api.signUp("Snoop Co");
        Api.json(api.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/agents/" + id)
                .with(other.bearer())), 404);
        Api.json(api.perform(put("/api/v1/agents/" + id).with(other.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("name", "Mine", "promptTemplate", "x")))), 404);
        Api.json(api.perform(delete("/api/v1/agents/" + id).with(other.bearer())), 404);
        Api.json(api.perform(delete("/api/v1/agents/" + id).with(admin.bearer())), 204);
        Api.json(api.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/agents/" + id)
                .with(admin.bearer())), 404);
    }

    @Test
    void promptPreviewFillsVariablesAndVoicesComeFromTheProvider() {
        JsonNode preview = Api.json(api.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/api/v1/agents/preview").with(admin.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("promptTemplate", "Hi {{first_name}}, {{mystery}}", "values", Map.of("first_name", "Ann"))))), 200);
        assertThat(preview.get("rendered").asString()).isEqualTo("Hi Ann, {{mystery}}");
        assertThat(preview.get("unknownVariables").toString()).isEqualTo("[\"mystery\"]");
        JsonNode voices = Api.json(api.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .get("/api/v1/agents/voices").with(admin.bearer())), 200);
        assertThat(voices.get("items").get(0).get("id").asString()).isEqualTo("sandbox-ava");
    }

    private MvcResult create(Map<String, ?> body) {
        return api.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/agents")
                .with(admin.bearer()).contentType(MediaType.APPLICATION_JSON).content(Api.body(body)));
    }

    private JsonNode waitFor(String id, Predicate<JsonNode> condition) {
        return waitFor(id, condition, Duration.ofSeconds(15));
    }

    private JsonNode waitFor(String id, Predicate<JsonNode> condition, Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        JsonNode agent;
        do {
            agent = Api.json(api.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                    .get("/api/v1/agents/" + id).with(admin.bearer())), 200);
            if (condition.test(agent)) {
                return agent;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("Agent never reached the expected state: " + agent);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}
