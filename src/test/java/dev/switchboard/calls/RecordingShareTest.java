package dev.switchboard.calls;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.switchboard.platform.SecretStore;
import dev.switchboard.platform.TenantScope;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import dev.switchboard.testing.Vendors;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/**
 * Shared recording links: a link plays the recording without signing in for 24 hours and is
 * audited; an expired link is "gone", and an altered token, a deleted recording or another
 * organization's call are "not found".
 */
@SwitchboardTest
class RecordingShareTest {

    static final byte[] AUDIO = "RIFF\0\0\0\0WAVEfmt sandbox recording".getBytes(StandardCharsets.ISO_8859_1);

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    @Autowired SecretStore secrets;
    Api api;
    Api.Account admin;
    CallRecordsFixture calls;
    UUID call;

    @BeforeEach
    void setUp() {
        api = new Api(mvc);
        admin = api.signUp("Sharing Dental");
        calls = new CallRecordsFixture(database.owner(), admin.organizationId());
        call = callWithRecording(calls);
    }

    static UUID callWithRecording(CallRecordsFixture calls) {
        String path = "/recordings/" + UUID.randomUUID() + ".wav";
        Vendors.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo(path)).willReturn(
                aResponse().withStatus(200).withHeader("Content-Type", "audio/wav").withBody(AUDIO)));
        return calls.insert("disposition", "answered", "recording_url", Vendors.baseUrl() + path,
                "recording_status", "completed");
    }

    @Test
    void aSharedLinkPlaysTheRecordingWithoutSigningInAndIsAudited() throws Exception {
        JsonNode shared = share(admin, call, 201);
        Instant expiresAt = Instant.parse(shared.get("expiresAt").asString());
        assertThat(Duration.between(Instant.now(), expiresAt)).isBetween(Duration.ofHours(23), Duration.ofHours(24));
        String path = URI.create(shared.get("url").asString()).getPath();
        assertThat(path).startsWith("/r/");

        MvcResult played = api.perform(get(path));
        assertThat(played.getResponse().getStatus()).isEqualTo(200);
        assertThat(played.getResponse().getContentType()).isEqualTo("audio/wav");
        assertThat(played.getResponse().getContentAsByteArray()).isEqualTo(AUDIO);

        assertThat(database.owner().sql("""
                        select count(*) from audit_events
                        where organization_id = ? and action = 'call.recording_shared' and target_id = ? and actor_user_id = ?""")
                .params(admin.organizationId(), call.toString(), admin.userId()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void anExpiredLinkIsGone() throws Exception {
        share(admin, call, 201);
        String token = sign(admin.organizationId(), "v1|" + call + "|" + admin.organizationId() + "|"
                + Instant.now().minusSeconds(60).getEpochSecond());
        MvcResult gone = api.perform(get("/r/" + token).accept(MediaType.TEXT_HTML));
        assertThat(gone.getResponse().getStatus()).isEqualTo(410);
        assertThat(gone.getResponse().getContentAsString()).contains("This link has expired");
    }

    @Test
    void anAlteredTokenIsNotFound() throws Exception {
        String token = URI.create(share(admin, call, 201).get("url").asString()).getPath().substring(3);
        int dot = token.indexOf('.');
        UUID other = callWithRecording(calls);
        String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(("v1|" + other + "|"
                + admin.organizationId() + "|" + Instant.now().plusSeconds(3600).getEpochSecond()).getBytes(StandardCharsets.UTF_8));
        String flipped = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "B" : "A") + token.charAt(token.length() - 1);
        for (String altered : new String[] {otherPayload + token.substring(dot), flipped, "garbage", token.substring(0, dot)}) {
            MvcResult answer = api.perform(get("/r/" + altered).accept(MediaType.TEXT_HTML));
            assertThat(answer.getResponse().getStatus()).as(altered).isEqualTo(404);
            assertThat(answer.getResponse().getContentAsString()).contains("This recording is not available");
        }
    }

    @Test
    void aDeletedRecordingsLinkIsNotFound() throws Exception {
        String path = URI.create(share(admin, call, 201).get("url").asString()).getPath();
        Api.json(api.perform(delete("/api/v1/calls/" + call + "/recording").with(admin.bearer())), 204);
        assertThat(api.perform(get(path)).getResponse().getStatus()).isEqualTo(404);
        assertThat(share(admin, call, 410).get("detail").asString()).contains("deleted");
    }

    @Test
    void anotherOrganizationCanNeitherShareNorReachTheRecording() throws Exception {
        Api.Account stranger = api.signUp("Elsewhere Sharing");
        share(stranger, call, 404);
        // A link of their own organization's key naming our call finds nothing in their organization.
        UUID theirs = callWithRecording(new CallRecordsFixture(database.owner(), stranger.organizationId()));
        share(stranger, theirs, 201);
        String forged = sign(stranger.organizationId(), "v1|" + call + "|" + stranger.organizationId() + "|"
                + Instant.now().plusSeconds(3600).getEpochSecond());
        assertThat(api.perform(get("/r/" + forged)).getResponse().getStatus()).isEqualTo(404);
        assertThat(database.owner().sql("select count(*) from audit_events where action = 'call.recording_shared' and target_id = ?")
                .param(call.toString()).query(Integer.class).single()).isZero();
    }

    @Test
    void aCallWithoutRecordingCannotBeShared() {
        UUID unanswered = calls.insert("disposition", "no_answer");
        assertThat(share(admin, unanswered, 409).get("detail").asString()).contains("no recording");
        share(admin, UUID.randomUUID(), 404);
    }

    private JsonNode share(Api.Account who, UUID callId, int status) {
        return Api.json(api.perform(post("/api/v1/calls/" + callId + "/recording/share").with(who.bearer())), status);
    }

    /** Signs a payload as the organization's own key would, to make links the API never issues. */
    private String sign(UUID organization, String payload) throws Exception {
        String key = TenantScope.callAs(organization, () -> secrets.get("calls.recording-link-key")).orElseThrow();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(bytes) + "." + b64.encodeToString(mac.doFinal(bytes));
    }
}
