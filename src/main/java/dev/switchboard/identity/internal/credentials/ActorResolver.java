package dev.switchboard.identity.internal.credentials;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.internal.account.Memberships;
import dev.switchboard.platform.TenantScope;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a verified credential into the {@link Actor} of a request, checking on every request
 * that the account is enabled and still a member of the organization: a removed member or a
 * demoted role takes effect at once, not when a token expires.
 */
@Component
public class ActorResolver {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Memberships memberships;
    private final Sessions sessions;

    ActorResolver(JdbcClient jdbc, TransactionTemplate tx, Memberships memberships, Sessions sessions) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.memberships = memberships;
        this.sessions = sessions;
    }

    private record Account(String email, boolean platformAdmin, boolean disabled, Role role, boolean familyActive) {
    }

    public Optional<Actor> forSession(Sessions.Session session) {
        UUID organization = session.activeOrganizationId();
        Optional<Account> account = load(session.userId(), organization, null);
        if (account.isEmpty() || account.get().disabled()) {
            return Optional.empty();
        }
        Account a = account.get();
        if (organization != null && a.role() == null) {
            // No longer a member there: fall back to another organization of the user, if any.
            Optional<Memberships.OrganizationMembership> other = memberships.of(session.userId()).stream().findFirst();
            organization = other.map(Memberships.OrganizationMembership::organizationId).orElse(null);
            sessions.switchOrganization(session.id(), organization);
            if (session.impersonatorUserId() != null && organization == null) {
                return Optional.empty();
            }
            a = new Account(a.email(), a.platformAdmin(), false, other.map(Memberships.OrganizationMembership::role).orElse(null), true);
        }
        Actor.Impersonation impersonation = null;
        if (session.impersonatorUserId() != null) {
            String impersonatorEmail = jdbc.sql("select email from users where id = ?").param(session.impersonatorUserId())
                    .query(String.class).optional().orElse("platform administrator");
            impersonation = new Actor.Impersonation(session.impersonatorUserId(), impersonatorEmail,
                    session.impersonationReason(), session.expiresAt());
        }
        return Optional.of(new Actor(session.userId(), a.email(), organization, a.role(), permissionsOf(a.role()),
                a.platformAdmin() && impersonation == null, Actor.AuthMethod.SESSION, session.id(), impersonation));
    }

    public Optional<Actor> forAccessToken(AccessTokens.Claims claims) {
        Optional<Account> account = load(claims.userId(), claims.organizationId(), claims.familyId());
        if (account.isEmpty() || account.get().disabled() || account.get().role() == null || !account.get().familyActive()) {
            return Optional.empty();
        }
        Account a = account.get();
        return Optional.of(new Actor(claims.userId(), a.email(), claims.organizationId(), a.role(), permissionsOf(a.role()),
                a.platformAdmin(), Actor.AuthMethod.ACCESS_TOKEN, claims.familyId(), null));
    }

    public Actor forApiKey(ApiKeys.Authenticated key, String label) {
        return new Actor(key.createdBy(), label, key.organizationId(), null, key.permissions(), false,
                Actor.AuthMethod.API_KEY, key.id(), null);
    }

    private Optional<Account> load(UUID userId, UUID organizationId, UUID familyId) {
        String sql = """
                select u.email, u.platform_role, u.disabled_at,
                       (select m.role from memberships m where m.user_id = u.id and m.organization_id = ?) as role,
                       (cast(? as uuid) is null or exists (select 1 from refresh_tokens r where r.family_id = cast(? as uuid) and r.revoked_at is null)) as family_active
                  from users u where u.id = ?""";
        return TenantScope.callAs(organizationId, () -> tx.execute(s -> jdbc.sql(sql)
                .params(organizationId, familyId, familyId, userId)
                .query((rs, n) -> new Account(rs.getString(1), "platform_admin".equals(rs.getString(2)),
                        rs.getTimestamp(3) != null, Role.fromCode(rs.getString(4)).orElse(null), rs.getBoolean(5)))
                .optional()));
    }

    static Set<dev.switchboard.identity.Permission> permissionsOf(Role role) {
        return role == null ? EnumSet.noneOf(dev.switchboard.identity.Permission.class) : role.permissions();
    }
}
