package dev.switchboard.identity;

import dev.switchboard.identity.internal.credentials.SecretTokens;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.TestDatabase;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Builds the members and API keys that organization-management tests need. Members who must
 * call the API sign up (to get a password) and are then added to the organization by the
 * database owner; members who are only acted upon are inserted directly.
 */
final class OrganizationFixture {

    private static final Map<String, JdbcClient> OWNERS = new ConcurrentHashMap<>();

    private final Api api;
    private final JdbcClient owner;

    OrganizationFixture(Api api, TestDatabase database) {
        this.api = api;
        // One owner connection per test database: each owner() call opens a connection of its own.
        this.owner = OWNERS.computeIfAbsent(database.name(), name -> database.owner());
    }

    JdbcClient owner() {
        return owner;
    }

    /** A member of {@code admin}'s organization with {@code role}, signed in to it. */
    Api.Account member(Api.Account admin, Role role) {
        Api.Account own = api.signUp("Home of " + role.code());
        addMembership(admin.organizationId(), own.userId(), role);
        return api.signIn(own.email(), own.password(), admin.organizationId());
    }

    /** A member who never signs in, named {@code fullName}; returns their user id. */
    UUID passiveMember(UUID organizationId, Role role, String email, String fullName) {
        UUID id = UUID.randomUUID();
        owner.sql("insert into users (id, email, full_name, password_hash) values (?, ?, ?, '{noop}unusable')")
                .params(id, email, fullName).update();
        addMembership(organizationId, id, role);
        return id;
    }

    UUID passiveMember(UUID organizationId, Role role) {
        return passiveMember(organizationId, role, Api.uniqueEmail(role.code()), "Pat " + role.code());
    }

    void addMembership(UUID organizationId, UUID userId, Role role) {
        owner.sql("insert into memberships (organization_id, user_id, role, created_at) values (?, ?, ?, clock_timestamp())")
                .params(organizationId, userId, role.code()).update();
    }

    /** Creates an API key of the organization with exactly these scopes; returns its secret. */
    String apiKey(UUID organizationId, UUID createdBy, Permission... scopes) {
        String secret = SecretTokens.generate(SecretTokens.Kind.API_KEY);
        String[] scopeNames = Arrays.stream(scopes).map(Permission::scope).toArray(String[]::new);
        owner.sql("""
                insert into api_keys (id, organization_id, name, prefix, token_hash, scopes, created_by)
                values (?, ?, 'test key', ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), organizationId, secret.substring(0, 8), SecretTokens.hash(secret), scopeNames,
                        createdBy)
                .update();
        return secret;
    }

    static RequestPostProcessor apiKey(String secret) {
        return request -> {
            request.addHeader("X-Api-Key", secret);
            return request;
        };
    }

    String roleOf(UUID organizationId, UUID userId) {
        return owner.sql("select role from memberships where organization_id = ? and user_id = ?")
                .params(organizationId, userId).query(String.class).optional().orElse(null);
    }
}
