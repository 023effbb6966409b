package dev.switchboard.identity.internal.credentials;

import dev.switchboard.identity.Permission;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Looks up API keys by their secret, before the organization is known. */
@Component
public class ApiKeys {

    /** A valid key as found by its secret. */
    public record Authenticated(UUID id, UUID organizationId, Set<Permission> permissions, UUID createdBy) {
    }

    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final Clock clock;

    ApiKeys(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The key behind a secret when it exists, is not revoked and has not expired. */
    public Optional<Authenticated> authenticate(String secret) {
        if (!SecretTokens.looksLike(SecretTokens.Kind.API_KEY, secret)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        record Row(UUID id, UUID organizationId, String[] scopes, Instant expiresAt, Instant revokedAt, UUID createdBy,
                   Instant lastUsedAt) {
        }
        Optional<Row> row = jdbc.sql("select id, organization_id, scopes, expires_at, revoked_at, created_by, last_used_at "
                        + "from api_key_by_hash(?)")
                .param(SecretTokens.hash(secret))
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), strings(rs.getArray(3)),
                        ts(rs.getTimestamp(4)), ts(rs.getTimestamp(5)), rs.getObject(6, UUID.class), ts(rs.getTimestamp(7))))
                .optional();
        if (row.isEmpty() || row.get().revokedAt() != null
                || (row.get().expiresAt() != null && !row.get().expiresAt().isAfter(now))) {
            return Optional.empty();
        }
        Row r = row.get();
        if (r.lastUsedAt() == null || r.lastUsedAt().isBefore(now.minus(TOUCH_EVERY))) {
            jdbc.sql("select api_key_touch(?, ?)").params(r.id(), Timestamp.from(now)).query().listOfRows();
        }
        EnumSet<Permission> permissions = EnumSet.noneOf(Permission.class);
        Arrays.stream(r.scopes()).map(Permission::fromScope).flatMap(Optional::stream).forEach(permissions::add);
        return Optional.of(new Authenticated(r.id(), r.organizationId(), permissions, r.createdBy()));
    }

    private static String[] strings(Array array) throws SQLException {
        return array == null ? new String[0] : (String[]) array.getArray();
    }

    private static Instant ts(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
