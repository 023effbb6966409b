package dev.switchboard.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * The campaign API: validation with messages naming the field, the state machine with its 409
 * answers, scheduling in a time zone, paging, and another organization seeing none of it.
 * Calling hours are closed for this organization, so started campaigns dial nothing.
 */
@SwitchboardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {
        "switchboard.sandbox.url=",
        "switchboard.sandbox.provision-numbers=true",
        "switchboard.sandbox.time-scale=120",
        "switchboard.sandbox.seed=7"})
class CampaignApiTest {

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    CampaignFixture fixture;
    UUID list;

    @BeforeAll
    void anOrganizationOutsideItsCallingHours() {
        fixture = CampaignFixture.readyToCall(new Api(mvc), database, "Campaign Api Dental");
        fixture.closeCallingHours();
        list = fixture.contactList(CampaignFixture.numbers(2, "0001"));
    }

    @Test
    void createExplainsEachBadFieldByName() {
        Map<String, Object> good = Map.of("name", "Good", "agentId", fixture.agentId, "contactListId", list.toString(),
                "concurrency", 2);
        assertThat(problem(with(good, "name", " "), "name")).contains("is required");
        assertThat(problem(with(good, "concurrency", 0), "concurrency")).contains("between 1 and 100");
        assertThat(problem(with(good, "concurrency", 101), "concurrency")).contains("between 1 and 100");
        assertThat(problem(with(good, "concurrency", 21), "concurrency")).contains("at most 20")
                .contains("concurrent-call limit");
        assertThat(problem(with(good, "agentId", UUID.randomUUID().toString()), "agentId")).contains("names no agent");
        assertThat(problem(with(good, "contactListId", UUID.randomUUID().toString()), "contactListId"))
                .contains("names no contact list");
        assertThat(problem(with(good, "timeZone", "Mars/Olympus"), "timeZone")).contains("IANA");
        assertThat(problem(with(good, "startAt", "tomorrow at nine"), "startAt")).contains("2026-12-01T09:00");
        assertThat(problem(with(good, "startAt", "2020-01-01T09:00"), "startAt")).contains("in the past");
        assertThat(problem(with(good, "maxAttempts", 4), "maxAttempts")).contains("between 1 and 3");
        assertThat(problem(with(good, "retryOn", List.of("answered")), "retryOn")).contains("no_answer");
        assertThat(problem(with(good, "retryDelayMinutes", 0), "retryDelayMinutes")).contains("between 1 and 10080");
        Api.json(fixture.create(with(good, "name", "Spring renewals")), 201);
        assertThat(problem(with(good, "name", "  spring RENEWALS "), "name")).contains("already used by another campaign");
    }

    @Test
    void movesThroughItsStatesAndRefusesIllegalOnesWithAReason() {
        String id = fixture.campaign(list, Map.of("maxAttempts", 2, "retryOn", List.of("no_answer")));
        JsonNode created = fixture.read(id);
        assertThat(created.get("status").asString()).isEqualTo("pending");
        assertThat(created.get("retry").get("maxAttempts").asInt()).isEqualTo(2);
        assertThat(conflict(id, "pause")).isEqualTo("The campaign is pending; it cannot be paused. Start it first.");
        assertThat(conflict(id, "resume")).isEqualTo("The campaign is pending; it cannot be resumed. Start it first.");

        JsonNode started = Api.json(fixture.action(id, "start", fixture.admin), 200);
        assertThat(started.get("status").asString()).isEqualTo("processing");
        assertThat(started.get("progress").get("total").asInt()).isEqualTo(2);
        assertThat(started.get("dialing").get("waiting").asInt()).isEqualTo(2);
        assertThat(conflict(id, "start")).isEqualTo("The campaign is processing; it cannot be started.");
        assertThat(conflict(id, "resume")).startsWith("The campaign is processing; it cannot be resumed.");

        assertThat(Api.json(fixture.action(id, "pause", fixture.admin), 200).get("status").asString()).isEqualTo("paused");
        assertThat(conflict(id, "pause")).startsWith("The campaign is paused; it cannot be paused.");
        assertThat(Api.json(fixture.action(id, "resume", fixture.admin), 200).get("status").asString()).isEqualTo("processing");
        JsonNode cancelled = Api.json(fixture.action(id, "cancel", fixture.admin), 200);
        assertThat(cancelled.get("status").asString()).isEqualTo("cancelled");
        assertThat(cancelled.get("finishedAt").isNull()).isFalse();
        assertThat(cancelled.get("dialing").get("waiting").asInt()).isZero();
        assertThat(conflict(id, "cancel")).startsWith("The campaign is cancelled; it cannot be cancelled. It has ended");
        assertThat(fixture.database.owner().sql("select count(*) from calls where campaign_id = ?::uuid").param(id)
                .query(Integer.class).single()).isZero();
        assertThat(fixture.database.owner().sql("""
                        select action from audit_events where target_id = ? order by occurred_at""").param(id)
                .query(String.class).list())
                .containsExactly("campaign.created", "campaign.started", "campaign.paused", "campaign.resumed",
                        "campaign.cancelled");
    }

