package dev.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Organization A's administrator (and A's API key with every scope) cannot see or touch
 * organization B's settings, members, invitations or audit events: lists leave B out and B's
 * ids are not found. No answer carries B's data.
 */
@SwitchboardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrganizationCrossTenantApiTest {

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    Api api;
    OrganizationFixture fixture;
    Api.Account adminA;
    Api.Account adminB;
    UUID memberB;
    String memberBEmail;
    UUID invitationB;
    String inviteeB;
    List<RequestPostProcessor> callersFromA;

    @BeforeAll
    void twoOrganizations() {
        api = new Api(mvc);
        fixture = new OrganizationFixture(api, database);
        adminA = api.signUp("Tenant A");
        adminB = api.signUp("Tenant B Secret Name");
        memberBEmail = Api.uniqueEmail("b-member");
        memberB = fixture.passiveMember(adminB.organizationId(), Role.MANAGER, memberBEmail, "Bea B-Member");
        inviteeB = Api.uniqueEmail("b-invitee");
        invitationB = UUID.fromString(Api.json(api.perform(post("/api/v1/organization/invitations").with(adminB.bearer())
                .contentType(MediaType.APPLICATION_JSON).content(Api.body(Map.of("email", inviteeB, "role", "viewer")))),
                201).get("id").asString());
        Api.json(api.perform(patch("/api/v1/organization/members/" + memberB).with(adminB.bearer())
                .contentType(MediaType.APPLICATION_JSON).content(Api.body(Map.of("role", "viewer")))), 200);
        String keyA = fixture.apiKey(adminA.organizationId(), adminA.userId(), Permission.values());
        callersFromA = List.of(adminA.bearer(), OrganizationFixture.apiKey(keyA));
    }

    @Test
    void settingsAreOnlyTheCallersOwn() {
        for (RequestPostProcessor caller : callersFromA) {
            JsonNode organization = Api.json(api.perform(get("/api/v1/organization").with(caller)), 200);
            assertThat(organization.get("id").asString()).isEqualTo(adminA.organizationId().toString());
            assertNoTraceOfB(organization);
        }
        Api.json(api.perform(patch("/api/v1/organization").with(adminA.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("name", "Tenant A renamed")))), 200);
        String nameOfB = fixture.owner().sql("select name from organizations where id = ?").param(adminB.organizationId())
                .query(String.class).single();
        assertThat(nameOfB).isEqualTo("Tenant B Secret Name");
    }

    @Test
    void membersOfBAreNeitherListedNorFoundNorChangeable() {
        for (RequestPostProcessor caller : callersFromA) {
            JsonNode all = Api.json(api.perform(get("/api/v1/organization/members").with(caller)), 200);
            assertThat(ids(all, "userId")).doesNotContain(memberB.toString(), adminB.userId().toString());
            assertNoTraceOfB(all);
            JsonNode searched = Api.json(api.perform(get("/api/v1/organization/members").param("q", memberBEmail)
                    .with(caller)), 200);
            assertThat(searched.get("items")).isEmpty();

            for (UUID userOfB : List.of(memberB, adminB.userId())) {
                assertNotFound(api.perform(get("/api/v1/organization/members/" + userOfB).with(caller)));
                assertNotFound(api.perform(patch("/api/v1/organization/members/" + userOfB).with(caller)
                        .contentType(MediaType.APPLICATION_JSON).content(Api.body(Map.of("role", "admin")))));
                assertNotFound(api.perform(delete("/api/v1/organization/members/" + userOfB).with(caller)));
            }
        }
        assertThat(fixture.roleOf(adminB.organizationId(), memberB)).isEqualTo("viewer");
        assertThat(fixture.roleOf(adminB.organizationId(), adminB.userId())).isEqualTo("admin");
        assertThat(fixture.roleOf(adminA.organizationId(), memberB)).isNull();
    }

    @Test
    void invitationsOfBAreNeitherListedNorRevocable() {
        for (RequestPostProcessor caller : callersFromA) {
            JsonNode pending = Api.json(api.perform(get("/api/v1/organization/invitations").with(caller)), 200);
            assertThat(ids(pending, "id")).doesNotContain(invitationB.toString());
            assertNoTraceOfB(pending);
            assertNotFound(api.perform(delete("/api/v1/organization/invitations/" + invitationB).with(caller)));
        }
        boolean stillPending = fixture.owner().sql("select revoked_at is null from invitations where id = ?")
                .param(invitationB).query(Boolean.class).single();
        assertThat(stillPending).isTrue();
    }

    @Test
    void auditEventsOfBAreNeverShown() {
        for (RequestPostProcessor caller : callersFromA) {
            JsonNode all = Api.json(api.perform(get("/api/v1/audit-events").param("limit", "200").with(caller)), 200);
            assertThat(all.get("items")).isNotEmpty();
            assertNoTraceOfB(all);
            assertThat(Api.json(api.perform(get("/api/v1/audit-events").param("actorUserId", adminB.userId().toString())
                    .with(caller)), 200).get("items")).isEmpty();
            assertThat(Api.json(api.perform(get("/api/v1/audit-events").param("targetId", invitationB.toString())
                    .with(caller)), 200).get("items")).isEmpty();
            assertThat(Api.json(api.perform(get("/api/v1/audit-events").param("targetId", memberB.toString())
                    .with(caller)), 200).get("items")).isEmpty();
        }
        JsonNode ofB = Api.json(api.perform(get("/api/v1/audit-events").param("targetId", invitationB.toString())
                .with(adminB.bearer())), 200);
        assertThat(ofB.get("items")).hasSize(1);
    }

    private void assertNoTraceOfB(JsonNode body) {
        String text = body.toString();
        assertThat(text).doesNotContain(adminB.organizationId().toString(), adminB.userId().toString(),
                adminB.email(), memberB.toString(), memberBEmail, invitationB.toString(), inviteeB, "Tenant B Secret Name");
    }

    /** Answered exactly as for an id that never existed: only the echoed path and request id differ. */
    private void assertNotFound(MvcResult result) {
        ObjectNode problem = (ObjectNode) Api.json(result, 404);
        assertThat(problem.get("type").asString()).isEqualTo("/problems/not-found");
        problem.remove(List.of("instance", "requestId"));
        assertThat(problem.propertyNames()).containsExactlyInAnyOrder("type", "title", "status", "detail");
        assertNoTraceOfB(problem);
    }

    private static List<String> ids(JsonNode page, String field) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(i -> ids.add(i.get(field).asString()));
        return ids;
    }
}
