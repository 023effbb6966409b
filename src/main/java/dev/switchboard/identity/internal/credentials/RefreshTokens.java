package dev.switchboard.identity.internal.credentials;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rotating refresh tokens. Each use returns a new token of the same family and retires the
 * old one; presenting a retired token again means it was stolen or replayed, so the whole
 * family is revoked and its holder must sign in again.
 */
@Component
public class RefreshTokens {

    /** A refresh token just issued. */
    public record Issued(String token, UUID familyId, UUID userId, UUID organizationId) {
    }

    /** The outcome of presenting a refresh token. */
    public sealed interface Rotation {
        record Rotated(Issued next) implements Rotation {
        }

        record Reused(UUID familyId, UUID userId, UUID organizationId) implements Rotation {
        }

        record Invalid() implements Rotation {
        }
    }

    private final JdbcClient jdbc;
    private final SecuritySettings settings;
    private final Clock clock;

    RefreshTokens(JdbcClient jdbc, SecuritySettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    public Issued issue(UUID userId, UUID organizationId) {
        return insert(UUID.randomUUID(), userId, organizationId);
    }

    private Issued insert(UUID familyId, UUID userId, UUID organizationId) {
        String token = SecretTokens.generate(SecretTokens.Kind.REFRESH);
        Instant now = clock.instant();
        jdbc.sql("""
                insert into refresh_tokens (id, family_id, token_hash, user_id, active_organization_id, created_at, expires_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), familyId, SecretTokens.hash(token), userId, organizationId,
                        Timestamp.from(now), Timestamp.from(now.plus(settings.refreshTokenTtl())))
                .update();
        return new Issued(token, familyId, userId, organizationId);
    }

    @Transactional
    public Rotation rotate(String token) {
        if (!SecretTokens.looksLike(SecretTokens.Kind.REFRESH, token)) {
            return new Rotation.Invalid();
        }
        Instant now = clock.instant();
        record Row(UUID id, UUID familyId, UUID userId, UUID organizationId, Instant expiresAt, Instant usedAt, Instant revokedAt) {
        }
        Optional<Row> row = jdbc.sql("""
                select id, family_id, user_id, active_organization_id, expires_at, used_at, revoked_at
                  from refresh_tokens where token_hash = ? for update""")
                .param(SecretTokens.hash(token))
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getObject(4, UUID.class), rs.getTimestamp(5).toInstant(),
                        rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant(),
                        rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant()))
                .optional();
        if (row.isEmpty()) {
            return new Rotation.Invalid();
        }
        Row r = row.get();
        if (r.usedAt() != null) {
            revokeFamily(r.familyId());
            return new Rotation.Reused(r.familyId(), r.userId(), r.organizationId());
        }
        if (r.revokedAt() != null || !r.expiresAt().isAfter(now)) {
            return new Rotation.Invalid();
        }
        jdbc.sql("update refresh_tokens set used_at = ? where id = ?").params(Timestamp.from(now), r.id()).update();
        return new Rotation.Rotated(insert(r.familyId(), r.userId(), r.organizationId()));
    }

    /** Whether the family is still live (an access token of a revoked family is refused). */
    public boolean familyActive(UUID familyId) {
        return jdbc.sql("select exists (select 1 from refresh_tokens where family_id = ? and revoked_at is null)")
                .param(familyId).query(Boolean.class).single();
    }

    public void revokeFamily(UUID familyId) {
        jdbc.sql("update refresh_tokens set revoked_at = ? where family_id = ? and revoked_at is null")
                .params(Timestamp.from(clock.instant()), familyId).update();
    }

    /** Revokes the family of a token presented at sign-out; unknown tokens are ignored. */
    public Optional<UUID> revokeByToken(String token) {
        if (!SecretTokens.looksLike(SecretTokens.Kind.REFRESH, token)) {
            return Optional.empty();
        }
        Optional<UUID> family = jdbc.sql("select family_id from refresh_tokens where token_hash = ?")
                .param(SecretTokens.hash(token)).query(UUID.class).optional();
        family.ifPresent(this::revokeFamily);
        return family;
    }

    public void revokeAllOf(UUID userId) {
        jdbc.sql("update refresh_tokens set revoked_at = ? where user_id = ? and revoked_at is null")
                .params(Timestamp.from(clock.instant()), userId).update();
    }
}
