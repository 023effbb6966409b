package dev.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.switchboard.identity.internal.credentials.SecretTokens;
import dev.switchboard.identity.internal.invitation.InvitationNotifier;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/** Inviting people and joining by invitation. The links are captured instead of e-mailed. */
@SwitchboardTest
@Import(InvitationApiTest.RecordingNotifierConfiguration.class)
class InvitationApiTest {

    /** What the notifier was asked to send. */
    record Sent(String email, String organizationName, String inviterName, Role role, String acceptUrl, Instant expiresAt) {
        String token() {
            return acceptUrl.substring(acceptUrl.lastIndexOf('/') + 1);
        }
    }

    static final class RecordingNotifier implements InvitationNotifier {
        final List<Sent> sent = new CopyOnWriteArrayList<>();

        @Override
        public void invitationCreated(String email, String organizationName, String inviterName, Role role,
                                      String acceptUrl, Instant expiresAt) {
            sent.add(new Sent(email, organizationName, inviterName, role, acceptUrl, expiresAt));
        }

        Sent lastTo(String email) {
            List<Sent> to = sent.stream().filter(s -> s.email().equals(email)).toList();
            assertThat(to).as("invitations sent to " + email).isNotEmpty();
            return to.get(to.size() - 1);
        }

        long countTo(String email) {
            return sent.stream().filter(s -> s.email().equals(email)).count();
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class RecordingNotifierConfiguration {
        @Bean
        @Primary
        RecordingNotifier recordingNotifier() {
            return new RecordingNotifier();
        }
    }

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    @Autowired RecordingNotifier notifier;
    @Value("${switchboard.public-url}") String publicUrl;
    Api api;
    OrganizationFixture fixture;

    @BeforeEach
    void setUp() {
        api = new Api(mvc);
        fixture = new OrganizationFixture(api, database);
    }

    @Test
    void anInvitationIsSentWithAOneTimeLinkOfWhichOnlyTheHashIsKept() {
        Api.Account admin = api.signUp("Invite Co");
        String email = Api.uniqueEmail("new");
        JsonNode created = Api.json(invite(admin, email, "manager"), 201);
        assertThat(created.get("email").asString()).isEqualTo(email);
        assertThat(created.get("role").asString()).isEqualTo("manager");
        assertThat(created.get("invitedBy").get("userId").asString()).isEqualTo(admin.userId().toString());
        assertThat(created.get("invitedBy").get("name").asString()).isEqualTo("Ada Admin");
        Instant expiresAt = Instant.parse(created.get("expiresAt").asString());
        Instant createdAt = Instant.parse(created.get("createdAt").asString());
        assertThat(Duration.between(createdAt, expiresAt)).isEqualTo(Duration.ofDays(7));
        assertThat(created.toString()).doesNotContain(SecretTokens.Kind.INVITATION.prefix());

        Sent sent = notifier.lastTo(email);
        assertThat(sent.organizationName()).isEqualTo("Invite Co");
        assertThat(sent.inviterName()).isEqualTo("Ada Admin");
        assertThat(sent.role()).isEqualTo(Role.MANAGER);
        assertThat(sent.expiresAt()).isEqualTo(expiresAt);
        assertThat(sent.acceptUrl()).startsWith(publicUrl + "/invitations/" + SecretTokens.Kind.INVITATION.prefix());
        assertThat(SecretTokens.looksLike(SecretTokens.Kind.INVITATION, sent.token())).isTrue();

        byte[] stored = fixture.owner().sql("select token_hash from invitations where id = ?")
                .param(UUID.fromString(created.get("id").asString())).query(byte[].class).single();
        assertThat(stored).isEqualTo(SecretTokens.hash(sent.token()));
        String row = fixture.owner().sql("select i::text from invitations i where id = ?")
                .param(UUID.fromString(created.get("id").asString())).query(String.class).single();
        assertThat(row).doesNotContain(sent.token().substring(4, 20));

        JsonNode event = auditEvents(admin, "invitation.created").get(0);
        assertThat(event.get("target").get("id").asString()).isEqualTo(created.get("id").asString());
        assertThat(event.get("details").get("email").asString()).isEqualTo(email);
        assertThat(event.get("details").get("role").asString()).isEqualTo("manager");
    }

    @Test
    void aNewPersonSeesTheInvitationThenJoinsWithANewAccount() {
        Api.Account admin = api.signUp("Join Co");
        String email = Api.uniqueEmail("joiner");
        Api.json(invite(admin, email, "viewer"), 201);
        String token = notifier.lastTo(email).token();

        JsonNode preview = Api.json(api.perform(get("/api/v1/invitations/" + token).with(Api.randomIp())), 200);
        assertThat(preview.get("organizationName").asString()).isEqualTo("Join Co");
        assertThat(preview.get("email").asString()).isEqualTo(email);
        assertThat(preview.get("role").asString()).isEqualTo("viewer");
        assertThat(preview.get("expiresAt").asString()).isNotBlank();
        assertThat(preview.get("accountExists").asBoolean()).isFalse();

        JsonNode tokens = Api.json(accept(token, Map.of("fullName", "Jo Joiner", "password", Api.PASSWORD)), 201);
        assertThat(tokens.get("email").asString()).isEqualTo(email);
        assertThat(tokens.get("organization").get("id").asString()).isEqualTo(admin.organizationId().toString());
        assertThat(tokens.get("organization").get("role").asString()).isEqualTo("viewer");
        JsonNode me = Api.json(api.perform(get("/api/v1/me")
                .header("Authorization", "Bearer " + tokens.get("accessToken").asString())), 200);
        assertThat(me.get("organization").get("id").asString()).isEqualTo(admin.organizationId().toString());
        api.signIn(email, Api.PASSWORD, admin.organizationId());

        JsonNode event = auditEvents(admin, "invitation.accepted").get(0);
        assertThat(event.get("details").get("newAccount").asBoolean()).isTrue();
        assertThat(event.get("actor").get("label").asString()).isEqualTo(email);

        JsonNode used = Api.json(accept(token, Map.of("fullName", "Jo Again", "password", Api.PASSWORD)), 410);
        assertThat(used.get("type").asString()).isEqualTo("/problems/invitation-used");
        Api.json(api.perform(get("/api/v1/invitations/" + token).with(Api.randomIp())), 410);
        assertThat(pendingEmails(admin)).doesNotContain(email);
    }

    @Test
    void anExistingAccountMustBeSignedInAsItselfToAccept() {
        Api.Account admin = api.signUp("Existing Co");
        Api.Account invited = api.signUp("Invitee Home");
        Api.Account stranger = api.signUp("Stranger Home");
        Api.json(invite(admin, invited.email().toUpperCase(), "manager"), 201);
        String token = notifier.lastTo(invited.email().toUpperCase()).token();

        JsonNode preview = Api.json(api.perform(get("/api/v1/invitations/" + token).with(Api.randomIp())), 200);
        assertThat(preview.get("accountExists").asBoolean()).isTrue();

        JsonNode anonymous = Api.json(accept(token, Map.of()), 401);
        assertThat(anonymous.get("detail").asString()).isEqualTo("This invitation is for "
                + invited.email().toUpperCase() + "; sign in as that account to accept it.");
        JsonNode someoneElse = Api.json(api.perform(post("/api/v1/invitations/" + token + "/accept")
                .with(Api.randomIp()).with(stranger.bearer())), 403);
        assertThat(someoneElse.get("detail").asString()).contains("sign in as that account to accept it");
        assertThat(fixture.roleOf(admin.organizationId(), stranger.userId())).isNull();

        JsonNode tokens = Api.json(api.perform(post("/api/v1/invitations/" + token + "/accept")
                .with(Api.randomIp()).with(invited.bearer())), 200);
        assertThat(tokens.get("organization").get("id").asString()).isEqualTo(admin.organizationId().toString());
        assertThat(tokens.get("organizations")).hasSize(2);
        assertThat(fixture.roleOf(admin.organizationId(), invited.userId())).isEqualTo("manager");
        JsonNode event = auditEvents(admin, "invitation.accepted").get(0);
        assertThat(event.get("actor").get("userId").asString()).isEqualTo(invited.userId().toString());
        assertThat(event.get("details").get("newAccount").asBoolean()).isFalse();
    }

    @Test
    void invitingAnAddressAgainReplacesItsPendingInvitation() {
        Api.Account admin = api.signUp("Again Co");
        String email = Api.uniqueEmail("twice");
        Api.json(invite(admin, email, "viewer"), 201);
        String first = notifier.lastTo(email).token();
        Api.json(invite(admin, email.toUpperCase(), "manager"), 201);
        String second = notifier.lastTo(email.toUpperCase()).token();

        JsonNode replaced = Api.json(api.perform(get("/api/v1/invitations/" + first).with(Api.randomIp())), 410);
        assertThat(replaced.get("type").asString()).isEqualTo("/problems/invitation-revoked");
        assertThat(replaced.get("detail").asString()).contains("replaced by a newer one");
        JsonNode current = Api.json(api.perform(get("/api/v1/invitations/" + second).with(Api.randomIp())), 200);
        assertThat(current.get("role").asString()).isEqualTo("manager");
        assertThat(pendingEmails(admin)).containsExactly(email.toUpperCase());
        assertThat(auditEvents(admin, "invitation.revoked").get(0).get("details").get("reason").asString())
                .contains("replaced");
    }

    @Test
    void aRevokedInvitationStopsWorking() {
        Api.Account admin = api.signUp("Revoke Co");
        String email = Api.uniqueEmail("revoked");
        UUID id = UUID.fromString(Api.json(invite(admin, email, "viewer"), 201).get("id").asString());
        String token = notifier.lastTo(email).token();

        Api.json(api.perform(delete("/api/v1/organization/invitations/" + id).with(admin.bearer())), 204);
        Api.json(api.perform(delete("/api/v1/organization/invitations/" + id).with(admin.bearer())), 204);

        JsonNode gone = Api.json(accept(token, Map.of("fullName", "Too Late", "password", Api.PASSWORD)), 410);
        assertThat(gone.get("type").asString()).isEqualTo("/problems/invitation-revoked");
        assertThat(gone.get("detail").asString()).contains("Revoke Co");
        assertThat(pendingEmails(admin)).isEmpty();
        JsonNode events = auditEvents(admin, "invitation.revoked");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("target").get("id").asString()).isEqualTo(id.toString());
    }

