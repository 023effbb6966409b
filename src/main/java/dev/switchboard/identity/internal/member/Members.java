package dev.switchboard.identity.internal.member;

import dev.switchboard.identity.Role;
import dev.switchboard.platform.Cursors;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The members of an organization: memberships joined with their user accounts. */
@Component
class Members {

    private static final String SELECT = """
            select m.user_id, u.email, u.full_name, m.role, m.created_at, u.last_sign_in_at
              from memberships m join users u on u.id = m.user_id
             where m.organization_id = ?""";

    private final JdbcClient jdbc;
    private final Clock clock;

    Members(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Up to {@code fetch} members in joining order, after {@code after} when given. */
    List<MemberService.Member> page(UUID organizationId, Role role, String search, Cursors.TimeAndId after, int fetch) {
        StringBuilder sql = new StringBuilder(SELECT);
        List<Object> params = new ArrayList<>(List.of(organizationId));
        if (role != null) {
            sql.append(" and m.role = ?");
            params.add(role.code());
        }
        if (search != null) {
            String pattern = "%" + likeEscaped(search) + "%";
            sql.append(" and (u.email ilike ? escape '\\' or u.full_name ilike ? escape '\\')");
            params.add(pattern);
            params.add(pattern);
        }
        if (after != null) {
            sql.append(" and (m.created_at, m.user_id) > (?, ?)");
            params.add(Timestamp.from(after.time()));
            params.add(after.id());
        }
        sql.append(" order by m.created_at, m.user_id limit ?");
        params.add(fetch);
        return jdbc.sql(sql.toString()).params(params).query(Members::map).list();
    }

    Optional<MemberService.Member> find(UUID organizationId, UUID userId) {
        return jdbc.sql(SELECT + " and m.user_id = ?").params(organizationId, userId).query(Members::map).optional();
    }

    /**
     * Locks the organization's administrator memberships until the transaction ends and returns
     * their user ids. Every change that could leave no administrator takes this lock first, in
     * the same order, so two such changes run one after the other and the second sees the first.
     */
    List<UUID> lockAdministrators(UUID organizationId) {
        return jdbc.sql("""
                select user_id from memberships
                 where organization_id = ? and role = 'admin'
                 order by user_id
                   for update""")
                .param(organizationId).query(UUID.class).list();
    }

    /** The member, with their membership locked until the transaction ends. */
    Optional<MemberService.Member> findForUpdate(UUID organizationId, UUID userId) {
        return jdbc.sql(SELECT + " and m.user_id = ? for update of m").params(organizationId, userId)
                .query(Members::map).optional();
    }

    void changeRole(UUID organizationId, UUID userId, Role role) {
        jdbc.sql("update memberships set role = ?, updated_at = ? where organization_id = ? and user_id = ?")
                .params(role.code(), Timestamp.from(clock.instant()), organizationId, userId).update();
    }

    void remove(UUID organizationId, UUID userId) {
        jdbc.sql("delete from memberships where organization_id = ? and user_id = ?").params(organizationId, userId).update();
    }

    static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static MemberService.Member map(ResultSet rs, int row) throws SQLException {
        Timestamp lastSignIn = rs.getTimestamp(6);
        return new MemberService.Member(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                Role.fromCode(rs.getString(4)).orElseThrow(), rs.getTimestamp(5).toInstant(),
                lastSignIn == null ? null : lastSignIn.toInstant());
    }
}