    @Test
    void aStartTimeInAChosenZoneSchedulesTheCampaign() {
        String local = LocalDateTime.now(ZoneId.of("America/New_York")).plusDays(1).truncatedTo(ChronoUnit.MINUTES).toString();
        String id = fixture.campaign(list, Map.of("startAt", local, "timeZone", "America/New_York"));
        JsonNode scheduled = Api.json(fixture.action(id, "start", fixture.admin), 200);
        assertThat(scheduled.get("status").asString()).isEqualTo("scheduled");
        assertThat(scheduled.get("schedule").get("timeZone").asString()).isEqualTo("America/New_York");
        assertThat(scheduled.get("schedule").get("localStartAt").asString()).isEqualTo(local);
        assertThat(conflict(id, "pause")).contains("Cancel it, or wait for its start time.");
        assertThat(Api.json(fixture.action(id, "cancel", fixture.admin), 200).get("status").asString()).isEqualTo("cancelled");
    }

    @Test
    void aRunningCampaignKeepsItsAgentFromBeingDeleted() {
        String id = fixture.campaign(list, Map.of("name", "Keeps its agent"));
        Api.json(fixture.action(id, "start", fixture.admin), 200);
        JsonNode refused = Api.json(fixture.api.perform(delete("/api/v1/agents/" + fixture.agentId).with(fixture.admin.bearer())), 409);
        assertThat(refused.get("detail").asString()).contains("Keeps its agent");
        Api.json(fixture.action(id, "cancel", fixture.admin), 200);
    }

    @Test
    void aContactListInUseByAnUnfinishedCampaignCannotBeDeleted() {
        UUID used = fixture.contactList(CampaignFixture.numbers(2, "0001"));
        String pending = fixture.campaign(used, Map.of("name", "Waits to start"));
        String running = fixture.campaign(used, Map.of("name", "Calls now"));
        Api.json(fixture.action(running, "start", fixture.admin), 200);

        JsonNode refused = Api.json(fixture.api.perform(delete("/api/v1/contact-lists/" + used).with(fixture.admin.bearer())), 409);
        assertThat(refused.get("type").asString()).endsWith("/problems/contact-list-in-use");
        assertThat(refused.get("detail").asString()).contains("'Waits to start', 'Calls now'").contains("Cancel or finish them");
        assertThat(refused.get("campaigns")).extracting(JsonNode::asString).containsExactly("Waits to start", "Calls now");

        Api.Account other = fixture.api.signUp("Campaign Api Other Clinic");
        JsonNode hidden = Api.json(fixture.api.perform(delete("/api/v1/contact-lists/" + used).with(other.bearer())), 404);
        assertThat(hidden.toString()).doesNotContain("Waits to start").doesNotContain("Calls now");

        Api.json(fixture.action(running, "cancel", fixture.admin), 200);
        JsonNode stillPending = Api.json(fixture.api.perform(delete("/api/v1/contact-lists/" + used).with(fixture.admin.bearer())), 409);
        assertThat(stillPending.get("campaigns")).extracting(JsonNode::asString).containsExactly("Waits to start");
        assertThat(stillPending.get("detail").asString()).contains("the campaign 'Waits to start', which has not finished");

        Api.json(fixture.action(pending, "cancel", fixture.admin), 200);
        assertThat(fixture.api.perform(delete("/api/v1/contact-lists/" + used).with(fixture.admin.bearer())).getResponse()
                .getStatus()).isEqualTo(204);
        assertThat(fixture.read(running).get("status").asString()).isEqualTo("cancelled");
    }

