package dev.switchboard.campaigns.internal.dnc;

import dev.switchboard.campaigns.DoNotCall;
import dev.switchboard.campaigns.internal.contacts.ContactListPages;
import dev.switchboard.identity.Actors;
import dev.switchboard.identity.AuditEntry;
import dev.switchboard.identity.AuditLog;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.CursorPage;
import dev.switchboard.platform.Cursors;
import dev.switchboard.platform.TenantScope;
import dev.switchboard.telephony.PhoneNumberRules;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The organization's do-not-call list: checked by the dialer, kept by users (one number, a
 * file of numbers, removal) and by calls whose callee asked not to be called again. Every change
 * is audited.
 */
@Service
public class DoNotCallService implements DoNotCall {

    private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{6,14}$");

    /** An entry as pages and the API show it. */
    public record Entry(String phoneNumber, String source, String reason, UUID createdBy, Instant createdAt) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final Clock clock;

    DoNotCallService(JdbcClient jdbc, TransactionTemplate tx, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public boolean isBlocked(UUID organizationId, String e164) {
        return Boolean.TRUE.equals(tx.execute(s -> jdbc.sql(
                        "select exists (select 1 from do_not_call where organization_id = ? and phone_number = ?)")
                .params(organizationId, e164).query(Boolean.class).single()));
    }

    @Override
    public Set<String> blocked(UUID organizationId, Collection<String> e164s) {
        if (e164s.isEmpty()) {
            return Set.of();
        }
        String[] numbers = e164s.toArray(String[]::new);
        return new HashSet<>(tx.execute(s -> jdbc.sql(
                        "select phone_number from do_not_call where organization_id = ? and phone_number = any (?)")
                .params(organizationId, numbers).query(String.class).list()));
    }

    @Override
    public boolean add(UUID organizationId, String e164, Source source, String reason) {
        if (e164 == null || !E164.matcher(e164).matches()) {
            throw new IllegalArgumentException("Not an E.164 number: " + e164);
        }
        String trimmed = trimReason(reason);
        return Boolean.TRUE.equals(tx.execute(s -> {
            UUID userId = Actors.current().map(a -> a.userId()).orElse(null);
            int added = jdbc.sql("""
                            insert into do_not_call (organization_id, phone_number, source, reason, created_by, created_at)
                            values (?, ?, ?, ?, ?, ?) on conflict (organization_id, phone_number) do nothing""")
                    .params(organizationId, e164, source.code(), trimmed, userId, Timestamp.from(clock.instant())).update();
            if (added > 0) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("source", source.code());
                if (trimmed != null) {
                    details.put("reason", trimmed);
                }
                record(organizationId, new AuditEntry("donotcall.added", "phone_number", e164, details));
            }
            return added > 0;
        }));
    }

    /** Adds a number as a user typed it; answers the entry and whether it is new. */
    Added addTyped(String raw, String reason, Source source) {
        UUID organization = TenantScope.requireOrganization();
        if (reason != null && reason.strip().length() > 500) {
            throw ApiProblem.validation("reason", "must have at most 500 characters");
        }
        String e164 = normalize(organization, raw, "phoneNumber");
        boolean added = add(organization, e164, source, reason);
        return new Added(find(organization, e164), added);
    }

    /** The outcome of adding one number. */
    record Added(Entry entry, boolean added) {
    }

    /** Takes a number off the list; 404 when it is not on it. */
    Entry remove(String raw) {
        UUID organization = TenantScope.requireOrganization();
        String e164 = normalize(organization, raw, "number");
        return tx.execute(s -> {
            Entry entry = find(organization, e164);
            jdbc.sql("delete from do_not_call where organization_id = ? and phone_number = ?").params(organization, e164)
                    .update();
            audit.record(new AuditEntry("donotcall.removed", "phone_number", e164,
                    Map.of("source", entry.source(), "reason", entry.reason() == null ? "" : entry.reason())));
            return entry;
        });
    }

