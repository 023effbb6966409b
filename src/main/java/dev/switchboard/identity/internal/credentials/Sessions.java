package dev.switchboard.identity.internal.credentials;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Browser sessions. The cookie holds a random token; the table holds its hash. */
@Component
public class Sessions {

    /** A live session as found by its token. */
    public record Session(UUID id, UUID userId, UUID activeOrganizationId, UUID impersonatorUserId,
                          String impersonationReason, UUID parentSessionId, Instant expiresAt, Instant lastSeenAt) {
    }

    /** A session just created, with the token to put in the cookie. */
    public record Issued(UUID id, String token, Instant expiresAt) {
    }

    private static final Duration TOUCH_EVERY = Duration.ofMinutes(5);

    private final JdbcClient jdbc;
    private final SecuritySettings settings;
    private final Clock clock;

    Sessions(JdbcClient jdbc, SecuritySettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    public Issued create(UUID userId, UUID organizationId, String ip, String userAgent) {
        return insert(userId, organizationId, null, null, null, settings.sessionTtl(), ip, userAgent);
    }

    /** A session in which {@code impersonatorUserId} acts as {@code userId} until it expires. */
    public Issued createImpersonation(UUID userId, UUID organizationId, UUID impersonatorUserId, String reason,
                                      UUID parentSessionId, Duration length, String ip, String userAgent) {
        return insert(userId, organizationId, impersonatorUserId, reason, parentSessionId, length, ip, userAgent);
    }

    private Issued insert(UUID userId, UUID organizationId, UUID impersonator, String reason, UUID parent,
                          Duration length, String ip, String userAgent) {
        String token = SecretTokens.generate(SecretTokens.Kind.SESSION);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        Instant expires = now.plus(length);
        jdbc.sql("""
                insert into sessions (id, token_hash, user_id, active_organization_id, impersonator_user_id,
                                      impersonation_reason, parent_session_id, ip, user_agent, created_at, last_seen_at, expires_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, SecretTokens.hash(token), userId, organizationId, impersonator, reason, parent, ip,
                        userAgent, Timestamp.from(now), Timestamp.from(now), Timestamp.from(expires))
                .update();
        return new Issued(id, token, expires);
    }

    /** The live session behind a cookie token: not revoked, not expired, not idle too long. */
    public Optional<Session> find(String token) {
        if (!SecretTokens.looksLike(SecretTokens.Kind.SESSION, token)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<Session> found = jdbc.sql("""
                select id, user_id, active_organization_id, impersonator_user_id, impersonation_reason,
                       parent_session_id, expires_at, last_seen_at
                  from sessions
                 where token_hash = ? and revoked_at is null and expires_at > ? and last_seen_at > ?""")
                .params(SecretTokens.hash(token), Timestamp.from(now), Timestamp.from(now.minus(settings.sessionIdleTimeout())))
                .query((rs, n) -> new Session(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getObject(4, UUID.class), rs.getString(5),
                        rs.getObject(6, UUID.class), rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant()))
                .optional();
        found.filter(s -> s.lastSeenAt().isBefore(now.minus(TOUCH_EVERY)))
                .ifPresent(s -> jdbc.sql("update sessions set last_seen_at = ? where id = ?")
                        .params(Timestamp.from(now), s.id()).update());
        return found;
    }

    public void switchOrganization(UUID sessionId, UUID organizationId) {
        jdbc.sql("update sessions set active_organization_id = ? where id = ?").params(organizationId, sessionId).update();
    }

    public void revoke(UUID sessionId) {
        jdbc.sql("update sessions set revoked_at = ? where (id = ? or parent_session_id = ?) and revoked_at is null")
                .params(Timestamp.from(clock.instant()), sessionId, sessionId).update();
    }

    public void revokeAllOf(UUID userId) {
        jdbc.sql("update sessions set revoked_at = ? where (user_id = ? or impersonator_user_id = ?) and revoked_at is null")
                .params(Timestamp.from(clock.instant()), userId, userId).update();
    }

    public Duration ttl() {
        return settings.sessionTtl();
    }
}
