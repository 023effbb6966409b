package dev.switchboard.identity.internal.apikeys;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.Actors;
import dev.switchboard.identity.AuditEntry;
import dev.switchboard.identity.AuditLog;
import dev.switchboard.identity.Permission;
import dev.switchboard.identity.internal.credentials.SecretTokens;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.CursorPage;
import dev.switchboard.platform.Cursors;
import dev.switchboard.platform.TenantScope;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys of an organization: created with a name, scopes and an optional expiry, shown once,
 * stored as a hash, revoked or rotated. A key never carries more than its creator may do.
 */
@Service
public class ApiKeyService {

    /** How a key looks in lists: never its secret. */
    public record ApiKey(UUID id, String name, String prefix, List<String> scopes, UUID createdBy, Instant createdAt,
                         Instant expiresAt, Instant lastUsedAt, Instant revokedAt, UUID rotatedFrom, String status) {
    }

    /** A key just created or rotated, with its secret (shown once). */
    public record CreatedKey(ApiKey key, String secret) {
    }

    static final Duration LONGEST_EXPIRY = Duration.ofDays(2 * 366);

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    ApiKeyService(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public CreatedKey create(String name, List<String> scopes, Instant expiresAt) {
        Actor actor = Actors.requirePermission(Permission.API_KEYS_MANAGE);
        String cleanName = name == null ? "" : name.trim();
        if (cleanName.isEmpty() || cleanName.length() > 80) {
            throw ApiProblem.validation("name", "is required and at most 80 characters");
        }
        Set<Permission> permissions = parseScopes(scopes);
        Set<Permission> beyond = permissions.stream().filter(p -> !actor.can(p)).collect(Collectors.toSet());
        if (!beyond.isEmpty()) {
            throw ApiProblem.forbidden("You cannot give a key more than you may do yourself: "
                    + beyond.stream().map(Permission::scope).sorted().collect(Collectors.joining(", ")) + ".");
        }
        Instant now = clock.instant();
        if (expiresAt != null && (!expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(LONGEST_EXPIRY)))) {
            throw ApiProblem.validation("expiresAt", "must be in the future and at most two years away");
        }
        CreatedKey created = insert(actor, cleanName, permissions, expiresAt, null);
        audit.record(new AuditEntry("api_key.created", "api_key", created.key().id().toString(),
                Map.of("name", cleanName, "scopes", created.key().scopes(), "expiresAt", String.valueOf(expiresAt))));
        return created;
    }

    @Transactional(readOnly = true)
    public CursorPage<ApiKey> list(Integer limit, String cursor) {
        UUID organization = TenantScope.requireOrganization();
        int size = Cursors.limit(limit, 50, 200);
        String where = "organization_id = ?";
        List<Object> params = new java.util.ArrayList<>(List.of(organization));
        if (cursor != null && !cursor.isBlank()) {
            Cursors.TimeAndId after = Cursors.decode(cursor);
            where += " and (created_at, id) < (?, ?)";
            params.add(Timestamp.from(after.time()));
            params.add(after.id());
        }
        params.add(size + 1);
        List<ApiKey> rows = jdbc.sql("select * from api_keys where " + where + " order by created_at desc, id desc limit ?")
                .params(params).query(this::map).list();
        return CursorPage.of(rows, size, k -> Cursors.encode(k.createdAt(), k.id()));
    }

    @Transactional
    public void revoke(UUID id) {
        Actors.requirePermission(Permission.API_KEYS_MANAGE);
        ApiKey key = find(id);
        if (key.revokedAt() == null) {
            jdbc.sql("update api_keys set revoked_at = ? where organization_id = ? and id = ? and revoked_at is null")
                    .params(Timestamp.from(clock.instant()), TenantScope.requireOrganization(), id).update();
            audit.record(new AuditEntry("api_key.revoked", "api_key", id.toString(), Map.of("name", key.name())));
        }
    }

    /** Replaces a key by a new secret with the same name, scopes and expiry; the old one stops working. */
    @Transactional
    public CreatedKey rotate(UUID id) {
        Actor actor = Actors.requirePermission(Permission.API_KEYS_MANAGE);
        ApiKey old = find(id);
        if (!"active".equals(old.status())) {
            throw ApiProblem.conflict("api-key-inactive", "This key is " + old.status()
                    + " and cannot be rotated. Create a new key instead.");
        }
        jdbc.sql("update api_keys set revoked_at = ? where organization_id = ? and id = ?")
                .params(Timestamp.from(clock.instant()), TenantScope.requireOrganization(), id).update();
        Set<Permission> permissions = parseScopes(old.scopes());
        CreatedKey created = insert(actor, old.name(), permissions, old.expiresAt(), id);
        audit.record(new AuditEntry("api_key.rotated", "api_key", created.key().id().toString(),
                Map.of("name", old.name(), "previousKey", id.toString())));
        return created;
    }

    private ApiKey find(UUID id) {
        return jdbc.sql("select * from api_keys where organization_id = ? and id = ?")
                .params(TenantScope.requireOrganization(), id).query(this::map).optional()
                .orElseThrow(() -> ApiProblem.notFound("API key " + id));
    }

    private CreatedKey insert(Actor actor, String name, Set<Permission> permissions, Instant expiresAt, UUID rotatedFrom) {
        String secret = SecretTokens.generate(SecretTokens.Kind.API_KEY);
        UUID id = UUID.randomUUID();
        String[] scopeArray = permissions.stream().map(Permission::scope).sorted().toArray(String[]::new);
        jdbc.sql("""
                insert into api_keys (id, organization_id, name, prefix, token_hash, scopes, created_by, created_at,
                                      expires_at, rotated_from)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, TenantScope.requireOrganization(), name, secret.substring(0, 12), SecretTokens.hash(secret),
                        scopeArray, actor.userId(), Timestamp.from(clock.instant()),
                        expiresAt == null ? null : Timestamp.from(expiresAt), rotatedFrom)
                .update();
        return new CreatedKey(find(id), secret);
    }

    static Set<Permission> parseScopes(List<String> scopes) {
        if (scopes == null || scopes.isEmpty()) {
            throw ApiProblem.validation("scopes", "must list at least one scope: " + allScopes());
        }
        Set<Permission> permissions = new LinkedHashSet<>();
        for (String scope : scopes) {
            permissions.add(Permission.fromScope(scope).orElseThrow(() -> ApiProblem.validation("scopes",
                    "'" + scope + "' is not a scope; use any of: " + allScopes())));
        }
        return permissions;
    }

    static String allScopes() {
        return Arrays.stream(Permission.values()).map(Permission::scope).collect(Collectors.joining(", "));
    }

    private ApiKey map(ResultSet rs, int row) throws SQLException {
        Instant expires = ts(rs, "expires_at");
        Instant revoked = ts(rs, "revoked_at");
        String status = revoked != null ? "revoked" : expires != null && !expires.isAfter(clock.instant()) ? "expired" : "active";
        Array scopes = rs.getArray("scopes");
        return new ApiKey(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("prefix"),
                scopes == null ? List.of() : List.of((String[]) scopes.getArray()), rs.getObject("created_by", UUID.class),
                ts(rs, "created_at"), expires, ts(rs, "last_used_at"), revoked, rs.getObject("rotated_from", UUID.class), status);
    }

    private static Instant ts(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
