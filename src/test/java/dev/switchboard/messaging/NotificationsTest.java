package dev.switchboard.messaging;

import static dev.switchboard.testing.PageRequests.form;
import static dev.switchboard.testing.PageRequests.page;
import static dev.switchboard.testing.PageRequests.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import dev.switchboard.identity.internal.credentials.Sessions;
import dev.switchboard.platform.TenantScope;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.Outbox;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import jakarta.servlet.http.Cookie;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Notification recipients and events, the campaign e-mails, and their delivery log. */
@SwitchboardTest
class NotificationsTest {

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    @Autowired Sessions sessions;
    @Autowired CampaignNotices notices;
    @Autowired TransactionTemplate tx;
    Api api;
    Api.Account admin;
    JdbcClient owner;

    @BeforeEach
    void setUp() {
        api = new Api(mvc);
        owner = database.owner();
        admin = api.signUp("Notify Co");
    }

    @Test
    void untilRecipientsAreChosenTheAdminsReceiveEveryNotification() {
        JsonNode body = Api.json(api.perform(get("/api/v1/organization/notifications").with(admin.bearer())), 200);

        assertThat(body.path("recipients").size()).isZero();
        assertThat(body.path("effectiveRecipients").get(0).asString()).isEqualTo(admin.email().toLowerCase());
        assertThat(body.path("campaignStarted").asBoolean()).isTrue();
        assertThat(body.path("campaignCompleted").asBoolean()).isTrue();
        assertThat(body.path("campaignFailed").asBoolean()).isTrue();
    }