    @Test
    void listsNewestFirstWithCursorAndStatusFilter() {
        String first = fixture.campaign(list, Map.of());
        String second = fixture.campaign(list, Map.of());
        JsonNode page = Api.json(fixture.api.perform(get("/api/v1/campaigns").param("limit", "1").with(fixture.admin.bearer())), 200);
        assertThat(page.get("items").get(0).get("id").asString()).isEqualTo(second);
        JsonNode next = Api.json(fixture.api.perform(get("/api/v1/campaigns").param("limit", "1")
                .param("cursor", page.get("nextCursor").asString()).with(fixture.admin.bearer())), 200);
        assertThat(next.get("items").get(0).get("id").asString()).isEqualTo(first);
        JsonNode pending = Api.json(fixture.api.perform(get("/api/v1/campaigns").param("status", "pending")
                .with(fixture.admin.bearer())), 200);
        assertThat(pending.get("items").findValuesAsString("status")).containsOnly("pending");
        Api.json(fixture.api.perform(get("/api/v1/campaigns").param("status", "running").with(fixture.admin.bearer())), 422);
    }

    @Test
    void anotherOrganizationCanNeitherSeeNorChangeTheCampaigns() {
        String id = fixture.campaign(list, Map.of());
        Api.Account stranger = fixture.api.signUp("Elsewhere Campaigns");
        Api.json(fixture.api.perform(get("/api/v1/campaigns/" + id).with(stranger.bearer())), 404);
        Api.json(fixture.api.perform(get("/api/v1/campaigns/" + id + "/stats").with(stranger.bearer())), 404);
        Api.json(fixture.api.perform(get("/api/v1/campaigns/" + id + "/export.csv").with(stranger.bearer())), 404);
        for (String action : List.of("start", "pause", "resume", "cancel")) {
            Api.json(fixture.action(id, action, stranger), 404);
        }
        assertThat(Api.json(fixture.api.perform(get("/api/v1/campaigns").with(stranger.bearer())), 200).get("items").size()).isZero();
        JsonNode borrowed = Api.json(fixture.api.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/api/v1/campaigns").with(stranger.bearer()).contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("name", "Borrowed", "agentId", fixture.agentId, "contactListId", list.toString(),
                        "concurrency", 1)))), 422);
        assertThat(borrowed.toString()).contains("agentId");
        assertThat(fixture.read(id).get("status").asString()).isEqualTo("pending");
    }

    @Test
    void aViewerReadsCampaignsButCannotCreateOrStartThem() {
        String id = fixture.campaign(list, Map.of());
        Api.Account other = fixture.api.signUp("Viewer Campaigns");
        database.owner().sql("insert into memberships (organization_id, user_id, role, created_at) values (?, ?, 'viewer', now())")
                .params(fixture.admin.organizationId(), other.userId()).update();
        Api.Account viewer = fixture.api.signIn(other.email(), other.password(), fixture.admin.organizationId());
        Api.json(fixture.api.perform(get("/api/v1/campaigns/" + id).with(viewer.bearer())), 200);
        Api.json(fixture.action(id, "start", viewer), 403);
    }

    private String problem(Map<String, Object> body, String field) {
        JsonNode problem = Api.json(fixture.create(body), 422);
        assertThat(problem.get("errors").findValuesAsString("field")).contains(field);
        return problem.get("detail").asString();
    }

    private String conflict(String id, String action) {
        JsonNode problem = Api.json(fixture.action(id, action, fixture.admin), 409);
        return problem.get("detail").asString();
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> copy = new java.util.HashMap<>(base);
        copy.put(key, value);
        return copy;
    }
}
