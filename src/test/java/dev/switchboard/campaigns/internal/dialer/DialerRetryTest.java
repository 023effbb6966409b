package dev.switchboard.campaigns.internal.dialer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.campaigns.CampaignFixture;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * Retries on the real sandbox: an unanswered and a busy number are called again after the
 * campaign's spacing, up to its attempts, and then counted failed; an answered one is called once.
 */
@SwitchboardTest
@TestPropertySource(properties = {
        "switchboard.sandbox.url=",
        "switchboard.sandbox.provision-numbers=true",
        "switchboard.sandbox.time-scale=120",
        "switchboard.sandbox.seed=7"})
class DialerRetryTest {

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    @Autowired Pacing pacing;

    @Test
    void noAnswerAndBusyAreRetriedAfterTheSpacingThenCountedFailed() {
        CampaignFixture fixture = CampaignFixture.readyToCall(new Api(mvc), database, "Retry Realty");
        fixture.callingRules(Map.of("callingHoursEnabled", false));
        String noAnswer = "+14155310003";
        String busy = "+14155320004";
        String answers = "+14155330001";
        String id = fixture.campaign(fixture.contactList(List.of(noAnswer, busy, answers)),
                Map.of("maxAttempts", 2, "retryDelayMinutes", 1, "retryOn", List.of("no_answer", "busy")));
        Api.json(fixture.action(id, "start", fixture.admin), 200);

        await().atMost(Duration.ofSeconds(60)).until(() -> retriesWaiting(id) == 2
                && fixture.read(id).get("progress").get("processed").asInt() == 1);
        JsonNode between = fixture.read(id);
        assertThat(between.get("status").asString()).isEqualTo("processing");
        assertThat(between.get("progress").get("processed").asInt()).isEqualTo(1);
        assertThat(between.get("dialing").get("waiting").asInt()).isEqualTo(2);
        Instant due = database.owner().sql("select min(not_before) from campaign_attempts where campaign_id = ?::uuid and attempt = 2")
                .param(id).query(java.sql.Timestamp.class).single().toInstant();
        assertThat(due).isAfter(Instant.now().plusSeconds(20));

        // The spacing passes.
        database.owner().sql("update campaign_attempts set not_before = now() where campaign_id = ?::uuid and state = 'pending'")
                .param(id).update();
        pacing.kick(fixture.admin.organizationId(), UUID.fromString(id), Instant.now());

        JsonNode done = fixture.awaitStatus(id, "completed", Duration.ofSeconds(60));
        assertThat(done.get("progress").get("processed").asInt()).isEqualTo(3);
        assertThat(done.get("progress").get("completed").asInt()).isEqualTo(1);
        assertThat(done.get("progress").get("failed").asInt()).isEqualTo(2);
        assertThat(done.get("dialing").get("callsPlaced").asInt()).isEqualTo(5);
        assertThat(fixture.callsTo(id, noAnswer)).isEqualTo(2);
        assertThat(fixture.callsTo(id, busy)).isEqualTo(2);
        assertThat(fixture.callsTo(id, answers)).isEqualTo(1);
    }

    private int retriesWaiting(String id) {
        return database.owner().sql("select count(*) from campaign_attempts where campaign_id = ?::uuid and attempt = 2 and state = 'pending'")
                .param(id).query(Integer.class).single();
    }
}
