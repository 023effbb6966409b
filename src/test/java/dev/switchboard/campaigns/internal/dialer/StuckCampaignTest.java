package dev.switchboard.campaigns.internal.dialer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.switchboard.campaigns.CampaignFixture;
import dev.switchboard.platform.TenantScope;
import dev.switchboard.telephony.ProviderAccounts;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.EmbeddedSandbox;
import dev.switchboard.testing.SandboxApi;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * A campaign whose call webhooks never arrive (the sandbox drops them on request) is stuck in
 * processing; once it has been quiet past the threshold, the watchdog repairs its calls from the
 * provider's own account of them: each call record ends with the provider's transcript and
 * duration, is billed once, and the campaign completes from its calls' ends, once, however often
 * the watchdog runs. Another organization's stuck campaign is left alone. The property set is
 * CampaignFixture's, so the context is shared with the other sandbox tests.
 */
@SwitchboardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EmbeddedSandbox
class StuckCampaignTest {

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    @Autowired ProviderAccounts accounts;
    @Autowired DialerWatchdog watchdog;
    CampaignFixture fixture;
    CampaignFixture stranger;
    SandboxApi sandbox;

    @BeforeAll
    void twoOrganizationsReadyToCallAtAnyHour() {
        Api api = new Api(mvc);
        fixture = CampaignFixture.readyToCall(api, database, "Stuck Lines");
        stranger = CampaignFixture.readyToCall(api, database, "Other Lines");
        // Calling hours are on by default and would hold the contacts back at night in Los Angeles.
        fixture.callingRules(Map.of("callingHoursEnabled", false));
        stranger.callingRules(Map.of("callingHoursEnabled", false));
        sandbox = new SandboxApi(TenantScope.callAs(fixture.admin.organizationId(), accounts::voiceAccount));
    }

    @AfterEach
    void webhooksFlowAgain() {
        sandbox.clearFaults();
    }

    @Test
    void aStuckCampaignSettlesThroughItsCallsOnceAndLeavesOtherOrganizationsAlone() {
        sandbox.faults("{\"type\": \"drop\", \"target\": \"webhooks\"}");
        UUID organization = fixture.admin.organizationId();
        String campaign = fixture.campaign(fixture.contactList(List.of("+14155510001", "+14155520002", "+14155530003")),
                Map.of());
        String elsewhere = stranger.campaign(stranger.contactList(List.of("+14155540001")), Map.of());
        Api.json(fixture.action(campaign, "start", fixture.admin), 200);
        Api.json(stranger.action(elsewhere, "start", stranger.admin), 200);
        List<String> calls = endedAtTheProvider(campaign, 3);
        List<String> strangersCalls = endedAtTheProvider(elsewhere, 1);
        assertThat(fixture.read(campaign).get("status").asString()).as("no webhook arrived").isEqualTo("processing");
        quietForTwoHours(campaign);
        quietForTwoHours(elsewhere);

        TenantScope.runAs(organization, () -> watchdog.settleStuck(organization, UUID.fromString(elsewhere)));
        TenantScope.runAs(organization, () -> watchdog.watch(organization, UUID.fromString(campaign)));
        TenantScope.runAs(organization, () -> watchdog.watch(organization, UUID.fromString(campaign)));

        JsonNode done = fixture.awaitStatus(campaign, "completed", Duration.ofSeconds(30));
        for (String call : calls) {
            JsonNode record = read(fixture, call);
            JsonNode provider = sandbox.call(record.get("providerCallId").asString());
            assertThat(record.get("status").asString()).as("call " + call).isIn("completed", "failed");
            assertThat(text(record.get("transcript"))).isEqualTo(text(provider.get("transcript")));
            assertThat(record.get("durationSeconds").isNull() ? null : record.get("durationSeconds").asInt())
                    .isEqualTo(provider.hasNonNull("duration_ms")
                            ? (Integer) (int) Math.round(provider.get("duration_ms").asLong() / 1000.0) : null);
            boolean lasted = record.get("durationSeconds").asInt(0) > 0;
            assertThat(count("select count(*) from usage_history where call_id = ?::uuid", call)).as("billed once if it lasted")
                    .isEqualTo(lasted ? 1 : 0);
            assertThat(count("select count(*) from webhook_inbox where provider_call_id = ?", record.get("providerCallId")
                    .asString())).as("repaired once").isEqualTo(1);
        }
        assertThat(done.get("progress").get("processed").asInt()).isEqualTo(3);
        assertThat(done.get("progress").get("completed").asInt()).as("the person and the voicemail").isEqualTo(2);
        assertThat(done.get("progress").get("failed").asInt()).as("no answer").isEqualTo(1);
        JsonNode stats = Api.json(fixture.api.perform(get("/api/v1/campaigns/" + campaign + "/stats")
                .with(fixture.admin.bearer())), 200);
        assertThat(stats.get("totalCalls").asInt()).isEqualTo(3);
        assertThat(stats.get("completedCalls").asInt()).as("answered").isEqualTo(1);
        assertThat(stats.get("voicemails").asInt()).isEqualTo(1);
        assertThat(stats.get("failedCalls").asInt()).isEqualTo(1);
        assertThat(stats.get("inProgress").asInt()).isZero();
        assertThat(stats.get("averageDurationSeconds").asDouble()).isPositive();
        assertThat(outcomes(campaign)).containsExactlyInAnyOrder("answered", "voicemail", "no_answer");

        TenantScope.runAs(organization, () -> watchdog.watch(organization, UUID.fromString(campaign)));
        assertThat(fixture.read(campaign)).as("nothing more to do").isEqualTo(done);
        assertThat(database.owner().sql("""
                        select count(*) from mail_outbox where template = 'campaign-completed' and body_text like ?""")
                .param("%" + campaign + "%").query(Long.class).single()).as("told once").isEqualTo(1);

        assertThat(stranger.read(elsewhere).get("status").asString()).isEqualTo("processing");
        JsonNode strangersCall = read(stranger, strangersCalls.get(0));
        assertThat(strangersCall.get("status").asString()).isEqualTo("queued");
        assertThat(count("select count(*) from webhook_inbox where provider_call_id = ?",
                strangersCall.get("providerCallId").asString())).isZero();
    }

