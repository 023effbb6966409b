package dev.switchboard.identity.internal.account;

import dev.switchboard.identity.Role;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Who belongs to which organization with which role. */
@Component
public class Memberships {

    /** One organization a user belongs to. */
    public record OrganizationMembership(UUID organizationId, String organizationName, Role role) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    Memberships(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Every organization of a user, across tenants (a narrow security-definer lookup). */
    public List<OrganizationMembership> of(UUID userId) {
        return jdbc.sql("select organization_id, organization_name, role from user_memberships(?)").param(userId)
                .query((rs, n) -> new OrganizationMembership(rs.getObject(1, UUID.class), rs.getString(2),
                        Role.fromCode(rs.getString(3)).orElseThrow()))
                .list();
    }

    /** Adds a member to the organization in scope. */
    public void add(UUID organizationId, UUID userId, Role role) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("insert into memberships (organization_id, user_id, role, created_at, updated_at) values (?, ?, ?, ?, ?)")
                .params(organizationId, userId, role.code(), now, now).update();
    }

    /** The member's role in the organization in scope. */
    public Optional<Role> roleOf(UUID organizationId, UUID userId) {
        return jdbc.sql("select role from memberships where organization_id = ? and user_id = ?")
                .params(organizationId, userId).query(String.class).optional().flatMap(Role::fromCode);
    }
}
