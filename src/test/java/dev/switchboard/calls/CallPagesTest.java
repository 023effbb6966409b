package dev.switchboard.calls;

import static dev.switchboard.testing.PageRequests.form;
import static dev.switchboard.testing.PageRequests.page;
import static dev.switchboard.testing.PageRequests.session;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.identity.Pages;
import dev.switchboard.identity.internal.credentials.Sessions;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The calls pages as each role sees them: empty states, the list with its filters, export link
 * and live region, one call's tabs, playing, sharing and deleting its recording, the "New call"
 * form's inline errors, and another organization's call "not found".
 */
@SwitchboardTest
class CallPagesTest {

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    @Autowired Sessions sessions;
    Api api;
    Api.Account admin;
    Cookie adminSession;
    CallRecordsFixture calls;

    @BeforeEach
    void setUp() {
        api = new Api(mvc);
        admin = api.signUp("Call Pages Co");
        adminSession = session(sessions, admin.userId(), admin.organizationId());
        calls = new CallRecordsFixture(database.owner(), admin.organizationId());
    }

    @Test
    void emptyStatesSayWhatWillBeHere() {
        String none = html(api.perform(page("/calls", adminSession)), 200);
        assertThat(none).contains("No calls yet").contains("href=\"/calls/new\"").contains("data-live-channels=\"calls\"");
        calls.insert("contact_name", "Ann Archer");
        String filtered = html(api.perform(page("/calls?q=Nobody", adminSession)), 200);
        assertThat(filtered).contains("No calls match these filters").doesNotContain("Ann Archer");
        UUID silent = calls.insert("disposition", "no_answer");
        String detail = html(api.perform(page("/calls/" + silent, adminSession)), 200);
        assertThat(detail).contains("No transcript yet").contains("No recording").contains("No events yet");
    }

    @Test
    void theListFiltersLinksTheExportAndRefreshesLive() {
        UUID answered = calls.insert("disposition", "answered", "contact_name", "Ann Archer", "duration_seconds", 125,
                "cost_cents", new java.math.BigDecimal("31.2000"));
        calls.insert("disposition", "voicemail", "contact_name", "Bo Bright");
        String list = html(api.perform(page("/calls?disposition=answered&from=2026-03-01&to=2026-03-31", adminSession)), 200);
        assertThat(list).contains("Ann Archer").doesNotContain("Bo Bright").contains("href=\"/calls/" + answered + "\"")
                .contains("02:05").contains("$0.31")
                .contains("href=\"/api/v1/calls/export.csv?disposition=answered&amp;from=2026-03-01&amp;to=2026-03-31\"")
                .contains("hx-trigger=\"live-call-changed from:body\"").contains("type=\"date\"");
        UUID campaign = UUID.randomUUID();
        UUID ofCampaign = calls.insert("campaign_id", campaign, "contact_name", "Cy Campaign");
        String byCampaign = html(api.perform(page("/calls?campaignId=" + campaign, adminSession)), 200);
        assertThat(byCampaign).contains("href=\"/calls/" + ofCampaign + "\"").doesNotContain("Ann Archer")
                .contains("name=\"campaignId\" value=\"" + campaign + "\"");
        String bad = html(api.perform(page("/calls?from=soon", adminSession)), 200);
        assertThat(bad).contains("These filters cannot be applied").contains("From must be a day");
    }

    @Test
    void oneCallShowsItsTabsAndPlaysItsRecording() throws Exception {
        UUID call = RecordingShareTest.callWithRecording(calls);
        database.owner().sql("update calls set transcript_turns = ?::jsonb, analysis = ?::jsonb where id = ?")
                .params(CallsApiRecordingTest.TURNS, CallRecordsFixture.analysis("Positive", true, "Confirmed the visit"), call)
                .update();
        String detail = html(api.perform(page("/calls/" + call, adminSession)), 200);
        assertThat(detail).contains("role=\"tablist\"").contains("Hi Ann, this is Calling Dental.").contains("01:05")
                .contains("<audio").contains("src=\"/calls/" + call + "/recording\"").contains("Confirmed the visit")
                .contains("/api/v1/calls/" + call + "/transcript.txt").contains("Delete recording")
                .contains("hx-trigger=\"live-call-changed[detail.callId=='" + call + "'] from:body\"");
        MvcResult played = api.perform(page("/calls/" + call + "/recording", adminSession));
        assertThat(played.getResponse().getStatus()).isEqualTo(200);
        assertThat(played.getResponse().getContentAsByteArray()).isEqualTo(RecordingShareTest.AUDIO);
    }

