package dev.switchboard.campaigns.internal.dialer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import dev.switchboard.campaigns.CampaignFixture;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.EmbeddedSandbox;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/**
 * A scheduled campaign starts at its start time, to the second (not at the watchdog's next
 * minute); moved, it starts at its new time and never at the old one; cancelled, it never starts.
 * The property set is CampaignFixture's, so the context is shared with the other sandbox tests.
 */
@SwitchboardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EmbeddedSandbox
class ScheduledStartOnTimeTest {

    /** How late a start may be: the job system's wake-up and one start's work, on a busy machine (the watchdog alone would be up to a minute late). */
    private static final Duration ON_TIME = Duration.ofSeconds(4);

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    CampaignFixture fixture;

    @BeforeAll
    void anOrganizationReadyToCallAtAnyHour() {
        fixture = CampaignFixture.readyToCall(new Api(mvc), database, "On Time Co");
        // Calling hours are on by default and would hold the contacts back at night in Los Angeles.
        fixture.callingRules(Map.of("callingHoursEnabled", false));
    }

    @Test
    void aScheduledCampaignStartsAtItsTime() {
        Instant at = soon(4);
        String campaign = scheduledFor(at);

        assertStartedAt(campaign, at);
    }

    @Test
    void aCampaignMovedLaterStartsAtItsNewTimeNotTheOld() {
        Instant old = soon(3);
        String campaign = scheduledFor(old);
        Instant moved = soon(12);

        JsonNode rescheduled = reschedule(campaign, moved.toString());

        assertThat(rescheduled.get("status").asString()).isEqualTo("scheduled");
        assertThat(Instant.parse(rescheduled.get("schedule").get("startAt").asString())).isEqualTo(moved);
        await().pollDelay(Duration.between(Instant.now(), old.plus(ON_TIME))).atMost(Duration.ofSeconds(10))
                .until(() -> true);
        assertThat(fixture.read(campaign).get("status").asString()).as("past its old time").isEqualTo("scheduled");
        assertStartedAt(campaign, moved);
    }

    @Test
    void aCampaignMovedEarlierStartsAtItsNewTime() {
        String campaign = scheduledFor(soon(50));
        Instant moved = soon(3);

        reschedule(campaign, moved.toString());

        assertStartedAt(campaign, moved);
    }

    @Test
    void aCancelledScheduledCampaignNeverStarts() {
        Instant at = soon(3);
        String campaign = scheduledFor(at);

        Api.json(fixture.action(campaign, "cancel", fixture.admin), 200);

        await().pollDelay(Duration.between(Instant.now(), at.plus(ON_TIME))).atMost(Duration.ofSeconds(10))
                .until(() -> true);
        JsonNode cancelled = fixture.read(campaign);
        assertThat(cancelled.get("status").asString()).isEqualTo("cancelled");
        assertThat(cancelled.hasNonNull("startedAt")).as("never started").isFalse();
        assertThat(attempts(campaign)).as("no contact was called").isZero();
        assertThat(database.owner().sql("select count(*) from scheduled_tasks where task_instance like ?")
                .param(campaign + "%").query(Long.class).single()).as("its start was taken off the schedule").isZero();
    }

    @Test
    void aScheduledCampaignGivenNoTimeStartsNow() {
        String campaign = scheduledFor(soon(50));

        JsonNode now = reschedule(campaign, null);

        assertThat(now.get("status").asString()).isEqualTo("processing");
    }

    @Test
    void onlyACampaignThatHasNotStartedCanBeMoved() {
        String campaign = fixture.campaign(fixture.contactList(CampaignFixture.numbers(1, "0001")), Map.of());
        Api.json(fixture.action(campaign, "start", fixture.admin), 200);

        JsonNode problem = Api.json(schedule(campaign, soon(60).toString()), 409);

        assertThat(problem.get("detail").asString()).contains("cannot be rescheduled");
    }

    /** A campaign of one contact, started to begin at {@code at}. */
    private String scheduledFor(Instant at) {
        String campaign = fixture.campaign(fixture.contactList(CampaignFixture.numbers(1, "0001")),
                Map.of("startAt", at.toString()));
        assertThat(Api.json(fixture.action(campaign, "start", fixture.admin), 200).get("status").asString())
                .isEqualTo("scheduled");
        return campaign;
    }

    private void assertStartedAt(String campaign, Instant at) {
        JsonNode started = await().atMost(Duration.between(Instant.now(), at.plusSeconds(10)))
                .pollInterval(Duration.ofMillis(100)).until(() -> fixture.read(campaign),
                        c -> !"scheduled".equals(c.get("status").asString()));
        assertThat(started.get("status").asString()).isIn("processing", "completed");
        Instant startedAt = Instant.parse(started.get("startedAt").asString());
        assertThat(startedAt).as("not before its time").isAfterOrEqualTo(at);
        assertThat(startedAt).as("on time").isBefore(at.plus(ON_TIME));
        assertThat(attempts(campaign)).isEqualTo(1);
    }

    private JsonNode reschedule(String campaign, String startAt) {
        return Api.json(schedule(campaign, startAt), 200);
    }

    private MvcResult schedule(String campaign, String startAt) {
        Map<String, Object> body = startAt == null ? Map.of() : Map.of("startAt", startAt);
        return fixture.api.perform(put("/api/v1/campaigns/" + campaign + "/schedule").with(fixture.admin.bearer())
                .contentType(MediaType.APPLICATION_JSON).content(Api.body(body)));
    }

    private long attempts(String campaign) {
        return database.owner().sql("select count(*) from campaign_attempts where campaign_id = ?::uuid").param(campaign)
                .query(Long.class).single();
    }

    private static Instant soon(int seconds) {
        return Instant.now().plusSeconds(seconds).truncatedTo(ChronoUnit.MILLIS);
    }
}
