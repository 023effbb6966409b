package dev.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;

import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

@SwitchboardTest
class MemberApiTest {

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
    void membersAreListedInJoiningOrderPageByPage() {
        Api.Account admin = api.signUp("Paging Co");
        List<UUID> joined = new ArrayList<>(List.of(admin.userId()));
        for (int i = 0; i < 4; i++) {
            joined.add(fixture.passiveMember(admin.organizationId(), Role.VIEWER));
        }
        List<UUID> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = get("/api/v1/organization/members").param("limit", "2").with(admin.bearer());
            JsonNode page = Api.json(api.perform(cursor == null ? request : request.param("cursor", cursor)), 200);
            page.get("items").forEach(m -> seen.add(UUID.fromString(m.get("userId").asString())));
            cursor = page.get("nextCursor") == null || page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(seen).containsExactlyElementsOf(joined);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void eachMemberShowsAccountAndRole() {
        Api.Account admin = api.signUp("Fields Co");
        JsonNode item = Api.json(api.perform(get("/api/v1/organization/members").with(admin.bearer())), 200)
                .get("items").get(0);
        assertThat(item.get("userId").asString()).isEqualTo(admin.userId().toString());
        assertThat(item.get("email").asString()).isEqualTo(admin.email());
        assertThat(item.get("fullName").asString()).isEqualTo("Ada Admin");
        assertThat(item.get("role").asString()).isEqualTo("admin");
        assertThat(item.get("joinedAt").asString()).isNotBlank();
        assertThat(item.get("lastSignInAt")).isNull();
    }

    @Test
    void membersAreFilteredByRoleAndFoundByEmailOrName() {
        Api.Account admin = api.signUp("Filter Co");
        UUID grace = fixture.passiveMember(admin.organizationId(), Role.MANAGER, Api.uniqueEmail("grace"), "Grace Hopper");
        UUID alan = fixture.passiveMember(admin.organizationId(), Role.VIEWER, "alan-" + UUID.randomUUID() + "@turing.test",
                "Alan 100% Turing");
        assertThat(userIds(list(admin, "role", "manager"))).containsExactly(grace);
        assertThat(userIds(list(admin, "role", "viewer"))).containsExactly(alan);
        assertThat(userIds(list(admin, "q", "HOPPER"))).containsExactly(grace);
        assertThat(userIds(list(admin, "q", "turing.test"))).containsExactly(alan);
        assertThat(userIds(list(admin, "q", "100%"))).containsExactly(alan);
        assertThat(userIds(list(admin, "q", "%"))).containsExactly(alan);
        assertThat(userIds(list(admin, "q", "nobody-by-that-name"))).isEmpty();
    }

    @Test
    void changingARoleTakesEffectAtOnceAndIsAudited() {
        Api.Account admin = api.signUp("Promote Co");
        Api.Account viewer = fixture.member(admin, Role.VIEWER);
        JsonNode changed = Api.json(changeRole(admin, viewer.userId(), "manager"), 200);
        assertThat(changed.get("role").asString()).isEqualTo("manager");
        JsonNode me = Api.json(api.perform(get("/api/v1/me").with(viewer.bearer())), 200);
        assertThat(me.get("permissions").toString()).contains("campaigns:run");

        JsonNode event = auditEvents(admin, "member.role_changed").get(0);
        assertThat(event.get("target").get("id").asString()).isEqualTo(viewer.userId().toString());
        assertThat(event.get("details").get("from").asString()).isEqualTo("viewer");
        assertThat(event.get("details").get("to").asString()).isEqualTo("manager");
        assertThat(event.get("actor").get("userId").asString()).isEqualTo(admin.userId().toString());
    }

    @Test
    void theLastAdministratorCanNeitherBeDemotedNorRemoved() {
        Api.Account admin = api.signUp("Lonely Admin Co");
        JsonNode demote = Api.json(changeRole(admin, admin.userId(), "viewer"), 409);
        assertThat(demote.get("type").asString()).isEqualTo("/problems/last-admin");
        assertThat(demote.get("detail").asString()).contains("Promote another member to admin first");
        JsonNode remove = Api.json(api.perform(delete("/api/v1/organization/members/" + admin.userId())
                .with(admin.bearer())), 409);
        assertThat(remove.get("type").asString()).isEqualTo("/problems/last-admin");
        assertThat(fixture.roleOf(admin.organizationId(), admin.userId())).isEqualTo("admin");
    }

    @Test
    void anAdministratorMayLeaveWhenAnotherRemains() {
        Api.Account admin = api.signUp("Handover Co");
        Api.Account successor = fixture.member(admin, Role.ADMIN);
        Api.json(api.perform(delete("/api/v1/organization/members/" + admin.userId()).with(admin.bearer())), 204);
        assertThat(fixture.roleOf(admin.organizationId(), admin.userId())).isNull();
        Api.json(changeRole(successor, successor.userId(), "viewer"), 409);
    }

    @Test
    void removingAMemberEndsTheirAccessButKeepsTheirAccount() {
        Api.Account admin = api.signUp("Removal Co");
        Api.Account manager = fixture.member(admin, Role.MANAGER);
        Api.json(api.perform(get("/api/v1/organization").with(manager.bearer())), 200);

        Api.json(api.perform(delete("/api/v1/organization/members/" + manager.userId()).with(admin.bearer())), 204);

        Api.json(api.perform(get("/api/v1/organization").with(manager.bearer())), 401);
        Api.Account home = api.signIn(manager.email(), manager.password(), null);
        assertThat(home.organizationId()).isNotEqualTo(admin.organizationId());
        JsonNode event = auditEvents(admin, "member.removed").get(0);
        assertThat(event.get("target").get("id").asString()).isEqualTo(manager.userId().toString());
        assertThat(event.get("details").get("email").asString()).isEqualTo(manager.email());
        assertThat(event.get("details").get("role").asString()).isEqualTo("manager");
        Api.json(api.perform(delete("/api/v1/organization/members/" + manager.userId()).with(admin.bearer())), 404);
    }

    @Test
    void unknownMembersAreNotFound() {
        Api.Account admin = api.signUp("Unknown Co");
        UUID nobody = UUID.randomUUID();
        Api.json(api.perform(get("/api/v1/organization/members/" + nobody).with(admin.bearer())), 404);
        Api.json(changeRole(admin, nobody, "viewer"), 404);
        JsonNode problem = Api.json(api.perform(delete("/api/v1/organization/members/" + nobody).with(admin.bearer())), 404);
        assertThat(problem.get("type").asString()).isEqualTo("/problems/not-found");
    }

    /**
     * The two demotions are both held at the start line (the test owns the administrators'
     * rows) and released together: without the lock on the administrators, both would see two
     * administrators and the organization would be left with none.
     */
    @Test
    void twoAdministratorsDemotingEachOtherAtOnceLeaveOneAdministrator() throws Exception {
        Api.Account first = api.signUp("Race Co");
        Api.Account second = fixture.member(first, Role.ADMIN);
        List<Integer> statuses = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Connection blocker = database.ownerDataSource().getConnection()) {
            blocker.setAutoCommit(false);
            try (PreparedStatement hold = blocker.prepareStatement(
                    "select user_id from memberships where organization_id = ? for update")) {
                hold.setObject(1, first.organizationId());
                hold.executeQuery().close();
            }
            Future<MvcResult> a = pool.submit(() -> changeRole(first, second.userId(), "viewer"));
            Future<MvcResult> b = pool.submit(() -> changeRole(second, first.userId(), "viewer"));
            awaitBlockedTransactions(2);
            blocker.commit();
            statuses.add(a.get(30, TimeUnit.SECONDS).getResponse().getStatus());
            statuses.add(b.get(30, TimeUnit.SECONDS).getResponse().getStatus());
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        long administrators = fixture.owner().sql(
                        "select count(*) from memberships where organization_id = ? and role = 'admin'")
                .param(first.organizationId()).query(Long.class).single();
        assertThat(administrators).isOne();
    }

    private void awaitBlockedTransactions(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            long waiting = fixture.owner().sql("""
                    select count(*) from pg_stat_activity
                     where datname = current_database() and wait_event_type = 'Lock'""").query(Long.class).single();
            if (waiting >= count) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("The concurrent requests never reached the database lock");
    }

    private MvcResult changeRole(Api.Account who, UUID userId, String role) {
        return api.perform(patch("/api/v1/organization/members/" + userId).with(who.bearer())
                .contentType(MediaType.APPLICATION_JSON).content(Api.body(Map.of("role", role))));
    }

    private JsonNode list(Api.Account who, String parameter, String value) {
        return Api.json(api.perform(get("/api/v1/organization/members").param(parameter, value).with(who.bearer())), 200);
    }

    private static List<UUID> userIds(JsonNode page) {
        List<UUID> ids = new ArrayList<>();
        page.get("items").forEach(m -> ids.add(UUID.fromString(m.get("userId").asString())));
        return ids;
    }

    private JsonNode auditEvents(Api.Account who, String action) {
        return Api.json(api.perform(get("/api/v1/audit-events").param("action", action).with(who.bearer())), 200)
                .get("items");
    }
}
