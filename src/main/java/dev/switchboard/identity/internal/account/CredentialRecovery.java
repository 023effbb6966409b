package dev.switchboard.identity.internal.account;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.Actors;
import dev.switchboard.identity.AuditEntry;
import dev.switchboard.identity.AuditLog;
import dev.switchboard.identity.internal.credentials.EmailAddresses;
import dev.switchboard.identity.internal.credentials.PasswordPolicy;
import dev.switchboard.identity.internal.credentials.Passwords;
import dev.switchboard.identity.internal.credentials.RefreshTokens;
import dev.switchboard.identity.internal.credentials.SecretTokens;
import dev.switchboard.identity.internal.credentials.Sessions;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.Mailer;
import dev.switchboard.platform.OutgoingMail;
import dev.switchboard.platform.RateLimiter;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Password reset, password change and e-mail change. One-time links carry a random token
 * whose hash alone is stored; each works once, for one hour. A reset answers the same whether
 * or not the address has an account, and ends every session and refresh token of the account.
 */
@Service
public class CredentialRecovery {

    static final Duration LINK_VALIDITY = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final Users users;
    private final Memberships memberships;
    private final Passwords passwords;
    private final Sessions sessions;
    private final RefreshTokens refreshTokens;
    private final Mailer mailer;
    private final RateLimiter limits;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final String publicUrl;

