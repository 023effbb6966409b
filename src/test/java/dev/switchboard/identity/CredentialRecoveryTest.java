package dev.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.switchboard.testing.Api;
import dev.switchboard.testing.Outbox;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

@SwitchboardTest
class CredentialRecoveryTest {

    static final String NEW_PASSWORD = "a brand new passphrase";

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    Api api;
    Api.Account account;

    @BeforeEach
    void setUp() {
        api = new Api(mvc);
        account = api.signUp("Recovery Co");
    }

    @Test
    void passwordResetByEmailedSingleUseLink() {
        JsonNode accepted = Api.json(anonymous("/api/v1/auth/password-reset", Map.of("email", account.email())), 202);
        String mail = Outbox.latest(database, account.email(), "password-reset");
        assertThat(mail).contains("/password/reset?token=").contains("1 hour");
        String token = Outbox.token(mail);
        byte[] stored = database.owner().sql("select token_hash from password_reset_tokens t join users u on u.id = t.user_id "
                + "where u.email = ?").param(account.email()).query(byte[].class).single();
        assertThat(stored).hasSize(32);

        Api.json(anonymous("/api/v1/auth/password-reset/confirm", Map.of("token", token, "password", NEW_PASSWORD)), 204);
        api.signIn(account.email(), NEW_PASSWORD, null);
        Api.json(api.perform(get("/api/v1/me").with(account.bearer())), 401);
        Api.json(anonymous("/api/v1/auth/refresh", Map.of("refreshToken", account.refreshToken())), 401);

        JsonNode reused = Api.json(anonymous("/api/v1/auth/password-reset/confirm", Map.of("token", token, "password",
                "yet another passphrase")), 410);
        assertThat(reused.get("type").asString()).isEqualTo("/problems/link-expired");
        assertThat(accepted.get("message").asString()).contains("If an account uses this address");
    }

    @Test
    void resetOfAnUnknownAddressAnswersTheSameAndSendsNothing() {
        String nobody = Api.uniqueEmail("nobody");
        JsonNode answer = Api.json(anonymous("/api/v1/auth/password-reset", Map.of("email", nobody)), 202);
        JsonNode known = Api.json(anonymous("/api/v1/auth/password-reset", Map.of("email", account.email())), 202);
        assertThat(answer).isEqualTo(known);
        assertThat(Outbox.count(database, nobody, "password-reset")).isZero();
    }

    @Test
    void expiredForgedAndWeakResetsAreRefused() {
        Api.json(anonymous("/api/v1/auth/password-reset", Map.of("email", account.email())), 202);
        String token = Outbox.token(Outbox.latest(database, account.email(), "password-reset"));
        JsonNode weak = Api.json(anonymous("/api/v1/auth/password-reset/confirm", Map.of("token", token, "password", "short")), 422);
        assertThat(weak.get("type").asString()).isEqualTo("/problems/weak-password");

        Api.json(anonymous("/api/v1/auth/password-reset", Map.of("email", account.email())), 202);
        String second = Outbox.token(Outbox.latest(database, account.email(), "password-reset"));
        database.owner().sql("update password_reset_tokens set expires_at = now() - interval '1 minute' where token_hash = sha256(?::bytea)")
                .param(second).update();
        Api.json(anonymous("/api/v1/auth/password-reset/confirm", Map.of("token", second, "password", NEW_PASSWORD)), 410);
        JsonNode forged = Api.json(anonymous("/api/v1/auth/password-reset/confirm",
                Map.of("token", "sbp_" + "x".repeat(43), "password", NEW_PASSWORD)), 400);
        assertThat(forged.get("type").asString()).isEqualTo("/problems/invalid-link");
    }

    @Test
    void resetRequestsAreLimitedPerAddress() {
        for (int i = 0; i < 5; i++) {
            Api.json(anonymous("/api/v1/auth/password-reset", Map.of("email", account.email())), 202);
        }
        MvcResult limited = api.perform(post("/api/v1/auth/password-reset").with(Api.randomIp())
                .contentType(MediaType.APPLICATION_JSON).content(Api.body(Map.of("email", account.email()))));
        Api.json(limited, 429);
    }

    @Test
    void emailChangeIsConfirmedFromTheNewAddress() {
        String newEmail = Api.uniqueEmail("moved");
        JsonNode wrongPassword = Api.json(api.perform(post("/api/v1/me/email-change").with(account.bearer())
                .contentType(MediaType.APPLICATION_JSON).content(Api.body(Map.of("newEmail", newEmail,
                        "currentPassword", "not my password")))), 422);
        assertThat(wrongPassword.get("errors").get(0).get("field").asString()).isEqualTo("currentPassword");
        Api.json(api.perform(post("/api/v1/me/email-change").with(account.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("newEmail", newEmail, "currentPassword", account.password())))), 202);
        String token = Outbox.token(Outbox.latest(database, newEmail, "email-change"));
        assertThat(Api.json(api.perform(get("/api/v1/me").with(account.bearer())), 200).get("email").asString())
                .isEqualTo(account.email());
        Api.json(anonymous("/api/v1/auth/email-change/confirm", Map.of("token", token)), 204);
        assertThat(Api.json(api.perform(get("/api/v1/me").with(account.bearer())), 200).get("email").asString())
                .isEqualTo(newEmail);
        Api.json(anonymous("/api/v1/auth/email-change/confirm", Map.of("token", token)), 410);
        assertThat(database.owner().sql("select count(*) from audit_events where organization_id = ? and action = 'user.email_changed'")
                .param(account.organizationId()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void emailChangeToATakenAddressIsAConflict() {
        Api.Account other = api.signUp("Other Recovery Co");
        JsonNode problem = Api.json(api.perform(post("/api/v1/me/email-change").with(account.bearer())
                .contentType(MediaType.APPLICATION_JSON).content(Api.body(Map.of("newEmail", other.email(),
                        "currentPassword", account.password())))), 409);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("newEmail");
    }

    @Test
    void passwordChangeChecksTheCurrentPassword() {
        Api.json(api.perform(post("/api/v1/me/password").with(account.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("currentPassword", "wrong one", "newPassword", NEW_PASSWORD)))), 422);
        Api.json(api.perform(post("/api/v1/me/password").with(account.bearer()).contentType(MediaType.APPLICATION_JSON)
                .content(Api.body(Map.of("currentPassword", account.password(), "newPassword", NEW_PASSWORD)))), 204);
        api.signIn(account.email(), NEW_PASSWORD, null);
    }

    private MvcResult anonymous(String path, Map<String, ?> body) {
        return api.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path).with(Api.randomIp())
                .contentType(MediaType.APPLICATION_JSON).content(Api.body(body)));
    }
}