    @Test
    void adminsChooseRecipientsAndEventsAndTheChangeIsAudited() {
        JsonNode body = Api.json(api.perform(put("/api/v1/organization/notifications").with(admin.bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"recipients\": [\" Ops@Example.com \", \"ops@example.com\", \"sales@example.com\"], \"campaignStarted\": false}")), 200);

        assertThat(body.path("recipients").toString()).isEqualTo("[\"ops@example.com\",\"sales@example.com\"]");
        assertThat(body.path("effectiveRecipients").toString()).isEqualTo("[\"ops@example.com\",\"sales@example.com\"]");
        assertThat(body.path("campaignStarted").asBoolean()).isFalse();
        assertThat(body.path("campaignCompleted").asBoolean()).isTrue();
        assertThat(owner.sql("select count(*) from audit_events where organization_id = ? and action = 'notifications.preferences_changed'")
                .param(admin.organizationId()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aBadAddressIsNamedWithItsPosition() {
        JsonNode problem = Api.json(api.perform(put("/api/v1/organization/notifications").with(admin.bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"recipients\": [\"ops@example.com\", \"not an address\"]}")), 422);

        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("recipients[1]");
        assertThat(problem.path("errors").get(0).path("message").asString()).contains("'not an address' is not an e-mail address");

        JsonNode empty = Api.json(api.perform(put("/api/v1/organization/notifications").with(admin.bearer())
                .contentType(MediaType.APPLICATION_JSON).content("{}")), 422);
        assertThat(empty.path("detail").asString()).contains("Send at least one of the fields recipients");
    }

    @Test
    void tooManyRecipientsAreRefused() {
        String many = String.join(",", java.util.stream.IntStream.range(0, 21).mapToObj(i -> "\"p" + i + "@example.com\"").toList());
        JsonNode problem = Api.json(api.perform(put("/api/v1/organization/notifications").with(admin.bearer())
                .contentType(MediaType.APPLICATION_JSON).content("{\"recipients\": [" + many + "]}")), 422);
        assertThat(problem.path("errors").get(0).path("message").asString()).contains("at most 20 addresses");
    }

    @Test
    void viewersReadButCannotChange() {
        Api.Account viewer = member(Roles.VIEWER);
        Api.json(api.perform(get("/api/v1/organization/notifications").with(viewer.bearer())), 200);
        Api.json(api.perform(put("/api/v1/organization/notifications").with(viewer.bearer())
                .contentType(MediaType.APPLICATION_JSON).content("{\"campaignFailed\": false}")), 403);
    }

    @Test
    void campaignMailsGoOnceToEachRecipientOfTheirOwnOrganizationOnly() {
        Api.Account other = api.signUp("Other Co");
        CampaignNotices.Campaign campaign = campaign("Spring renewals");

        as(admin, () -> notices.started(campaign, 1234));
        as(admin, () -> notices.started(campaign, 1234));
        as(admin, () -> notices.completed(campaign, List.of(new CampaignNotices.Figure("Calls", "1,234"),
                new CampaignNotices.Figure("Success rate", "42.0%")), campaign.path() + "/export.csv"));

        assertThat(Outbox.count(database, admin.email(), "campaign-started")).isEqualTo(1);
        assertThat(Outbox.latest(database, admin.email(), "campaign-started")).contains("Spring renewals")
                .contains("1,234 contacts").contains(campaign.path());
        assertThat(Outbox.latest(database, admin.email(), "campaign-completed")).contains("Success rate: 42.0%")
                .contains("Calls: 1,234").contains(campaign.path() + "/export.csv");
        assertThat(Outbox.count(database, other.email(), "campaign-started")).isZero();

        JsonNode log = Api.json(api.perform(get("/api/v1/organization/notifications/deliveries").with(admin.bearer())), 200);
        assertThat(log.path("data").size()).isEqualTo(2);
        assertThat(log.path("data").get(0).path("event").asString()).isEqualTo("campaign_completed");
        assertThat(log.path("data").get(0).path("status").asString()).isIn("queued", "captured");
        JsonNode otherLog = Api.json(api.perform(get("/api/v1/organization/notifications/deliveries").with(other.bearer())), 200);
        assertThat(otherLog.path("data").size()).isZero();
    }

    @Test
    void aFailureMailSaysWhatHappenedAndWhatToDoUnlessTheEventIsTurnedOff() {
        CampaignNotices.Campaign first = campaign("Winter leads");
        as(admin, () -> notices.failed(first, "The voice provider refused the API key.",
                "Reconnect the provider in Settings, then resume the campaign."));
        assertThat(Outbox.latest(database, admin.email(), "campaign-failed"))
                .contains("What happened: The voice provider refused the API key.")
                .contains("What to do: Reconnect the provider in Settings, then resume the campaign.");

        Api.json(api.perform(put("/api/v1/organization/notifications").with(admin.bearer())
                .contentType(MediaType.APPLICATION_JSON).content("{\"campaignFailed\": false}")), 200);
        as(admin, () -> notices.failed(campaign("Summer leads"), "Broken.", "Fix it."));
        assertThat(Outbox.count(database, admin.email(), "campaign-failed")).isEqualTo(1);
    }

    @Test
    void chosenRecipientsReplaceTheAdmins() {
        Api.json(api.perform(put("/api/v1/organization/notifications").with(admin.bearer())
                .contentType(MediaType.APPLICATION_JSON).content("{\"recipients\": [\"team-" + admin.organizationId() + "@example.com\"]}")), 200);
        as(admin, () -> notices.started(campaign("Autumn"), 10));
        assertThat(Outbox.count(database, "team-" + admin.organizationId() + "@example.com", "campaign-started")).isEqualTo(1);
        assertThat(Outbox.count(database, admin.email(), "campaign-started")).isZero();
    }

    @Test
    void theSettingsPageSavesForAdminsShowsErrorsAndIsReadOnlyForViewers() throws Exception {
        Cookie adminSession = session(sessions, admin.userId(), admin.organizationId());
        String html = mvc.perform(page("/settings/notifications", adminSession)).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("E-mail preferences").contains("Save changes").contains(admin.email().toLowerCase())
                .contains("No notifications sent yet");

        MvcResult saved = mvc.perform(form("/settings/notifications", adminSession, "recipients", "ops@example.com\nsales@example.com",
                "events", "campaign_completed")).andReturn();
        assertThat(saved.getResponse().getStatus()).isEqualTo(302);
        JsonNode body = Api.json(api.perform(get("/api/v1/organization/notifications").with(admin.bearer())), 200);
        assertThat(body.path("recipients").size()).isEqualTo(2);
        assertThat(body.path("campaignStarted").asBoolean()).isFalse();
        assertThat(body.path("campaignCompleted").asBoolean()).isTrue();

        MvcResult bad = mvc.perform(form("/settings/notifications", adminSession, "recipients", "nope")).andReturn();
        assertThat(bad.getResponse().getStatus()).isEqualTo(422);
        assertThat(bad.getResponse().getContentAsString()).contains("'nope' is not an e-mail address");

        Api.Account viewer = member(Roles.VIEWER);
        Cookie viewerSession = session(sessions, viewer.userId(), admin.organizationId());
        String asViewer = mvc.perform(page("/settings/notifications", viewerSession)).andReturn().getResponse().getContentAsString();
        assertThat(asViewer).contains("Only admins can change these settings.").doesNotContain("Save changes");
    }

    private CampaignNotices.Campaign campaign(String name) {
        UUID id = UUID.randomUUID();
        return new CampaignNotices.Campaign(id, name, "/campaigns/" + id);
    }

    private void as(Api.Account account, Runnable work) {
        TenantScope.runAs(account.organizationId(), () -> tx.executeWithoutResult(s -> work.run()));
    }

    private enum Roles { VIEWER }

    private Api.Account member(Roles role) {
        Api.Account own = api.signUp("Home of a viewer");
        owner.sql("insert into memberships (organization_id, user_id, role, created_at) values (?, ?, 'viewer', clock_timestamp())")
                .params(admin.organizationId(), own.userId()).update();
        return api.signIn(own.email(), own.password(), admin.organizationId());
    }
}