    @Test
    void anExpiredInvitationStopsWorking() {
        Api.Account admin = api.signUp("Expiry Co");
        String email = Api.uniqueEmail("late");
        UUID id = UUID.fromString(Api.json(invite(admin, email, "viewer"), 201).get("id").asString());
        String token = notifier.lastTo(email).token();
        fixture.owner().sql("update invitations set expires_at = now() - interval '1 minute' where id = ?").param(id).update();

        JsonNode expired = Api.json(api.perform(get("/api/v1/invitations/" + token).with(Api.randomIp())), 410);
        assertThat(expired.get("type").asString()).isEqualTo("/problems/invitation-expired");
        assertThat(expired.get("detail").asString()).contains("Ask an administrator of Expiry Co to invite you again");
        Api.json(accept(token, Map.of("fullName", "Too Late", "password", Api.PASSWORD)), 410);
        assertThat(pendingEmails(admin)).isEmpty();
        assertThat(fixture.owner().sql("select count(*) from users where lower(email) = lower(?)").param(email)
                .query(Long.class).single()).isZero();
    }

    @Test
    void anAcceptedInvitationCannotBeRevoked() {
        Api.Account admin = api.signUp("Accepted Co");
        String email = Api.uniqueEmail("accepted");
        UUID id = UUID.fromString(Api.json(invite(admin, email, "viewer"), 201).get("id").asString());
        Api.json(accept(notifier.lastTo(email).token(), Map.of("fullName", "Al Ready", "password", Api.PASSWORD)), 201);
        JsonNode problem = Api.json(api.perform(delete("/api/v1/organization/invitations/" + id).with(admin.bearer())), 409);
        assertThat(problem.get("detail").asString()).contains("Remove the member instead");
    }

