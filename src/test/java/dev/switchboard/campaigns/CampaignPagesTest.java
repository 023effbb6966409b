package dev.switchboard.campaigns;

import static dev.switchboard.testing.PageRequests.form;
import static dev.switchboard.testing.PageRequests.page;
import static dev.switchboard.testing.PageRequests.session;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.identity.internal.credentials.Sessions;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import jakarta.servlet.http.Cookie;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/** The campaign pages: the list with its creation form, the live page and its refreshed part, actions. */
@SwitchboardTest
@TestPropertySource(properties = {
        "switchboard.sandbox.url=",
        "switchboard.sandbox.provision-numbers=true",
        "switchboard.sandbox.time-scale=120",
        "switchboard.sandbox.seed=7"})
class CampaignPagesTest {

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    @Autowired Sessions sessions;

    @Test
    void createFromTheFormThenStartAndPauseOnTheLivePage() throws Exception {
        CampaignFixture fixture = CampaignFixture.readyToCall(new Api(mvc), database, "Pages Dental");
        fixture.closeCallingHours();
        UUID list = fixture.contactList(CampaignFixture.numbers(2, "0001"));
        Cookie admin = session(sessions, fixture.admin.userId(), fixture.admin.organizationId());
        assertThat(html(fixture.api.perform(page("/campaigns", admin)), 200)).contains("No campaigns yet")
                .contains("New campaign").contains("Renewals");

        MvcResult created = fixture.api.perform(form("/campaigns", admin, "name", "Winter check-ups", "agentId", fixture.agentId,
                "contactListId", list.toString(), "concurrency", "2", "maxAttempts", "1", "retryDelayMinutes", "60"));
        assertThat(created.getResponse().getStatus()).isEqualTo(302);
        String location = created.getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/campaigns/");
        assertThat(html(fixture.api.perform(page(location, admin)), 200)).contains("Winter check-ups").contains("Pending")
                .contains("data-live-channels=\"campaigns\"")
                .contains("hx-trigger=\"live-campaign-progress[detail.campaignId==&#39;" + location.substring("/campaigns/".length()) + "&#39;]");

        assertThat(fixture.api.perform(form(location + "/start", admin)).getResponse().getStatus()).isEqualTo(302);
        assertThat(html(fixture.api.perform(page(location + "/live", admin)), 200)).contains("Processing").contains("Waiting");
        fixture.api.perform(form(location + "/pause", admin));
        assertThat(html(fixture.api.perform(page(location, admin)), 200)).contains("Paused").contains(">Resume<");
        assertThat(html(fixture.api.perform(page("/campaigns", admin)), 200)).contains("Winter check-ups");

        MvcResult duplicate = fixture.api.perform(form("/campaigns", admin, "name", "winter check-ups", "agentId",
                fixture.agentId, "contactListId", list.toString(), "concurrency", "2"));
        assertThat(duplicate.getFlashMap().get("flash.danger").toString()).contains("already used");

        Api.Account stranger = fixture.api.signUp("Pages Elsewhere");
        Cookie other = session(sessions, stranger.userId(), stranger.organizationId());
        html(fixture.api.perform(page(location, other)), 404);
        assertThat(html(fixture.api.perform(page("/campaigns", other)), 200)).doesNotContain("Winter check-ups");
        fixture.api.perform(form(location + "/cancel", other));
        assertThat(fixture.read(location.substring("/campaigns/".length())).get("status").asString()).isEqualTo("paused");
        fixture.action(location.substring("/campaigns/".length()), "cancel", fixture.admin);
    }

    @Test
    void theFormOffersProviderBatchesOnTheSandboxAndCreatesABatchCampaign() throws Exception {
        CampaignFixture fixture = CampaignFixture.readyToCall(new Api(mvc), database, "Pages Batches");
        UUID list = fixture.contactList(CampaignFixture.numbers(2, "0501"));
        Cookie admin = session(sessions, fixture.admin.userId(), fixture.admin.organizationId());
        assertThat(html(fixture.api.perform(page("/campaigns", admin)), 200))
                .contains("name=\"dispatchMode\" value=\"pacer\" checked")
                .contains("value=\"provider_batch\"").contains("Your voice provider dials the whole list as batches");

        MvcResult created = fixture.api.perform(form("/campaigns", admin, "name", "Batch check-ups", "agentId", fixture.agentId,
                "contactListId", list.toString(), "concurrency", "2", "maxAttempts", "1", "dispatchMode", "provider_batch"));
        String location = created.getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/campaigns/");
        assertThat(fixture.read(location.substring("/campaigns/".length())).get("dispatchMode").asString())
                .isEqualTo("provider_batch");
        assertThat(html(fixture.api.perform(page(location, admin)), 200)).contains("through your voice provider");
    }

    @Test
    void aScheduledCampaignsStartIsMovedOnItsPageInItsOwnTimeZone() throws Exception {
        CampaignFixture fixture = CampaignFixture.readyToCall(new Api(mvc), database, "Pages Later");
        fixture.callingRules(Map.of("callingHoursEnabled", false));
        String campaign = fixture.campaign(fixture.contactList(CampaignFixture.numbers(1, "0001")),
                Map.of("startAt", "2099-01-05T09:00", "timeZone", "America/Chicago"));
        Api.json(fixture.action(campaign, "start", fixture.admin), 200);
        Cookie admin = session(sessions, fixture.admin.userId(), fixture.admin.organizationId());
        assertThat(html(fixture.api.perform(page("/campaigns/" + campaign, admin)), 200)).contains("id=\"reschedule-campaign\"")
                .contains("value=\"2099-01-05T09:00\"").contains("In America/Chicago.");

        MvcResult moved = fixture.api.perform(form("/campaigns/" + campaign + "/schedule", admin, "startAt", "2099-01-06T10:30"));

        assertThat(moved.getFlashMap().get("flash.success").toString()).contains("is scheduled for 2099-01-06 10:30");
        JsonNode schedule = fixture.read(campaign).get("schedule");
        assertThat(schedule.get("startAt").asString()).isEqualTo("2099-01-06T16:30:00Z");
        assertThat(schedule.get("timeZone").asString()).isEqualTo("America/Chicago");
        MvcResult past = fixture.api.perform(form("/campaigns/" + campaign + "/schedule", admin, "startAt", "2001-01-01T10:30"));
        assertThat(past.getFlashMap().get("flash.danger").toString()).contains("startAt is in the past");
        fixture.action(campaign, "cancel", fixture.admin);
    }

    private static String html(MvcResult result, int status) throws Exception {
        assertThat(result.getResponse().getStatus()).isEqualTo(status);
        return result.getResponse().getContentAsString();
    }
}
