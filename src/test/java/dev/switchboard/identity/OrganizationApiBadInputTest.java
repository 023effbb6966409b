package dev.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

/** Malformed or invalid requests answer 4xx problem+json that names the field and what it must be. */
@SwitchboardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrganizationApiBadInputTest {

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    Api api;
    Api.Account admin;
    UUID viewer;

    @BeforeAll
    void setUp() {
        api = new Api(mvc);
        admin = api.signUp("Bad Input Co");
        viewer = new OrganizationFixture(api, database).passiveMember(admin.organizationId(), Role.VIEWER);
    }

    @Test
    void malformedJsonIsABadRequest() {
        for (MockHttpServletRequestBuilder request : new MockHttpServletRequestBuilder[] {
                patch("/api/v1/organization"), patch("/api/v1/organization/members/" + viewer),
                post("/api/v1/organization/invitations")}) {
            JsonNode problem = problem(send(request, "{\"name\": "), 400);
            assertThat(problem.get("type").asString()).isEqualTo("/problems/malformed-json");
        }
    }

    @Test
    void aMissingBodyIsABadRequest() {
        JsonNode problem = problem(api.perform(patch("/api/v1/organization/members/" + viewer).with(admin.bearer())
                .contentType(MediaType.APPLICATION_JSON)), 400);
        assertThat(problem.get("detail").asString()).contains("JSON object");
    }

    @Test
    void aFieldOfTheWrongTypeIsNamed() {
        JsonNode problem = problem(send(patch("/api/v1/organization"), "{\"name\": [\"A\", \"B\"]}"), 400);
        assertThat(field(problem)).isEqualTo("name");
    }

    @Test
    void anUnknownRoleListsTheValidOnes() {
        JsonNode change = problem(send(patch("/api/v1/organization/members/" + viewer), "{\"role\": \"owner\"}"), 422);
        assertThat(field(change)).isEqualTo("role");
        assertThat(change.get("errors").get(0).get("message").asString()).isEqualTo("must be one of admin, manager, viewer");
        JsonNode invite = problem(send(post("/api/v1/organization/invitations"),
                "{\"email\": \"someone@example.com\", \"role\": \"superuser\"}"), 422);
        assertThat(field(invite)).isEqualTo("role");
        assertThat(invite.get("detail").asString()).contains("admin, manager, viewer");
        JsonNode filter = problem(api.perform(get("/api/v1/organization/members").param("role", "boss")
                .with(admin.bearer())), 422);
        assertThat(field(filter)).isEqualTo("role");
    }

    @Test
    void missingFieldsAreNamed() {
        assertThat(field(problem(send(patch("/api/v1/organization/members/" + viewer), "{}"), 422))).isEqualTo("role");
        assertThat(field(problem(send(post("/api/v1/organization/invitations"), "{\"role\": \"viewer\"}"), 422)))
                .isEqualTo("email");
        assertThat(field(problem(send(post("/api/v1/organization/invitations"), "{\"email\": \"x@example.com\"}"), 422)))
                .isEqualTo("role");
        assertThat(field(problem(send(post("/api/v1/organization/invitations"),
                "{\"email\": \"not an address\", \"role\": \"viewer\"}"), 422))).isEqualTo("email");
    }

    @Test
    void anInvalidIdInThePathIsNamed() {
        JsonNode member = problem(send(patch("/api/v1/organization/members/not-a-uuid"), "{\"role\": \"viewer\"}"), 400);
        assertThat(field(member)).isEqualTo("userId");
        assertThat(member.get("detail").asString()).contains("must be a UUID");
        assertThat(field(problem(api.perform(delete("/api/v1/organization/members/42").with(admin.bearer())), 400)))
                .isEqualTo("userId");
        assertThat(field(problem(api.perform(delete("/api/v1/organization/invitations/42").with(admin.bearer())), 400)))
                .isEqualTo("invitationId");
    }

    @Test
    void invalidQueryParametersAreNamed() {
        assertThat(field(problem(api.perform(get("/api/v1/organization/members").param("limit", "0")
                .with(admin.bearer())), 422))).isEqualTo("limit");
        assertThat(field(problem(api.perform(get("/api/v1/organization/members").param("cursor", "garbage")
                .with(admin.bearer())), 400))).isEqualTo("cursor");
        assertThat(field(problem(api.perform(get("/api/v1/organization/members").param("q", "x".repeat(101))
                .with(admin.bearer())), 422))).isEqualTo("q");
        JsonNode from = problem(api.perform(get("/api/v1/audit-events").param("from", "yesterday").with(admin.bearer())), 400);
        assertThat(field(from)).isEqualTo("from");
        assertThat(from.get("detail").asString()).contains("ISO-8601");
        assertThat(field(problem(api.perform(get("/api/v1/audit-events").param("actorUserId", "me")
                .with(admin.bearer())), 400))).isEqualTo("actorUserId");
        assertThat(field(problem(api.perform(get("/api/v1/audit-events").param("from", "2026-02-01T00:00:00Z")
                .param("to", "2026-01-01T00:00:00Z").with(admin.bearer())), 422))).isEqualTo("to");
        assertThat(field(problem(api.perform(get("/api/v1/organization/invitations").param("limit", "201")
                .with(admin.bearer())), 422))).isEqualTo("limit");
    }

    @Test
    void aSettingsChangeWithoutAnyKnownFieldIsRefused() {
        JsonNode problem = problem(send(patch("/api/v1/organization"), "{\"nmae\": \"Typo Co\"}"), 422);
        assertThat(problem.get("detail").asString()).contains("name, timeZone and defaultRegion");
    }

    @Test
    void aBodyThatIsNotJsonIsUnsupported() {
        JsonNode problem = problem(api.perform(post("/api/v1/organization/invitations").with(admin.bearer())
                .contentType(MediaType.TEXT_PLAIN).content("email=x@example.com")), 415);
        assertThat(problem.get("detail").asString()).contains("application/json");
    }

    private MvcResult send(MockHttpServletRequestBuilder request, String json) {
        return api.perform(request.with(admin.bearer()).contentType(MediaType.APPLICATION_JSON).content(json));
    }

    private static JsonNode problem(MvcResult result, int status) {
        assertThat(result.getResponse().getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        return Api.json(result, status);
    }

    private static String field(JsonNode problem) {
        assertThat(problem.get("errors")).as("field errors of " + problem).isNotNull();
        return problem.get("errors").get(0).get("field").asString();
    }
}
