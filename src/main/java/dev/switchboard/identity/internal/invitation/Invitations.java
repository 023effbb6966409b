package dev.switchboard.identity.internal.invitation;

import dev.switchboard.identity.Role;
import dev.switchboard.platform.Cursors;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Invitation rows. Only the SHA-256 hash of an invitation's token is stored. */
@Component
class Invitations {

    /** An invitation as its organization sees it. */
    record Row(UUID id, String email, Role role, UUID invitedBy, String invitedByName, Instant createdAt,
               Instant expiresAt, Instant acceptedAt, Instant revokedAt) {
    }

    /** An invitation found by its token, before its organization is known. */
    record ByToken(UUID id, UUID organizationId, String organizationName, String email, Role role, Instant expiresAt,
                   Instant acceptedAt, Instant revokedAt) {
    }

    private static final String SELECT = """
            select i.id, i.email, i.role, i.invited_by, coalesce(nullif(btrim(u.full_name), ''), u.email) as inviter,
                   i.created_at, i.expires_at, i.accepted_at, i.revoked_at
              from invitations i left join users u on u.id = i.invited_by
             where i.organization_id = ?""";

    private final JdbcClient jdbc;

    Invitations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Serialises, until the transaction ends, every change to the invitations of one e-mail
     * address in one organization, so that "revoke the open one, then insert" cannot interleave.
     */
    void lockAddress(UUID organizationId, String email) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))")
                .param("invitation:" + organizationId + ":" + email.toLowerCase(Locale.ROOT))
                .query((rs, n) -> 1).list();
    }

    boolean isMember(UUID organizationId, String email) {
        return jdbc.sql("""
                select exists (select 1 from memberships m join users u on u.id = m.user_id
                                where m.organization_id = ? and lower(u.email) = lower(?))""")
                .params(organizationId, email).query(Boolean.class).single();
    }

    /** Revokes the open invitations of an address; returns their ids. */
    List<UUID> revokeOpen(UUID organizationId, String email, Instant now) {
        return jdbc.sql("""
                update invitations set revoked_at = ?
                 where organization_id = ? and lower(email) = lower(?) and accepted_at is null and revoked_at is null
                returning id""")
                .params(Timestamp.from(now), organizationId, email).query(UUID.class).list();
    }

    void insert(UUID id, UUID organizationId, String email, Role role, byte[] tokenHash, UUID invitedBy, Instant now,
                Instant expiresAt) {
        jdbc.sql("""
                insert into invitations (id, organization_id, email, role, token_hash, invited_by, created_at, expires_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, organizationId, email, role.code(), tokenHash, invitedBy, Timestamp.from(now),
                        Timestamp.from(expiresAt))
                .update();
    }

    Optional<Row> find(UUID organizationId, UUID id) {
        return jdbc.sql(SELECT + " and i.id = ?").params(organizationId, id).query(Invitations::map).optional();
    }

    /** Open, unexpired invitations, newest first, after {@code after} when given. */
    List<Row> pending(UUID organizationId, Instant now, Cursors.TimeAndId after, int fetch) {
        StringBuilder sql = new StringBuilder(SELECT)
                .append(" and i.accepted_at is null and i.revoked_at is null and i.expires_at > ?");
        List<Object> params = new ArrayList<>(List.of(organizationId, Timestamp.from(now)));
        if (after != null) {
            sql.append(" and (i.created_at, i.id) < (?, ?)");
            params.add(Timestamp.from(after.time()));
            params.add(after.id());
        }
        sql.append(" order by i.created_at desc, i.id desc limit ?");
        params.add(fetch);
        return jdbc.sql(sql.toString()).params(params).query(Invitations::map).list();
    }

    /** Revokes one open invitation; false when it was no longer open. */
    boolean revoke(UUID organizationId, UUID id, Instant now) {
        return jdbc.sql("""
                update invitations set revoked_at = ?
                 where organization_id = ? and id = ? and accepted_at is null and revoked_at is null""")
                .params(Timestamp.from(now), organizationId, id).update() == 1;
    }

    /** The invitation behind a token hash, in any organization (a narrow security-definer lookup). */
    Optional<ByToken> byTokenHash(byte[] hash) {
        return jdbc.sql("""
                select id, organization_id, organization_name, email, role, expires_at, accepted_at, revoked_at
                  from invitation_by_hash(?)""")
                .param(hash)
                .query((rs, n) -> new ByToken(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), Role.fromCode(rs.getString(5)).orElseThrow(), instant(rs, 6), instant(rs, 7),
                        instant(rs, 8)))
                .optional();
    }

    /**
     * Marks an invitation used if it is still open and unexpired. Exactly one of several
     * concurrent claims updates the row; the others see it already accepted and get false.
     */
    boolean claim(UUID organizationId, UUID id, UUID acceptedBy, Instant now) {
        return jdbc.sql("""
                update invitations set accepted_at = ?, accepted_by = ?
                 where organization_id = ? and id = ? and accepted_at is null and revoked_at is null and expires_at > ?""")
                .params(Timestamp.from(now), acceptedBy, organizationId, id, Timestamp.from(now)).update() == 1;
    }

    void setAcceptedBy(UUID organizationId, UUID id, UUID userId) {
        jdbc.sql("update invitations set accepted_by = ? where organization_id = ? and id = ?")
                .params(userId, organizationId, id).update();
    }

    private static Row map(ResultSet rs, int row) throws SQLException {
        return new Row(rs.getObject(1, UUID.class), rs.getString(2), Role.fromCode(rs.getString(3)).orElseThrow(),
                rs.getObject(4, UUID.class), rs.getString(5), instant(rs, 6), instant(rs, 7), instant(rs, 8), instant(rs, 9));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