    @Test
    void membersCannotBeInvitedAgain() {
        Api.Account admin = api.signUp("Member Co");
        JsonNode problem = Api.json(invite(admin, admin.email().toUpperCase(), "viewer"), 409);
        assertThat(problem.get("type").asString()).isEqualTo("/problems/already-member");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("email");
        assertThat(notifier.countTo(admin.email().toUpperCase())).isZero();
    }

    @Test
    void unknownOrMangledTokensAreNotFound() {
        String unknown = SecretTokens.generate(SecretTokens.Kind.INVITATION);
        for (String token : List.of(unknown, "sbi_short", "not-a-token")) {
            JsonNode problem = Api.json(api.perform(get("/api/v1/invitations/" + token).with(Api.randomIp())), 404);
            assertThat(problem.get("type").asString()).isEqualTo("/problems/invitation-not-found");
            Api.json(accept(token, Map.of("fullName", "Nobody", "password", Api.PASSWORD)), 404);
        }
    }

    @Test
    void aNewAccountNeedsANameAndAnAcceptablePassword() {
        Api.Account admin = api.signUp("Rules Co");
        String email = Api.uniqueEmail("rules");
        Api.json(invite(admin, email, "viewer"), 201);
        String token = notifier.lastTo(email).token();
        JsonNode noName = Api.json(accept(token, Map.of("password", Api.PASSWORD)), 422);
        assertThat(noName.get("errors").get(0).get("field").asString()).isEqualTo("fullName");
        JsonNode noPassword = Api.json(accept(token, Map.of("fullName", "Ru Les")), 422);
        assertThat(noPassword.get("errors").get(0).get("field").asString()).isEqualTo("password");
        JsonNode weak = Api.json(accept(token, Map.of("fullName", "Ru Les", "password", "short")), 422);
        assertThat(weak.get("type").asString()).isEqualTo("/problems/weak-password");
        JsonNode malformed = Api.json(api.perform(post("/api/v1/invitations/" + token + "/accept").with(Api.randomIp())
                .contentType(MediaType.APPLICATION_JSON).content("{\"fullName\": ")), 400);
        assertThat(malformed.get("type").asString()).isEqualTo("/problems/malformed-json");
        // None of the failures used up the invitation.
        Api.json(accept(token, Map.of("fullName", "Ru Les", "password", Api.PASSWORD)), 201);
    }

