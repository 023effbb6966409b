package dev.switchboard.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/**
 * A call's transcript as a text file, and deleting its recording: administrators only, audited,
 * for good (a provider event delivered again does not bring it back), and never another
 * organization's.
 */
@SwitchboardTest
class CallsApiRecordingTest {

    static final String TURNS = """
            [{"speaker": "agent", "text": "Hi Ann, this is Calling Dental.", "start": 0.4, "end": 2.1},
             {"speaker": "user", "text": "Oh hello, yes.", "start": 65.2, "end": 66.0}]""";

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    Api api;
    Api.Account admin;
    CallRecordsFixture calls;

    @BeforeEach
    void setUp() {
        api = new Api(mvc);
        admin = api.signUp("Transcript Dental");
        calls = CallRecordsFixture.inZone(database.owner(), admin.organizationId(), "Europe/Paris");
    }

    @Test
    void theTranscriptIsATextFileWithTimesAndSpeakers() throws Exception {
        UUID call = calls.insert("transcript_turns", TURNS, "transcript", "Agent: Hi Ann\nUser: Oh hello",
                "started_at", Instant.parse("2026-03-04T09:00:00Z"), "duration_seconds", 66);
        MvcResult result = api.perform(get("/api/v1/calls/" + call + "/transcript.txt").with(admin.bearer()));
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(result.getResponse().getContentType()).startsWith("text/plain").contains("UTF-8");
        assertThat(result.getResponse().getHeader("Content-Disposition"))
                .isEqualTo("attachment; filename=\"call-" + call + "-transcript.txt\"");
        String text = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(text).contains("Call " + call).contains("From +14155550100 to +14155551234 (outbound)")
                .contains("Started 2026-03-04 10:00:00 +01:00").contains("Duration 01:06")
                .contains("[00:00] Agent: Hi Ann, this is Calling Dental.\r\n[01:05] Caller: Oh hello, yes.\r\n");
    }

    @Test
    void aCallWithoutTranscriptAndAnotherOrganizationsCallAreNotFound() {
        UUID silent = calls.insert("disposition", "no_answer");
        JsonNode problem = Api.json(api.perform(get("/api/v1/calls/" + silent + "/transcript.txt").with(admin.bearer())), 404);
        assertThat(problem.get("detail").asString()).contains("no transcript");
        UUID call = calls.insert("transcript_turns", TURNS);
        Api.Account stranger = api.signUp("Elsewhere Transcripts");
        Api.json(api.perform(get("/api/v1/calls/" + call + "/transcript.txt").with(stranger.bearer())), 404);
    }

    @Test
    void onlyAdministratorsDeleteRecordingsAndItIsAuditedAndFinal() {
        UUID call = calls.insert("recording_url", "https://recordings.example.com/a.wav", "recording_status", "completed");
        Api.json(api.perform(delete("/api/v1/calls/" + call + "/recording").with(member("manager").bearer())), 403);
        Api.json(api.perform(delete("/api/v1/calls/" + call + "/recording").with(member("viewer").bearer())), 403);
        assertThat(read(call).get("recordingUrl").asString()).isEqualTo("https://recordings.example.com/a.wav");

        Api.json(api.perform(delete("/api/v1/calls/" + call + "/recording").with(admin.bearer())), 204);
        JsonNode after = read(call);
        assertThat(after.hasNonNull("recordingUrl")).isFalse();
        assertThat(after.get("recordingStatus").asString()).isEqualTo("deleted");
        assertThat(after.hasNonNull("recordingDeletedAt")).isTrue();
        Api.json(api.perform(delete("/api/v1/calls/" + call + "/recording").with(admin.bearer())), 204);
        assertThat(database.owner().sql("""
                        select count(*) from audit_events where organization_id = ? and action = 'call.recording_deleted'
                        and target_id = ? and actor_user_id = ?""")
                .params(admin.organizationId(), call.toString(), admin.userId()).query(Integer.class).single()).isEqualTo(1);

        // A provider event delivered again merges the recording address: the deletion holds.
        database.owner().sql("update calls set recording_url = coalesce('https://recordings.example.com/a.wav', recording_url), "
                + "recording_status = 'completed' where id = ?").param(call).update();
        assertThat(read(call).hasNonNull("recordingUrl")).isFalse();
        assertThat(read(call).get("recordingStatus").asString()).isEqualTo("deleted");
    }

    @Test
    void anotherOrganizationCannotDeleteTheRecording() {
        UUID call = calls.insert("recording_url", "https://recordings.example.com/b.wav", "recording_status", "completed");
        Api.Account stranger = api.signUp("Elsewhere Deleting");
        Api.json(api.perform(delete("/api/v1/calls/" + call + "/recording").with(stranger.bearer())), 404);
        assertThat(read(call).get("recordingUrl").asString()).isEqualTo("https://recordings.example.com/b.wav");
    }

    @Test
    void aCallWithoutRecordingHasNothingToDelete() {
        UUID call = calls.insert("disposition", "busy");
        assertThat(Api.json(api.perform(delete("/api/v1/calls/" + call + "/recording").with(admin.bearer())), 409)
                .get("detail").asString()).contains("no recording");
    }

    private JsonNode read(UUID call) {
        return Api.json(api.perform(get("/api/v1/calls/" + call).with(admin.bearer())), 200);
    }

    private Api.Account member(String role) {
        Api.Account person = api.signUp("Own " + role);
        database.owner().sql("insert into memberships (organization_id, user_id, role, created_at) values (?, ?, ?, now())")
                .params(admin.organizationId(), person.userId(), role).update();
        return api.signIn(person.email(), person.password(), admin.organizationId());
    }
}