    /** Newest first; {@code q} matches digits of the number or words of the reason. */
    CursorPage<Entry> list(String q, Integer requestedLimit, String cursor) {
        UUID organization = TenantScope.requireOrganization();
        int limit = Cursors.limit(requestedLimit, 50, 200);
        StringBuilder sql = new StringBuilder("select * from do_not_call where organization_id = ?");
        List<Object> params = new ArrayList<>(List.of(organization));
        if (q != null && !q.isBlank()) {
            String digits = q.replaceAll("[^0-9]", "");
            String like = "%" + q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            sql.append(" and (reason ilike ?").append(digits.isEmpty() ? "" : " or phone_number like ?").append(")");
            params.add(like);
            if (!digits.isEmpty()) {
                params.add("%" + digits + "%");
            }
        }
        if (cursor != null && !cursor.isBlank()) {
            Position after = Position.decode(cursor);
            sql.append(" and (created_at, phone_number) < (?, ?)");
            params.add(Timestamp.from(after.time()));
            params.add(after.phoneNumber());
        }
        sql.append(" order by created_at desc, phone_number desc limit ?");
        params.add(limit + 1);
        List<Entry> rows = tx.execute(s -> jdbc.sql(sql.toString()).params(params).query((rs, n) -> entry(rs)).list());
        return CursorPage.of(rows, limit, e -> new Position(e.createdAt(), e.phoneNumber()).encode());
    }

    long count() {
        UUID organization = TenantScope.requireOrganization();
        return tx.execute(s -> jdbc.sql("select count(*) from do_not_call where organization_id = ?").param(organization)
                .query(Long.class).single());
    }

    /** Adds many numbers at once, for an import; answers how many were new. */
    int addAll(UUID organization, List<String> e164s, String reason) {
        UUID userId = Actors.current().map(a -> a.userId()).orElse(null);
        return tx.execute(s -> jdbc.sql("""
                        insert into do_not_call (organization_id, phone_number, source, reason, created_by, created_at)
                        select ?, n, 'import', ?, ?, ? from unnest(?::text[]) as n
                        on conflict (organization_id, phone_number) do nothing""")
                .params(organization, reason, userId, Timestamp.from(clock.instant()), e164s.toArray(String[]::new))
                .update());
    }

    void recordImport(Map<String, ?> details) {
        tx.executeWithoutResult(s -> audit.record(new AuditEntry("donotcall.imported", "do_not_call", null, details)));
    }

    String region(UUID organization) {
        return tx.execute(s -> jdbc.sql("select default_region from organizations where id = ?").param(organization)
                .query(String.class).single());
    }

    private String normalize(UUID organization, String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw ApiProblem.validation(field, "is required: the number not to call, such as +14155551234");
        }
        String region = region(organization);
        return PhoneNumberRules.toE164(raw, region).orElseThrow(() -> ApiProblem.validation(field, "is not a phone number: "
                + "write it in international form, such as +14155551234, or as a number of " + region));
    }

    private Entry find(UUID organization, String e164) {
        return tx.execute(s -> jdbc.sql("select * from do_not_call where organization_id = ? and phone_number = ?")
                .params(organization, e164).query((rs, n) -> entry(rs)).optional())
                .orElseThrow(() -> ApiProblem.notFound("The number " + e164 + " on the do-not-call list"));
    }

    private void record(UUID organization, AuditEntry entry) {
        if (Actors.current().isPresent()) {
            audit.record(entry);
        } else {
            audit.recordFor(organization, entry);
        }
    }

    private static String trimReason(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        String stripped = reason.strip();
        return stripped.length() > 500 ? stripped.substring(0, 500) : stripped;
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getString("phone_number"), rs.getString("source"), rs.getString("reason"),
                rs.getObject("created_by", UUID.class), rs.getTimestamp("created_at").toInstant());
    }

    /** A (created_at, number) position in the list, as an opaque cursor. */
    record Position(Instant time, String phoneNumber) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((time + "|" + phoneNumber).getBytes(StandardCharsets.UTF_8));
        }

        static Position decode(String cursor) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int bar = raw.indexOf('|');
                return new Position(Instant.parse(raw.substring(0, bar)), raw.substring(bar + 1));
            } catch (RuntimeException e) {
                throw ContactListPages.invalidCursor();
            }
        }
    }
}