    @Test
    void anInvitationIsUsedOnceEvenWhenAcceptedTwiceAtTheSameMoment() throws Exception {
        Api.Account admin = api.signUp("Once Co");
        String email = Api.uniqueEmail("once");
        Api.json(invite(admin, email, "viewer"), 201);
        String token = notifier.lastTo(email).token();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<MvcResult>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return accept(token, Map.of("fullName", "Twin", "password", Api.PASSWORD));
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<MvcResult> r : results) {
                statuses.add(r.get(30, TimeUnit.SECONDS).getResponse().getStatus());
            }
            assertThat(statuses).containsExactlyInAnyOrder(201, 410);
        } finally {
            pool.shutdownNow();
        }
        assertThat(fixture.owner().sql("select count(*) from memberships m join users u on u.id = m.user_id "
                        + "where m.organization_id = ? and lower(u.email) = lower(?)")
                .params(admin.organizationId(), email).query(Long.class).single()).isOne();
    }

    @Test
    void anotherOrganizationsInvitationsAreNeitherListedNorRevocable() {
        Api.Account a = api.signUp("Invites A");
        Api.Account b = api.signUp("Invites B");
        String email = Api.uniqueEmail("b-invitee");
        UUID bInvitation = UUID.fromString(Api.json(invite(b, email, "admin"), 201).get("id").asString());

        assertThat(pendingEmails(a)).isEmpty();
        JsonNode problem = Api.json(api.perform(delete("/api/v1/organization/invitations/" + bInvitation)
                .with(a.bearer())), 404);
        assertThat(problem.toString()).doesNotContain(email);
        assertThat(pendingEmails(b)).containsExactly(email);
        JsonNode preview = Api.json(api.perform(get("/api/v1/invitations/" + notifier.lastTo(email).token())
                .with(Api.randomIp())), 200);
        assertThat(preview.get("organizationName").asString()).isEqualTo("Invites B");
    }

    @Test
    void pendingInvitationsArePagedNewestFirst() {
        Api.Account admin = api.signUp("Pending Co");
        List<String> invited = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String email = Api.uniqueEmail("p" + i);
            invited.add(0, email);
            Api.json(invite(admin, email, "viewer"), 201);
        }
        JsonNode first = Api.json(api.perform(get("/api/v1/organization/invitations").param("limit", "2")
                .with(admin.bearer())), 200);
        JsonNode second = Api.json(api.perform(get("/api/v1/organization/invitations").param("limit", "2")
                .param("cursor", first.get("nextCursor").asString()).with(admin.bearer())), 200);
        List<String> seen = new ArrayList<>();
        first.get("items").forEach(i -> seen.add(i.get("email").asString()));
        second.get("items").forEach(i -> seen.add(i.get("email").asString()));
        assertThat(seen).containsExactlyElementsOf(invited);
        assertThat(second.get("nextCursor")).isNull();
    }

    private MvcResult invite(Api.Account who, String email, String role) {
        return api.perform(post("/api/v1/organization/invitations").with(who.bearer())
                .contentType(MediaType.APPLICATION_JSON).content(Api.body(Map.of("email", email, "role", role))));
    }

    private MvcResult accept(String token, Map<String, String> body) {
        return api.perform(post("/api/v1/invitations/" + token + "/accept").with(Api.randomIp())
                .contentType(MediaType.APPLICATION_JSON).content(Api.body(body)));
    }

    private List<String> pendingEmails(Api.Account who) {
        List<String> emails = new ArrayList<>();
        Api.json(api.perform(get("/api/v1/organization/invitations").with(who.bearer())), 200).get("items")
                .forEach(i -> emails.add(i.get("email").asString()));
        return emails;
    }

    private JsonNode auditEvents(Api.Account who, String action) {
        return Api.json(api.perform(get("/api/v1/audit-events").param("action", action).with(who.bearer())), 200)
                .get("items");
    }
}
