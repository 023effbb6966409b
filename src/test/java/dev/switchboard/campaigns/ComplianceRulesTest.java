package dev.switchboard.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import dev.switchboard.campaigns.internal.compliance.CalleeTimeZones;
import dev.switchboard.campaigns.internal.compliance.CallingRules;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * Calling rules on the real sandbox: the do-not-call list is honoured and its skips reported,
 * a callee who asks not to be called again is added to it, contacts outside their calling hours
 * wait for them, and the rules themselves are validated and audited.
 */
@SwitchboardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {
        "switchboard.sandbox.url=",
        "switchboard.sandbox.provision-numbers=true",
        "switchboard.sandbox.time-scale=120",
        "switchboard.sandbox.seed=7"})
class ComplianceRulesTest {

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    Api api;

    @BeforeAll
    void api() {
        api = new Api(mvc);
    }

    @Test
    void theRulesDefaultToTheUsOnesAndChangesAreValidatedAndAudited() {
        Api.Account admin = api.signUp("Rules Clinic");
        JsonNode defaults = Api.json(api.perform(get("/api/v1/campaign-compliance").with(admin.bearer())), 200);
        assertThat(defaults.get("callingHoursEnabled").asBoolean()).isTrue();
        assertThat(defaults.get("callingHoursStart").asString()).isEqualTo("08:00");
        assertThat(defaults.get("callingHoursEnd").asString()).isEqualTo("21:00");
        assertThat(defaults.get("honorDoNotCall").asBoolean()).isTrue();
        assertThat(defaults.get("addOptOutsToDoNotCall").asBoolean()).isTrue();
        assertThat(defaults.get("maxAttemptsPerContact").asInt()).isEqualTo(3);

        assertThat(change(admin, Map.of("callingHoursStart", "22:00"), 422).toString()).contains("callingHoursEnd")
                .contains("cannot cross midnight");
        assertThat(change(admin, Map.of("callingHoursStart", "9am"), 422).toString()).contains("HH:mm");
        assertThat(change(admin, Map.of("maxAttemptsPerContact", 11), 422).toString()).contains("between 1 and 10");
        JsonNode changed = change(admin, Map.of("callingHoursStart", "09:30", "maxAttemptsPerContact", 5), 200);
        assertThat(changed.get("callingHoursStart").asString()).isEqualTo("09:30");
        assertThat(changed.get("callingHoursEnd").asString()).isEqualTo("21:00");
        assertThat(changed.get("maxAttemptsPerContact").asInt()).isEqualTo(5);
        assertThat(database.owner().sql("select details::text from audit_events where organization_id = ? and action = ?")
                .params(admin.organizationId(), "campaign.compliance_changed").query(String.class).single())
                .contains("09:30").contains("08:00");

        Api.Account stranger = api.signUp("Rules Elsewhere");
        JsonNode theirs = Api.json(api.perform(get("/api/v1/campaign-compliance").with(stranger.bearer())), 200);
        assertThat(theirs.get("callingHoursStart").asString()).isEqualTo("08:00");
    }

    @Test
    void callingHoursAreReadInTheCalleesZone() {
        assertThat(CalleeTimeZones.of("+14155550001", "UTC")).isEqualTo("America/Los_Angeles");
        assertThat(CalleeTimeZones.of("+12125550001", "UTC")).isEqualTo("America/New_York");
        assertThat(CalleeTimeZones.of("+442071234567", "UTC")).isEqualTo("Europe/London");
        assertThat(CalleeTimeZones.of("+18005550001", "Europe/Paris")).isEqualTo("Europe/Paris");
        assertThat(CallingRules.DEFAULTS.allows(LocalTime.of(8, 0))).isTrue();
        assertThat(CallingRules.DEFAULTS.allows(LocalTime.of(20, 59))).isTrue();
        assertThat(CallingRules.DEFAULTS.allows(LocalTime.of(21, 0))).isFalse();
        assertThat(CallingRules.DEFAULTS.allows(LocalTime.of(7, 59))).isFalse();
    }