    @Test
    void anAttemptWhoseCallTheProviderDoesNotKnowEndsAsFailed() {
        sandbox.faults("{\"type\": \"drop\", \"target\": \"webhooks\"}");
        UUID organization = fixture.admin.organizationId();
        String campaign = fixture.campaign(fixture.contactList(List.of("+14155550001")), Map.of());
        Api.json(fixture.action(campaign, "start", fixture.admin), 200);
        String call = endedAtTheProvider(campaign, 1).get(0);
        database.owner().sql("update calls set provider_call_id = 'call_unknown_' || id where id = ?::uuid").param(call).update();
        quietForTwoHours(campaign);

        TenantScope.runAs(organization, () -> watchdog.watch(organization, UUID.fromString(campaign)));

        JsonNode done = fixture.read(campaign);
        assertThat(done.get("status").asString()).isEqualTo("completed");
        assertThat(done.get("progress").get("failed").asInt()).isEqualTo(1);
        assertThat(outcomes(campaign)).containsExactly("failed");
    }

    /** Waits until the sandbox has ended and analyzed every call of the campaign; returns their ids. */
    private List<String> endedAtTheProvider(String campaign, int expected) {
        List<String> calls = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                database.owner().sql("select id::text from calls where campaign_id = ?::uuid and provider_call_id is not null")
                        .param(campaign).query(String.class).list(), ids -> ids.size() == expected);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> calls.stream().allMatch(id -> {
            String providerCallId = database.owner().sql("select provider_call_id from calls where id = ?::uuid").param(id)
                    .query(String.class).single();
            return sandbox.call(providerCallId).path("call_analysis").isObject();
        }));
        return calls;
    }

    private void quietForTwoHours(String campaign) {
        database.owner().sql("update campaigns set last_activity_at = now() - interval '2 hours' where id = ?::uuid")
                .param(campaign).update();
    }

    private List<String> outcomes(String campaign) {
        return database.owner().sql("select outcome from campaign_attempts where campaign_id = ?::uuid").param(campaign)
                .query(String.class).list();
    }

    private long count(String sql, String param) {
        return database.owner().sql(sql).param(param).query(Long.class).single();
    }

    private JsonNode read(CampaignFixture owner, String call) {
        return Api.json(owner.api.perform(get("/api/v1/calls/" + call).with(owner.admin.bearer())), 200);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? "" : node.asString();
    }
}
