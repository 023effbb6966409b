package dev.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;

import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

@SwitchboardTest
class AuditEventApiTest {

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    Api api;
    OrganizationFixture fixture;

    @BeforeEach
    void setUp() {
        api = new Api(mvc);
        fixture = new OrganizationFixture(api, database);
    }

    @Test
    void anEventTellsWhoDidWhatToWhatFromWhere() {
        Api.Account admin = api.signUp("Who Co");
        UUID viewer = fixture.passiveMember(admin.organizationId(), Role.VIEWER);
        Api.json(api.perform(patch("/api/v1/organization/members/" + viewer).with(admin.bearer())
                .with(Api.fromIp("203.0.113.7")).header("User-Agent", "audit-test/1.0").header("X-Request-Id", "req-audit-1")
                .contentType(MediaType.APPLICATION_JSON).content(Api.body(Map.of("role", "manager")))), 200);

        JsonNode event = page(admin, get("/api/v1/audit-events").param("action", "member.role_changed")).get("items").get(0);
        assertThat(UUID.fromString(event.get("id").asString())).isNotNull();
        assertThat(Instant.parse(event.get("occurredAt").asString())).isBefore(Instant.now().plusSeconds(1));
        assertThat(event.get("actor").get("userId").asString()).isEqualTo(admin.userId().toString());
        assertThat(event.get("actor").get("label").asString()).isEqualTo(admin.email());
        assertThat(event.get("impersonatorUserId")).isNull();
        assertThat(event.get("action").asString()).isEqualTo("member.role_changed");
        assertThat(event.get("target").get("type").asString()).isEqualTo("user");
        assertThat(event.get("target").get("id").asString()).isEqualTo(viewer.toString());
        assertThat(event.get("ip").asString()).isEqualTo("203.0.113.7");
        assertThat(event.get("userAgent").asString()).isEqualTo("audit-test/1.0");
        assertThat(event.get("requestId").asString()).isEqualTo("req-audit-1");
        assertThat(event.get("details").isObject()).isTrue();
        assertThat(event.get("details").get("to").asString()).isEqualTo("manager");
    }

    @Test
    void eventsArePagedNewestFirstWithoutGapsOrRepeats() {
        Api.Account admin = api.signUp("Paged Audit Co");
        for (int i = 0; i < 5; i++) {
            fixture.passiveMember(admin.organizationId(), Role.VIEWER);
        }
        JsonNode members = page(admin, get("/api/v1/organization/members").param("role", "viewer"));
        members.get("items").forEach(m -> api.perform(delete("/api/v1/organization/members/" + m.get("userId").asString())
                .with(admin.bearer())));

        JsonNode everything = page(admin, get("/api/v1/audit-events").param("limit", "200"));
        List<String> all = ids(everything);
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            MockHttpServletRequestBuilder request = get("/api/v1/audit-events").param("limit", "2");
            JsonNode page = page(admin, cursor == null ? request : request.param("cursor", cursor));
            paged.addAll(ids(page));
            cursor = page.get("nextCursor") == null ? null : page.get("nextCursor").asString();
        } while (cursor != null && paged.size() < 100);
        assertThat(paged).containsExactlyElementsOf(all);
        assertThat(all).hasSize(6);

        List<Instant> times = new ArrayList<>();
        everything.get("items").forEach(e -> times.add(Instant.parse(e.get("occurredAt").asString())));
        assertThat(times).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void eventsAreFilteredByActionPrefixActorTargetAndTime() {
        Api.Account admin = api.signUp("Filtered Audit Co");
        Api.Account other = fixture.member(admin, Role.ADMIN);
        UUID removed = fixture.passiveMember(admin.organizationId(), Role.VIEWER);
        UUID promoted = fixture.passiveMember(admin.organizationId(), Role.VIEWER);
        Instant before = Instant.now().minus(1, ChronoUnit.SECONDS);
        api.perform(delete("/api/v1/organization/members/" + removed).with(admin.bearer()));
        api.perform(patch("/api/v1/organization/members/" + promoted).with(other.bearer())
                .contentType(MediaType.APPLICATION_JSON).content(Api.body(Map.of("role", "manager"))));

        assertThat(actions(page(admin, get("/api/v1/audit-events").param("action", "member."))))
                .containsExactly("member.role_changed", "member.removed");
        assertThat(actions(page(admin, get("/api/v1/audit-events").param("action", "member.rem"))))
                .containsExactly("member.removed");
        assertThat(actions(page(admin, get("/api/v1/audit-events").param("action", "%")))).isEmpty();
        assertThat(actions(page(admin, get("/api/v1/audit-events").param("action", "member_")))).isEmpty();
        assertThat(actions(page(admin, get("/api/v1/audit-events").param("actorUserId", other.userId().toString())
                .param("action", "member.")))).containsExactly("member.role_changed");
        assertThat(actions(page(admin, get("/api/v1/audit-events").param("targetType", "user")
                .param("targetId", removed.toString())))).containsExactly("member.removed");
        assertThat(actions(page(admin, get("/api/v1/audit-events").param("targetType", "organization"))))
                .containsExactly("organization.created");
        assertThat(actions(page(admin, get("/api/v1/audit-events").param("action", "member.")
                .param("from", before.toString()).param("to", Instant.now().plusSeconds(60).toString()))))
                .containsExactly("member.role_changed", "member.removed");
        assertThat(actions(page(admin, get("/api/v1/audit-events").param("to", before.toString())
                .param("action", "member.")))).isEmpty();
    }

    private JsonNode page(Api.Account who, MockHttpServletRequestBuilder request) {
        return Api.json(api.perform(request.with(who.bearer())), 200);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(e -> ids.add(e.get("id").asString()));
        return ids;
    }

    private static List<String> actions(JsonNode page) {
        List<String> actions = new ArrayList<>();
        page.get("items").forEach(e -> actions.add(e.get("action").asString()));
        return actions;
    }
}
