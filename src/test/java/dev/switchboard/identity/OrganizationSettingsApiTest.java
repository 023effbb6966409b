package dev.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;

import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

@SwitchboardTest
class OrganizationSettingsApiTest {

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
    void anyMemberReadsTheSettingsAndUsage() {
        Api.Account admin = api.signUp("Readable Dental");
        Api.Account viewer = fixture.member(admin, Role.VIEWER);
        JsonNode organization = Api.json(api.perform(get("/api/v1/organization").with(viewer.bearer())), 200);
        assertThat(organization.get("id").asString()).isEqualTo(admin.organizationId().toString());
        assertThat(organization.get("name").asString()).isEqualTo("Readable Dental");
        assertThat(organization.get("timeZone").asString()).isEqualTo("UTC");
        assertThat(organization.get("defaultRegion").asString()).isEqualTo("US");
        assertThat(organization.get("planTier").asString()).isEqualTo("starter");
        assertThat(organization.get("usage").get("minutesTotal").decimalValue()).isZero();
        assertThat(organization.get("usage").get("minutesMonthToDate").decimalValue()).isZero();
        assertThat(organization.get("usage").get("lastResetAt").asString()).isNotBlank();
        assertThat(organization.get("createdAt").asString()).isNotBlank();
    }

    @Test
    void changingSettingsKeepsFieldsLeftOutAndAuditsOldAndNewValues() {
        Api.Account admin = api.signUp("Old Name");
        JsonNode changed = Api.json(change(admin, Map.of("name", "  New Name ", "timeZone", "Europe/Paris",
                "defaultRegion", "gb")), 200);
        assertThat(changed.get("name").asString()).isEqualTo("New Name");
        assertThat(changed.get("timeZone").asString()).isEqualTo("Europe/Paris");
        assertThat(changed.get("defaultRegion").asString()).isEqualTo("GB");

        JsonNode renamedOnly = Api.json(change(admin, Map.of("name", "Newest Name")), 200);
        assertThat(renamedOnly.get("timeZone").asString()).isEqualTo("Europe/Paris");
        assertThat(renamedOnly.get("defaultRegion").asString()).isEqualTo("GB");

        JsonNode events = Api.json(api.perform(get("/api/v1/audit-events?action=organization.settings_changed")
                .with(admin.bearer())), 200).get("items");
        assertThat(events).hasSize(2);
        JsonNode latest = events.get(0);
        assertThat(latest.get("target").get("type").asString()).isEqualTo("organization");
        assertThat(latest.get("target").get("id").asString()).isEqualTo(admin.organizationId().toString());
        assertThat(latest.get("details").get("old").get("name").asString()).isEqualTo("New Name");
        assertThat(latest.get("details").get("new").get("name").asString()).isEqualTo("Newest Name");
        assertThat(latest.get("details").get("new").has("timeZone")).isFalse();
        JsonNode first = events.get(1).get("details");
        assertThat(first.get("old").get("timeZone").asString()).isEqualTo("UTC");
        assertThat(first.get("new").get("timeZone").asString()).isEqualTo("Europe/Paris");
        assertThat(first.get("old").get("defaultRegion").asString()).isEqualTo("US");
        assertThat(first.get("new").get("defaultRegion").asString()).isEqualTo("GB");
    }

    @Test
    void aChangeThatChangesNothingIsNotAudited() {
        Api.Account admin = api.signUp("Same Co");
        Api.json(change(admin, Map.of("name", "Same Co", "timeZone", "UTC")), 200);
        JsonNode events = Api.json(api.perform(get("/api/v1/audit-events?action=organization.settings_changed")
                .with(admin.bearer())), 200).get("items");
        assertThat(events).isEmpty();
    }

    @Test
    void thePlanTierCannotBeChangedHere() {
        Api.Account admin = api.signUp("Plan Co");
        JsonNode problem = Api.json(change(admin, Map.of("name", "Sneaky", "planTier", "enterprise")), 403);
        assertThat(problem.get("type").asString()).isEqualTo("/problems/plan-tier-read-only");
        assertThat(problem.get("detail").asString()).contains("platform administrators");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("planTier");
        JsonNode unchanged = Api.json(api.perform(get("/api/v1/organization").with(admin.bearer())), 200);
        assertThat(unchanged.get("planTier").asString()).isEqualTo("starter");
        assertThat(unchanged.get("name").asString()).isEqualTo("Plan Co");

        // A client sending back the settings it read, plan tier included, is not trying to change it.
        Api.json(change(admin, Map.of("name", "Plan Co 2", "planTier", "starter")), 200);
    }

    @Test
    void invalidSettingsNameTheFieldAndWhatIsExpected() {
        Api.Account admin = api.signUp("Strict Co");
        assertInvalid(change(admin, Map.of("name", "   ")), "name", "must not be blank");
        assertInvalid(change(admin, Map.of("name", "x".repeat(121))), "name", "at most 120");
        assertInvalid(change(admin, Map.of("timeZone", "Mars/Olympus_Mons")), "timeZone", "IANA time zone");
        assertInvalid(change(admin, Map.of("defaultRegion", "XX")), "defaultRegion", "region code");
        assertInvalid(change(admin, Map.of("defaultRegion", "USA")), "defaultRegion", "region code");
        JsonNode unchanged = Api.json(api.perform(get("/api/v1/organization").with(admin.bearer())), 200);
        assertThat(unchanged.get("name").asString()).isEqualTo("Strict Co");
    }

    private MvcResult change(Api.Account who, Map<String, String> body) {
        return api.perform(patch("/api/v1/organization")
                .with(who.bearer()).contentType(MediaType.APPLICATION_JSON).content(Api.body(body)));
    }

    private static void assertInvalid(MvcResult result, String field, String message) {
        JsonNode problem = Api.json(result, 422);
        assertThat(problem.get("type").asString()).isEqualTo("/problems/validation");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(field);
        assertThat(problem.get("errors").get(0).get("message").asString()).contains(message);
    }
}
