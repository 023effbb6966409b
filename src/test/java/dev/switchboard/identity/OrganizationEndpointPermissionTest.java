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
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

/**
 * Every organization-management endpoint answers 2xx to the roles and API-key scopes that hold
 * its permission and 403 to the others.
 */
@SwitchboardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrganizationEndpointPermissionTest {

    /** What one endpoint needs: a fresh request (with its own target) and its success status. */
    record Endpoint(String name, Permission needs, Set<Role> allowed, int success,
                    Function<OrganizationEndpointPermissionTest, MockHttpServletRequestBuilder> request) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Set<Role> EVERYONE = EnumSet.allOf(Role.class);
    private static final Set<Role> ADMINS = EnumSet.of(Role.ADMIN);

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET /organization", Permission.ORGANIZATION_READ, EVERYONE, 200,
                    t -> get("/api/v1/organization")),
            new Endpoint("PATCH /organization", Permission.SETTINGS_MANAGE, ADMINS, 200,
                    t -> json(patch("/api/v1/organization"), Map.of("name", "Renamed " + UUID.randomUUID()))),
            new Endpoint("GET /organization/members", Permission.ORGANIZATION_READ, EVERYONE, 200,
                    t -> get("/api/v1/organization/members")),
            new Endpoint("GET /organization/members/{id}", Permission.ORGANIZATION_READ, EVERYONE, 200,
                    t -> get("/api/v1/organization/members/" + t.admin.userId())),
            new Endpoint("PATCH /organization/members/{id}", Permission.MEMBERS_MANAGE, ADMINS, 200,
                    t -> json(patch("/api/v1/organization/members/" + t.target()), Map.of("role", "manager"))),
            new Endpoint("DELETE /organization/members/{id}", Permission.MEMBERS_MANAGE, ADMINS, 204,
                    t -> delete("/api/v1/organization/members/" + t.target())),
            new Endpoint("POST /organization/invitations", Permission.MEMBERS_MANAGE, ADMINS, 201,
                    t -> json(post("/api/v1/organization/invitations"),
                            Map.of("email", Api.uniqueEmail("invitee"), "role", "viewer"))),
            new Endpoint("GET /organization/invitations", Permission.MEMBERS_MANAGE, ADMINS, 200,
                    t -> get("/api/v1/organization/invitations")),
            new Endpoint("DELETE /organization/invitations/{id}", Permission.MEMBERS_MANAGE, ADMINS, 204,
                    t -> delete("/api/v1/organization/invitations/" + t.invitation())),
            new Endpoint("GET /audit-events", Permission.AUDIT_READ, ADMINS, 200,
                    t -> get("/api/v1/audit-events")));

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    Api api;
    OrganizationFixture fixture;
    Api.Account admin;
    Map<Role, Api.Account> members;

    @BeforeAll
    void oneOrganizationWithEveryRole() {
        api = new Api(mvc);
        fixture = new OrganizationFixture(api, database);
        admin = api.signUp("Permissions Co");
        members = Map.of(Role.ADMIN, admin, Role.MANAGER, fixture.member(admin, Role.MANAGER),
                Role.VIEWER, fixture.member(admin, Role.VIEWER));
    }

    static Stream<Arguments> endpointsByRole() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : ENDPOINTS) {
            for (Role role : Role.values()) {
                cases.add(Arguments.of(endpoint, role));
            }
        }
        return cases.stream();
    }

    static Stream<Endpoint> endpoints() {
        return ENDPOINTS.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("endpointsByRole")
    void membersGetWhatTheirRoleAllows(Endpoint endpoint, Role role) {
        MvcResult result = api.perform(endpoint.request().apply(this).with(members.get(role).bearer()));
        if (endpoint.allowed().contains(role)) {
            Api.json(result, endpoint.success());
        } else {
            JsonNode problem = Api.json(result, 403);
            assertThat(problem.get("type").asString()).isEqualTo("/problems/forbidden");
            assertThat(problem.get("detail").asString()).contains(endpoint.needs().scope());
        }
    }

    @ParameterizedTest(name = "{0} with only its scope")
    @MethodSource("endpoints")
    void apiKeyWithTheNeededScopeIsAllowed(Endpoint endpoint) {
        String key = fixture.apiKey(admin.organizationId(), admin.userId(), endpoint.needs());
        Api.json(api.perform(endpoint.request().apply(this).with(OrganizationFixture.apiKey(key))), endpoint.success());
    }

    @ParameterizedTest(name = "{0} with every scope but its own")
    @MethodSource("endpoints")
    void apiKeyWithoutTheNeededScopeIsForbidden(Endpoint endpoint) {
        Permission[] others = EnumSet.complementOf(EnumSet.of(endpoint.needs())).toArray(Permission[]::new);
        String key = fixture.apiKey(admin.organizationId(), admin.userId(), others);
        JsonNode problem = Api.json(api.perform(endpoint.request().apply(this).with(OrganizationFixture.apiKey(key))), 403);
        assertThat(problem.get("detail").asString()).contains("lacks the scope '" + endpoint.needs().scope() + "'");
    }

    /** A fresh viewer to change or remove. */
    private UUID target() {
        return fixture.passiveMember(admin.organizationId(), Role.VIEWER);
    }

    /** A fresh pending invitation to revoke. */
    private UUID invitation() {
        JsonNode created = Api.json(api.perform(json(post("/api/v1/organization/invitations"),
                Map.of("email", Api.uniqueEmail("pending"), "role", "viewer")).with(admin.bearer())), 201);
        return UUID.fromString(created.get("id").asString());
    }

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, Object body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(Api.body(body));
    }
}
