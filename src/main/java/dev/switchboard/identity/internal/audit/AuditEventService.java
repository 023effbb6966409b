package dev.switchboard.identity.internal.audit;

import dev.switchboard.identity.Actors;
import dev.switchboard.identity.Permission;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.CursorPage;
import dev.switchboard.platform.Cursors;
import dev.switchboard.platform.TenantScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads the current organization's audit log, newest first, for members with {@link Permission#AUDIT_READ}. */
@Service
public class AuditEventService {

    /** One audited action, with who did it, from where, and its details. */
    public record AuditEvent(UUID id, Instant occurredAt, UUID actorUserId, String actorLabel, UUID impersonatorUserId,
                             String action, String targetType, String targetId, String ip, String userAgent,
                             String requestId, Map<String, Object> details) {
    }

    /**
     * Which events to list; every filter is optional.
     *
     * @param action      an action or its beginning, such as {@code member.} or {@code member.removed}
     * @param actorUserId only events done by this user
     * @param actor       only events whose actor's e-mail address (or API key name) or name contains
     *                    this text, case-insensitively
     * @param targetType  only events on this kind of object, such as {@code user}
     * @param targetId    only events on this object
     * @param from        only events at or after this instant
     * @param to          only events before this instant
     * @param limit       page size, 1 to {@value #MAX_PAGE}; null for {@value #DEFAULT_PAGE}
     * @param cursor      the {@code nextCursor} of the previous page; null for the first page
     */
    public record AuditEventQuery(String action, UUID actorUserId, String actor, String targetType, String targetId,
                                  Instant from, Instant to, Integer limit, String cursor) {
    }

    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 200;
    private static final int FILTER_MAX = 200;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final TransactionTemplate readOnly;

    AuditEventService(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    public CursorPage<AuditEvent> search(AuditEventQuery query) {
        Actors.requirePermission(Permission.AUDIT_READ);
        UUID organization = TenantScope.requireOrganization();
        String action = filter("action", query.action());
        String actor = filter("actor", query.actor());
        String targetType = filter("targetType", query.targetType());
        String targetId = filter("targetId", query.targetId());
        if (query.from() != null && query.to() != null && !query.from().isBefore(query.to())) {
            throw ApiProblem.validation("to", "must be later than 'from'");
        }
        int limit = Cursors.limit(query.limit(), DEFAULT_PAGE, MAX_PAGE);
        Cursors.TimeAndId after = query.cursor() == null || query.cursor().isBlank() ? null : Cursors.decode(query.cursor());

        StringBuilder sql = new StringBuilder("""
                select id, occurred_at, actor_user_id, actor_label, impersonator_user_id, action, target_type, target_id,
                       ip, user_agent, request_id, details::text
                  from audit_events
                 where organization_id = ?""");
        List<Object> params = new ArrayList<>(List.of(organization));
        if (action != null) {
            sql.append(" and action like ? escape '\\'");
            params.add(like(action) + "%");
        }
        if (query.actorUserId() != null) {
            sql.append(" and actor_user_id = ?");
            params.add(query.actorUserId());
        }
        if (actor != null) {
            // The label keeps the e-mail address as it was then; the name is today's.
            sql.append(" and (actor_label ilike ? escape '\\' or actor_user_id in "
                    + "(select u.id from users u where u.full_name ilike ? escape '\\'))");
            String pattern = "%" + like(actor) + "%";
            params.add(pattern);
            params.add(pattern);
        }
        if (targetType != null) {
            sql.append(" and target_type = ?");
            params.add(targetType);
        }
        if (targetId != null) {
            sql.append(" and target_id = ?");
            params.add(targetId);
        }
        if (query.from() != null) {
            sql.append(" and occurred_at >= ?");
            params.add(Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            sql.append(" and occurred_at < ?");
            params.add(Timestamp.from(query.to()));
        }
        if (after != null) {
            sql.append(" and (occurred_at, id) < (?, ?)");
            params.add(Timestamp.from(after.time()));
            params.add(after.id());
        }
        sql.append(" order by occurred_at desc, id desc limit ?");
        params.add(limit + 1);
        List<AuditEvent> fetched = readOnly.execute(s ->
                jdbc.sql(sql.toString()).params(params).query(AuditEventService::map).list());
        return CursorPage.of(fetched, limit, e -> Cursors.encode(e.occurredAt(), e.id()));
    }

    /** The actions this organization's log holds, in alphabetical order, for choosing a filter. */
    public List<String> actions() {
        Actors.requirePermission(Permission.AUDIT_READ);
        UUID organization = TenantScope.requireOrganization();
        return readOnly.execute(s -> jdbc.sql("select distinct action from audit_events where organization_id = ? order by action")
                .param(organization).query(String.class).list());
    }

    private static String like(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String filter(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.length() > FILTER_MAX) {
            throw ApiProblem.validation(field, "must be at most " + FILTER_MAX + " characters");
        }
        return trimmed;
    }

    private static AuditEvent map(ResultSet rs, int row) throws SQLException {
        return new AuditEvent(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(), rs.getObject(3, UUID.class),
                rs.getString(4), rs.getObject(5, UUID.class), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getString(9), rs.getString(10), rs.getString(11), JSON.readValue(rs.getString(12), OBJECT));
    }
}