    @Test
    void contactsOnTheDoNotCallListAreSkippedAndReported() {
        CampaignFixture fixture = CampaignFixture.readyToCall(api, database, "Listed Homes");
        fixture.callingRules(Map.of("callingHoursEnabled", false));
        List<String> numbers = CampaignFixture.numbers(4, "0001");
        UUID list = fixture.contactList(numbers);
        Api.json(api.perform(post("/api/v1/do-not-call").with(fixture.admin.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("phoneNumber", numbers.get(1), "reason", "Asked by letter")))), 201);
        database.owner().sql("update contacts set do_not_call = true where contact_list_id = ? and phone_number = ?")
                .params(list, numbers.get(2)).update();
        String id = fixture.campaign(list, Map.of());
        Api.json(fixture.action(id, "start", fixture.admin), 200);
        JsonNode done = fixture.awaitStatus(id, "completed", Duration.ofSeconds(60));
        assertThat(done.get("progress").get("skipped").asInt()).isEqualTo(2);
        assertThat(done.get("progress").get("completed").asInt()).isEqualTo(2);
        assertThat(done.get("progress").get("processed").asInt()).isEqualTo(4);
        assertThat(done.get("dialing").get("doNotCall").asInt()).isEqualTo(2);
        assertThat(fixture.callsTo(id, numbers.get(1))).isZero();
        assertThat(fixture.callsTo(id, numbers.get(2))).isZero();
        assertThat(fixture.callsTo(id, numbers.get(0))).isEqualTo(1);
    }

    @Test
    void aCalleeWhoAsksNotToBeCalledAgainGoesOnTheList() {
        CampaignFixture fixture = CampaignFixture.readyToCall(api, database, "Opt Out Roofing");
        fixture.callingRules(Map.of("callingHoursEnabled", false));
        String optOut = "+14155210007";
        UUID list = fixture.contactList(List.of(optOut, "+14155220001"));
        String id = fixture.campaign(list, Map.of());
        Api.json(fixture.action(id, "start", fixture.admin), 200);
        fixture.awaitStatus(id, "completed", Duration.ofSeconds(60));
        assertThat(database.owner().sql("select source from do_not_call where organization_id = ? and phone_number = ?")
                .params(fixture.admin.organizationId(), optOut).query(String.class).list()).containsExactly("call");
        assertThat(database.owner().sql("select count(*) from do_not_call where organization_id = ?")
                .param(fixture.admin.organizationId()).query(Integer.class).single()).isEqualTo(1);
        JsonNode stats = Api.json(api.perform(get("/api/v1/campaigns/" + id + "/stats").with(fixture.admin.bearer())), 200);
        assertThat(stats.get("doNotCallRequests").asInt()).isEqualTo(1);

        String again = fixture.campaign(fixture.contactList(List.of(optOut)), Map.of());
        Api.json(fixture.action(again, "start", fixture.admin), 200);
        JsonNode skipped = fixture.awaitStatus(again, "completed", Duration.ofSeconds(30));
        assertThat(skipped.get("progress").get("skipped").asInt()).isEqualTo(1);
        assertThat(fixture.callsTo(again, optOut)).isZero();
    }

    @Test
    void contactsOutsideTheirCallingHoursWaitForThem() throws InterruptedException {
        CampaignFixture fixture = CampaignFixture.readyToCall(api, database, "Night Owls");
        fixture.closeCallingHours();
        List<String> numbers = CampaignFixture.numbers(2, "0001");
        String id = fixture.campaign(fixture.contactList(numbers), Map.of());
        Api.json(fixture.action(id, "start", fixture.admin), 200);
        Thread.sleep(6_000);
        JsonNode waiting = fixture.read(id);
        assertThat(waiting.get("status").asString()).isEqualTo("processing");
        assertThat(waiting.get("dialing").get("waiting").asInt()).isEqualTo(2);
        assertThat(waiting.get("dialing").get("callsPlaced").asInt()).isZero();
        assertThat(fixture.callsTo(id, numbers.get(0))).isZero();

        fixture.callingRules(Map.of("callingHoursEnabled", false));
        JsonNode done = fixture.awaitStatus(id, "completed", Duration.ofSeconds(90));
        assertThat(done.get("progress").get("completed").asInt()).isEqualTo(2);
    }

    private JsonNode change(Api.Account admin, Map<String, Object> rules, int status) {
        return Api.json(api.perform(put("/api/v1/campaign-compliance").with(admin.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(rules))), status);
    }
}