    CredentialRecovery(JdbcClient jdbc, Users users, Memberships memberships, Passwords passwords, Sessions sessions,
                       RefreshTokens refreshTokens, Mailer mailer, RateLimiter limits, AuditLog audit,
                       TransactionTemplate tx, Clock clock, @Value("${switchboard.public-url}") String publicUrl) {
        this.jdbc = jdbc;
        this.users = users;
        this.memberships = memberships;
        this.passwords = passwords;
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.mailer = mailer;
        this.limits = limits;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** Sends a reset link when the address has an account; says nothing either way. */
    public void requestPasswordReset(String emailInput, String ip) {
        String email = EmailAddresses.require("email", emailInput);
        limits.hit("reset:ip:" + ip, 10, Duration.ofHours(1), "Too many password reset requests from your network. Try again in an hour.");
        limits.hit("reset:account:" + EmailAddresses.key(email), 5, Duration.ofHours(1),
                "Too many password reset requests for this address. Check your inbox, or try again in an hour.");
        Optional<Users.User> user = users.byEmail(email).filter(u -> u.disabledAt() == null);
        if (user.isEmpty()) {
            audit.recordPlatform(new AuditEntry("auth.password_reset_requested", "user", null,
                    Map.of("email", email, "account", "none")), null);
            return;
        }
        String token = SecretTokens.generate(SecretTokens.Kind.PASSWORD_RESET);
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            jdbc.sql("""
                    insert into password_reset_tokens (id, user_id, token_hash, requested_ip, created_at, expires_at)
                    values (?, ?, ?, ?, ?, ?)""")
                    .params(UUID.randomUUID(), user.get().id(), SecretTokens.hash(token), ip, Timestamp.from(now),
                            Timestamp.from(now.plus(LINK_VALIDITY)))
                    .update();
            mailer.send(OutgoingMail.passwordReset(user.get().email(), publicUrl + "/password/reset?token=" + token,
                    LINK_VALIDITY));
        });
        auditAcrossOrganizations(user.get(), new AuditEntry("auth.password_reset_requested", "user",
                user.get().id().toString(), Map.of("email", user.get().email())));
    }

    /** Sets a new password with a reset link; ends every session and refresh token. */
    public void resetPassword(String token, String newPassword, String ip) {
        limits.hit("reset-confirm:ip:" + ip, 20, Duration.ofHours(1), "Too many attempts from your network. Try again in an hour.");
        UUID userId = consume("password_reset_tokens", token, SecretTokens.Kind.PASSWORD_RESET, "password reset", null);
        Users.User user = users.byId(userId).orElseThrow();
        PasswordPolicy.check("password", newPassword, user.email());
        tx.executeWithoutResult(s -> {
            users.setPassword(userId, passwords.hash(newPassword));
            jdbc.sql("update password_reset_tokens set used_at = ? where user_id = ? and used_at is null")
                    .params(Timestamp.from(clock.instant()), userId).update();
            sessions.revokeAllOf(userId);
            refreshTokens.revokeAllOf(userId);
        });
        auditAcrossOrganizations(user, new AuditEntry("auth.password_reset", "user", userId.toString(), Map.of("email", user.email())));
    }

    /** Whether a reset link can still be used (without using it), for the reset page. */
    public boolean resetLinkUsable(String token) {
        if (!SecretTokens.looksLike(SecretTokens.Kind.PASSWORD_RESET, token == null ? null : token.trim())) {
            return false;
        }
        return jdbc.sql("select exists (select 1 from password_reset_tokens where token_hash = ? and used_at is null "
                        + "and expires_at > ?)")
                .params(SecretTokens.hash(token.trim()), Timestamp.from(clock.instant())).query(Boolean.class).single();
    }

    /** Changes the signed-in user's password after checking the current one. */
    public void changePassword(String currentPassword, String newPassword) {
        Actor actor = requireUser();
        Users.User user = users.byId(actor.userId()).orElseThrow();
        if (!passwords.matches(currentPassword == null ? "" : currentPassword, user.passwordHash())) {
            throw ApiProblem.validation("currentPassword", "is not your current password");
        }
        PasswordPolicy.check("newPassword", newPassword, user.email());
        users.setPassword(user.id(), passwords.hash(newPassword));
        refreshTokens.revokeAllOf(user.id());
        auditAcrossOrganizations(user, new AuditEntry("auth.password_changed", "user", user.id().toString(), Map.of()));
    }

    /** Sends a confirmation link to the new address; the change happens when it is opened. */
    public void requestEmailChange(String newEmailInput, String currentPassword) {
        Actor actor = requireUser();
        String newEmail = EmailAddresses.require("newEmail", newEmailInput);
        Users.User user = users.byId(actor.userId()).orElseThrow();
        if (!passwords.matches(currentPassword == null ? "" : currentPassword, user.passwordHash())) {
            throw ApiProblem.validation("currentPassword", "is not your current password");
        }
        if (EmailAddresses.key(newEmail).equals(EmailAddresses.key(user.email()))) {
            throw ApiProblem.validation("newEmail", "is already your e-mail address");
        }
        if (users.emailTaken(newEmail)) {
            throw ApiProblem.conflict("email-taken", "Another account already uses " + newEmail + ".")
                    .field("newEmail", "is already registered");
        }
        limits.hit("email-change:user:" + user.id(), 5, Duration.ofHours(1), "Too many e-mail changes requested. Try again in an hour.");
        String token = SecretTokens.generate(SecretTokens.Kind.EMAIL_CHANGE);
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            jdbc.sql("""
                    insert into email_change_tokens (id, user_id, new_email, token_hash, created_at, expires_at)
                    values (?, ?, ?, ?, ?, ?)""")
                    .params(UUID.randomUUID(), user.id(), newEmail, SecretTokens.hash(token), Timestamp.from(now),
                            Timestamp.from(now.plus(LINK_VALIDITY)))
                    .update();
            mailer.send(OutgoingMail.emailChange(newEmail, publicUrl + "/verify-email?token=" + token, LINK_VALIDITY));
        });
        auditAcrossOrganizations(user, new AuditEntry("user.email_change_requested", "user", user.id().toString(),
                Map.of("newEmail", newEmail)));
    }

    /** Applies an e-mail change from its confirmation link. */
    public void confirmEmailChange(String token) {
        String[] newEmail = new String[1];
        UUID userId = consume("email_change_tokens", token, SecretTokens.Kind.EMAIL_CHANGE, "e-mail confirmation", newEmail);
        Users.User before = users.byId(userId).orElseThrow();
        try {
            users.setEmail(userId, newEmail[0]);
        } catch (DuplicateKeyException taken) {
            throw ApiProblem.conflict("email-taken", "Another account took " + newEmail[0] + " in the meantime. "
                    + "Request the change again with another address.");
        }
        auditAcrossOrganizations(before, new AuditEntry("user.email_changed", "user", userId.toString(),
                Map.of("from", before.email(), "to", newEmail[0])));
    }

    /** Marks a one-time token used and returns its user; unknown, used and expired tokens answer clearly. */
    private UUID consume(String table, String token, SecretTokens.Kind kind, String what, String[] newEmail) {
        if (!SecretTokens.looksLike(kind, token == null ? null : token.trim())) {
            throw ApiProblem.badRequest("invalid-link", "This " + what + " link is not valid. Open the link from the "
                    + "latest e-mail, or request a new one.").field("token", "not a valid link token");
        }
        Instant now = clock.instant();
        String returning = newEmail == null ? "user_id" : "user_id, new_email";
        var row = jdbc.sql("update " + table + " set used_at = ? where token_hash = ? and used_at is null and expires_at > ? "
                        + "returning " + returning)
                .params(Timestamp.from(now), SecretTokens.hash(token.trim()), Timestamp.from(now))
                .query().listOfRows();
        if (row.isEmpty()) {
            boolean exists = jdbc.sql("select exists (select 1 from " + table + " where token_hash = ?)")
                    .param(SecretTokens.hash(token.trim())).query(Boolean.class).single();
            if (exists) {
                throw new ApiProblem(HttpStatus.GONE, "link-expired", "Link expired", "This " + what
                        + " link was already used or has expired. Request a new one.");
            }
            throw ApiProblem.badRequest("invalid-link", "This " + what + " link is not valid. Open the link from the "
                    + "latest e-mail, or request a new one.").field("token", "unknown link token");
        }
        if (newEmail != null) {
            newEmail[0] = (String) row.get(0).get("new_email");
        }
        return (UUID) row.get(0).get("user_id");
    }

    private Actor requireUser() {
        Actor actor = Actors.require();
        if (actor.method() == Actor.AuthMethod.API_KEY || actor.userId() == null) {
            throw ApiProblem.forbidden("API keys cannot change account credentials. Sign in as the user.");
        }
        if (actor.impersonated()) {
            throw ApiProblem.forbidden("Credentials cannot be changed while impersonating a user.");
        }
        return actor;
    }

    private void auditAcrossOrganizations(Users.User user, AuditEntry entry) {
        var all = memberships.of(user.id());
        if (all.isEmpty()) {
            audit.recordPlatform(entry, null);
        }
        all.forEach(m -> audit.recordFor(m.organizationId(), entry));
    }
}
