package dev.switchboard.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import dev.switchboard.testing.Vendors;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

@SwitchboardTest
class PhoneNumbersTest {

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    Api api;
    Api.Account operator;
    Api.Account customer;

    @BeforeEach
    void setUp() {
        Vendors.server().resetAll();
        api = new Api(mvc);
        operator = api.signUp("Numbers Operator");
        database.owner().sql("update users set platform_role = 'platform_admin' where id = ?").param(operator.userId()).update();
        customer = api.signUp("Numbers Customer");
    }

    @Test
    void administratorsAddNumbersInE164AndRefuseDuplicatesAndGarbage() {
        String national = "(415) 555-" + (1000 + ThreadLocalRandom.current().nextInt(8999));
        JsonNode added = Api.json(admin(post("/api/v1/admin/phone-numbers"), Map.of("number", national, "displayName", "Main line")), 201);
        assertThat(added.get("e164").asString()).matches("\\+1415555\\d{4}");
        assertThat(added.get("provider").asString()).isEqualTo("sandbox");
        Api.json(admin(post("/api/v1/admin/phone-numbers"), Map.of("number", added.get("e164").asString())), 409);
        JsonNode invalid = Api.json(admin(post("/api/v1/admin/phone-numbers"), Map.of("number", "12")), 422);
        assertThat(invalid.get("detail").asString()).contains("not a valid number");
        Api.json(admin(post("/api/v1/admin/phone-numbers"), Map.of("number", "+14155550000", "provider", "acme")), 422);
        Api.json(api.perform(post("/api/v1/admin/phone-numbers").with(customer.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("number", "+14155550001")))), 403);
    }

    @Test
    void readinessChecksRunInTheSeedsOrderWithItsMessages() {
        JsonNode none = Api.json(api.perform(get("/api/v1/phone-numbers/readiness").with(customer.bearer())), 409);
        assertThat(none.get("type").asString()).isEqualTo("/problems/no-phone-numbers");
        assertThat(none.get("detail").asString()).startsWith("No phone numbers assigned to organization");

        UUID first = addNumber("Front desk");
        UUID second = addNumber("Back office");
        assign(first, customer.organizationId());
        assign(second, customer.organizationId());
        Api.json(admin(delete("/api/v1/admin/phone-numbers/" + first + "/assignments/" + customer.organizationId()), null), 204);
        JsonNode noPrimary = Api.json(api.perform(get("/api/v1/phone-numbers/readiness").with(customer.bearer())), 409);
        assertThat(noPrimary.get("detail").asString()).startsWith("Phones exist but none marked as primary: Back office");

        Api.json(customerRequest(post("/api/v1/phone-numbers/" + second + "/primary"), null), 204);
        Api.json(admin(patch("/api/v1/admin/phone-numbers/" + second), Map.of("status", "inactive")), 200);
        JsonNode inactive = Api.json(api.perform(get("/api/v1/phone-numbers/readiness").with(customer.bearer())), 409);
        assertThat(inactive.get("type").asString()).isEqualTo("/problems/primary-phone-inactive");

        Api.json(admin(patch("/api/v1/admin/phone-numbers/" + second), Map.of("status", "active")), 200);
        JsonNode noAgent = Api.json(api.perform(get("/api/v1/phone-numbers/readiness").with(customer.bearer())), 409);
        assertThat(noAgent.get("type").asString()).isEqualTo("/problems/primary-phone-no-outbound-agent");
        assertThat(noAgent.get("detail").asString()).contains("has no outbound agent");

        JsonNode foreign = Api.json(customerRequest(patch("/api/v1/phone-numbers/" + second),
                Map.of("outboundAgentId", UUID.randomUUID().toString())), 422);
        assertThat(foreign.get("errors").get(0).get("field").asString()).isEqualTo("outboundAgentId");
        Vendors.server().stubFor(WireMock.post(WireMock.urlEqualTo("/sandbox/create-retell-llm"))
                .willReturn(WireMock.okJson("{\"llm_id\":\"llm_n\"}")));
        Vendors.server().stubFor(WireMock.post(WireMock.urlEqualTo("/sandbox/create-agent"))
                .willReturn(WireMock.okJson("{\"agent_id\":\"agent_n\"}")));
        Vendors.server().stubFor(WireMock.get(WireMock.urlEqualTo("/sandbox/list-voices"))
                .willReturn(WireMock.okJson("[{\"voice_id\":\"v1\"}]")));
        Vendors.server().stubFor(WireMock.patch(WireMock.urlPathMatching("/sandbox/update-phone-number/.*"))
                .willReturn(WireMock.okJson("{}")));
        UUID agent = UUID.fromString(Api.json(customerRequest(post("/api/v1/agents"),
                Map.of("name", "Outbound caller", "promptTemplate", "Call people")), 201).get("id").asString());
        Api.json(customerRequest(patch("/api/v1/phone-numbers/" + second), Map.of("outboundAgentId", agent.toString())), 204);
        JsonNode ready = Api.json(api.perform(get("/api/v1/phone-numbers/readiness").with(customer.bearer())), 200);
        assertThat(ready.get("displayName").asString()).isEqualTo("Back office");
        assertThat(ready.get("outboundAgentId").asString()).isEqualTo(agent.toString());
        String e164 = ready.get("e164").asString();
        // The provider's copy of the number follows, once the agent has reached the provider.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                Vendors.server().verify(WireMock.patchRequestedFor(WireMock.urlEqualTo("/sandbox/update-phone-number/"
                        + e164.replace("+", "%2B"))).withRequestBody(WireMock.matchingJsonPath("$.outbound_agent_id",
                        WireMock.equalTo("agent_n")))));
    }

    @Test
    void theFirstAssignedNumberBecomesPrimaryAndSwitchingIsAtomic() throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            UUID id = addNumber("Line " + i);
            assign(id, customer.organizationId());
            ids.add(id);
        }
        JsonNode list = Api.json(api.perform(get("/api/v1/phone-numbers").with(customer.bearer())), 200);
        assertThat(list.get("items").get(0).get("id").asString()).isEqualTo(ids.get(0).toString());
        assertThat(list.get("items").get(0).get("primary").asBoolean()).isTrue();

        List<CompletableFuture<Integer>> switches = new ArrayList<>();
        for (UUID id : ids) {
            switches.add(CompletableFuture.supplyAsync(() -> api.perform(post("/api/v1/phone-numbers/" + id + "/primary")
                    .with(customer.bearer())).getResponse().getStatus()));
        }
        for (CompletableFuture<Integer> s : switches) {
            assertThat(s.get()).isEqualTo(204);
        }
        Long primaries = database.owner().sql("select count(*) from organization_phone_numbers where organization_id = ? and is_primary")
                .param(customer.organizationId()).query(Long.class).single();
        assertThat(primaries).isEqualTo(1);
    }

    @Test
    void anotherOrganizationCannotSeeOrChangeTheNumbers() {
        UUID id = addNumber("Private line");
        assign(id, customer.organizationId());
        Api.Account other = api.signUp("Numbers Outsider");
        JsonNode list = Api.json(api.perform(get("/api/v1/phone-numbers").with(other.bearer())), 200);
        assertThat(list.get("items").size()).isZero();
        Api.json(api.perform(post("/api/v1/phone-numbers/" + id + "/primary").with(other.bearer())), 404);
        Api.json(api.perform(patch("/api/v1/phone-numbers/" + id).with(other.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("outboundAgentId", UUID.randomUUID().toString())))), 404);
        Api.json(api.perform(get("/api/v1/admin/phone-numbers").with(other.bearer())), 403);
    }

    @Test
    void onlyAdministratorsOfTheOrganizationManageItsNumbers() {
        UUID id = addNumber("Managed line");
        assign(id, customer.organizationId());
        Api.Account viewer = member(customer, "viewer");
        Api.Account manager = member(customer, "manager");
        Api.json(api.perform(get("/api/v1/phone-numbers").with(viewer.bearer())), 200);
        Api.json(api.perform(post("/api/v1/phone-numbers/" + id + "/primary").with(viewer.bearer())), 403);
        Api.json(api.perform(post("/api/v1/phone-numbers/" + id + "/primary").with(manager.bearer())), 403);
    }

    private Api.Account member(Api.Account admin, String role) {
        Api.Account own = api.signUp("Home of " + role);
        database.owner().sql("insert into memberships (organization_id, user_id, role) values (?, ?, ?)")
                .params(admin.organizationId(), own.userId(), role).update();
        return api.signIn(own.email(), own.password(), admin.organizationId());
    }

    private UUID addNumber(String name) {
        String number = "+1646555" + (1000 + ThreadLocalRandom.current().nextInt(8999));
        while (database.owner().sql("select exists (select 1 from phone_numbers where e164 = ?)").param(number)
                .query(Boolean.class).single()) {
            number = "+1646555" + (1000 + ThreadLocalRandom.current().nextInt(8999));
        }
        return UUID.fromString(Api.json(admin(post("/api/v1/admin/phone-numbers"),
                Map.of("number", number, "displayName", name)), 201).get("id").asString());
    }

    private void assign(UUID number, UUID organization) {
        Api.json(admin(post("/api/v1/admin/phone-numbers/" + number + "/assignments"),
                Map.of("organizationId", organization.toString())), 201);
    }

    private org.springframework.test.web.servlet.MvcResult admin(MockHttpServletRequestBuilder request, Map<String, ?> body) {
        request.with(operator.bearer());
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(Api.body(body));
        }
        return api.perform(request);
    }

    private org.springframework.test.web.servlet.MvcResult customerRequest(MockHttpServletRequestBuilder request, Map<String, ?> body) {
        request.with(customer.bearer());
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(Api.body(body));
        }
        return api.perform(request);
    }
}