    @Test
    void theRecordingIsSharedAndDeletedFromThePage() {
        UUID call = RecordingShareTest.callWithRecording(calls);
        MvcResult shared = api.perform(form("/calls/" + call + "/recording/share", adminSession));
        assertThat(shared.getResponse().getRedirectedUrl()).isEqualTo("/calls/" + call + "?tab=recording");
        String link = (String) shared.getFlashMap().get("sharedLink");
        assertThat(link).contains("/r/");
        String shown = html(api.perform(page("/calls/" + call + "?tab=recording", adminSession).cookie(shared.getResponse().getCookie("sb_flash"))), 200);
        assertThat(shown).contains(link).contains("Anyone with this link can listen").doesNotContain("listen until —");

        Cookie manager = session(sessions, member("manager"), admin.organizationId());
        assertThat(html(api.perform(page("/calls/" + call, manager)), 200)).doesNotContain("Delete recording");
        assertThat(api.perform(form("/calls/" + call + "/recording/delete", manager)).getResponse().getStatus()).isEqualTo(403);
        MvcResult deleted = api.perform(form("/calls/" + call + "/recording/delete", adminSession));
        assertThat((String) deleted.getFlashMap().get(Pages.FLASH_SUCCESS)).contains("recording is deleted");
        assertThat(html(api.perform(page("/calls/" + call + "?tab=recording", adminSession)), 200)).contains("Recording deleted")
                .doesNotContain("<audio");
    }

    @Test
    void theNewCallFormExplainsEachFieldInline() {
        String empty = html(api.perform(page("/calls/new", adminSession)), 200);
        assertThat(empty).contains("name=\"to\"").contains("name=\"agentId\"").contains("name=\"variableName\"")
                .contains("Add variable");
        String testNumber = html(api.perform(form("/calls/new", adminSession, "to", "+15551234567",
                "variableName", "first_name", "variableValue", "Ann")), 422);
        assertThat(testNumber).contains("test pattern").contains("value=\"+15551234567\"").contains("value=\"first_name\"")
                .contains("value=\"Ann\"");
        String orphanValue = html(api.perform(form("/calls/new", adminSession, "to", "+14155550001",
                "variableName", "", "variableValue", "Ann")), 422);
        assertThat(orphanValue).contains("Each value needs a variable name");
        Cookie viewer = session(sessions, member("viewer"), admin.organizationId());
        assertThat(api.perform(page("/calls/new", viewer)).getResponse().getStatus()).isEqualTo(403);
        assertThat(html(api.perform(page("/calls", viewer)), 200)).doesNotContain("href=\"/calls/new\"");
    }

    @Test
    void anotherOrganizationsCallIsNotFound() {
        UUID call = RecordingShareTest.callWithRecording(calls);
        Api.Account stranger = api.signUp("Elsewhere Pages");
        Cookie theirs = session(sessions, stranger.userId(), stranger.organizationId());
        assertThat(api.perform(page("/calls/" + call, theirs)).getResponse().getStatus()).isEqualTo(404);
        assertThat(api.perform(page("/calls/" + call + "/recording", theirs)).getResponse().getStatus()).isEqualTo(404);
        assertThat(api.perform(form("/calls/" + call + "/recording/share", theirs)).getResponse().getStatus()).isEqualTo(404);
        assertThat(html(api.perform(page("/calls", theirs)), 200)).contains("No calls yet");
    }

    private UUID member(String role) {
        UUID id = UUID.randomUUID();
        database.owner().sql("insert into users (id, email, full_name, password_hash) values (?, ?, 'Pat Person', '{noop}unusable')")
                .params(id, Api.uniqueEmail(role)).update();
        database.owner().sql("insert into memberships (organization_id, user_id, role) values (?, ?, ?)")
                .params(admin.organizationId(), id, role).update();
        return id;
    }

    private static String html(MvcResult result, int expectedStatus) {
        try {
            assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(expectedStatus);
            return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
