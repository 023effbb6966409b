package dev.switchboard.identity.internal.admin;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.Actors;
import dev.switchboard.identity.AuditEntry;
import dev.switchboard.identity.AuditLog;
import dev.switchboard.identity.PlatformAdminReads;
import dev.switchboard.identity.internal.organization.Organizations;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.CursorPage;
import dev.switchboard.platform.Cursors;
import dev.switchboard.platform.TenantScope;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** What platform administrators see and change across organizations. */
@Service
public class PlatformAdminService {

    /** An organization as the platform sees it. */
    public record OrganizationSummary(UUID id, String name, String planTier, String timeZone, long members,
                                      BigDecimal usageMinutesTotal, BigDecimal usageMinutesMonthToDate, Instant createdAt) {
    }

    /** A user as the platform sees it. */
    public record UserSummary(UUID id, String email, String fullName, boolean platformAdmin, boolean disabled,
                              List<String> organizations, Instant lastSignInAt, Instant createdAt) {
    }

    static final Set<String> PLAN_TIERS = Set.of("starter", "professional", "enterprise");

    private final JdbcClient jdbc;
    private final PlatformAdminReads reads;
    private final AuditLog audit;
    private final Organizations organizations;
    private final TransactionTemplate tx;
    private final Clock clock;

    PlatformAdminService(JdbcClient jdbc, PlatformAdminReads reads, AuditLog audit, Organizations organizations,
                         TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.reads = reads;
        this.audit = audit;
        this.organizations = organizations;
        this.tx = tx;
        this.clock = clock;
    }

    public CursorPage<OrganizationSummary> organizations(String query, Integer limit, String cursor) {
        int size = Cursors.limit(limit, 50, 200);
        return reads.read("list organizations", () -> {
            StringBuilder where = new StringBuilder("true");
            List<Object> params = new ArrayList<>();
            if (query != null && !query.isBlank()) {
                where.append(" and o.name ilike ?");
                params.add("%" + like(query.trim()) + "%");
            }
            if (cursor != null && !cursor.isBlank()) {
                Cursors.TimeAndId after = Cursors.decode(cursor);
                where.append(" and (o.created_at, o.id) < (?, ?)");
                params.add(Timestamp.from(after.time()));
                params.add(after.id());
            }
            params.add(size + 1);
            List<OrganizationSummary> rows = jdbc.sql("""
                    select o.id, o.name, o.plan_tier, o.time_zone,
                           (select count(*) from memberships m where m.organization_id = o.id) as members,
                           o.usage_minutes_total, o.usage_minutes_mtd, o.created_at
                      from organizations o""" + " where " + where + " order by o.created_at desc, o.id desc limit ?")
                    .params(params)
                    .query((rs, n) -> new OrganizationSummary(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getLong(5), rs.getBigDecimal(6), rs.getBigDecimal(7),
                            rs.getTimestamp(8).toInstant()))
                    .list();
            return CursorPage.of(rows, size, o -> Cursors.encode(o.createdAt(), o.id()));
        });
    }

    public CursorPage<UserSummary> users(String query, Integer limit, String cursor) {
        int size = Cursors.limit(limit, 50, 200);
        return reads.read("list users", () -> {
            StringBuilder where = new StringBuilder("true");
            List<Object> params = new ArrayList<>();
            if (query != null && !query.isBlank()) {
                where.append(" and (u.email ilike ? or u.full_name ilike ?)");
                String pattern = "%" + like(query.trim()) + "%";
                params.add(pattern);
                params.add(pattern);
            }
            if (cursor != null && !cursor.isBlank()) {
                Cursors.TimeAndId after = Cursors.decode(cursor);
                where.append(" and (u.created_at, u.id) < (?, ?)");
                params.add(Timestamp.from(after.time()));
                params.add(after.id());
            }
            params.add(size + 1);
            List<UserSummary> rows = jdbc.sql("""
                    select u.id, u.email, u.full_name, u.platform_role, u.disabled_at, u.last_sign_in_at, u.created_at,
                           coalesce((select array_agg(o.name || ' (' || m.role || ')' order by o.name)
                                       from memberships m join organizations o on o.id = m.organization_id
                                      where m.user_id = u.id), '{}') as organizations
                      from users u""" + " where " + where + " order by u.created_at desc, u.id desc limit ?")
                    .params(params)
                    .query((rs, n) -> new UserSummary(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            "platform_admin".equals(rs.getString(4)), rs.getTimestamp(5) != null,
                            List.of((String[]) rs.getArray(8).getArray()),
                            rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant(),
                            rs.getTimestamp(7).toInstant()))
                    .list();
            return CursorPage.of(rows, size, u -> Cursors.encode(u.createdAt(), u.id()));
        });
    }

    /** Platform-wide counts for the admin dashboard. */
    public Map<String, Long> analytics() {
        Instant now = clock.instant();
        return reads.read("platform analytics", () -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("organizations", count("select count(*) from organizations"));
            counts.put("users", count("select count(*) from users"));
            counts.put("memberships", count("select count(*) from memberships"));
            counts.put("organizationsCreatedLast30Days", count("select count(*) from organizations where created_at > ?",
                    Timestamp.from(now.minus(30, ChronoUnit.DAYS))));
            counts.put("usersSignedInLast24Hours", count("select count(*) from users where last_sign_in_at > ?",
                    Timestamp.from(now.minus(1, ChronoUnit.DAYS))));
            counts.put("activeSessions", count("select count(*) from sessions where revoked_at is null and expires_at > ?",
                    Timestamp.from(now)));
            counts.put("activeApiKeys", count("select count(*) from api_keys where revoked_at is null "
                    + "and (expires_at is null or expires_at > ?)", Timestamp.from(now)));
            return counts;
        });
    }

    public void changePlanTier(UUID organizationId, String planTier) {
        Actor actor = requireAdmin();
        String tier = planTier == null ? "" : planTier.trim().toLowerCase(java.util.Locale.ROOT);
        if (!PLAN_TIERS.contains(tier)) {
            throw ApiProblem.validation("planTier", "must be one of starter, professional, enterprise");
        }
        TenantScope.runAs(organizationId, () -> tx.executeWithoutResult(s -> {
            Organizations.Organization org = organizations.find(organizationId)
                    .orElseThrow(() -> ApiProblem.notFound("Organization " + organizationId));
            organizations.setPlanTier(organizationId, tier);
            AuditEntry entry = new AuditEntry("organization.plan_changed", "organization", organizationId.toString(),
                    Map.of("from", org.planTier(), "to", tier, "by", actor.email()));
            audit.record(entry);
            audit.recordPlatform(entry, organizationId);
        }));
    }

    static Actor requireAdmin() {
        Actor actor = Actors.require();
        if (!actor.platformAdmin()) {
            throw ApiProblem.forbidden("Only platform administrators may do this.");
        }
        return actor;
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    private static String like(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
