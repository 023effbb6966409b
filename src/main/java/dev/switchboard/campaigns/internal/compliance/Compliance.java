package dev.switchboard.campaigns.internal.compliance;

import dev.switchboard.identity.Actors;
import dev.switchboard.identity.AuditEntry;
import dev.switchboard.identity.AuditLog;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.TenantScope;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Reads and changes the organization's calling rules; every change is audited with before and after. */
@Service
public class Compliance {

    private static final Pattern CLOCK = Pattern.compile("^([01]?[0-9]|2[0-4]):([0-5][0-9])$");

    /**
     * The rules as the API reads and writes them; every field may be left out of a change.
     *
     * @param callingHoursStart local time a call may start from, {@code HH:mm}
     * @param callingHoursEnd   local time calls stop, {@code HH:mm} ({@code 24:00} for midnight)
     */
    public record Settings(Boolean callingHoursEnabled, String callingHoursStart, String callingHoursEnd,
                           Boolean honorDoNotCall, Boolean addOptOutsToDoNotCall, Integer maxAttemptsPerContact) {

        static Settings of(CallingRules r) {
            return new Settings(r.callingHours(), CallingRules.clock(r.windowStartMinute()),
                    CallingRules.clock(r.windowEndMinute()), r.honorDoNotCall(), r.autoDoNotCall(), r.maxAttempts());
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final Clock clock;

    Compliance(JdbcClient jdbc, TransactionTemplate tx, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    /** The rules of {@code organization}; joins the caller's transaction or opens one. */
    public CallingRules rulesFor(UUID organization) {
        return tx.execute(s -> jdbc.sql("""
                        select calling_hours, window_start_minute, window_end_minute, honor_do_not_call, auto_do_not_call,
                               max_attempts from campaign_compliance where organization_id = ?""")
                .param(organization).query(CallingRules.class).optional().orElse(CallingRules.DEFAULTS));
    }

    Settings current() {
        return Settings.of(rulesFor(TenantScope.requireOrganization()));
    }

    Settings change(Settings input) {
        UUID organization = TenantScope.requireOrganization();
        if (input == null) {
            throw ApiProblem.validation("Send the rules to change as JSON, for example {\"callingHoursStart\": \"09:00\"}.");
        }
        return tx.execute(s -> {
            CallingRules before = rulesFor(organization);
            CallingRules after = merged(before, input);
            jdbc.sql("""
                            insert into campaign_compliance (organization_id, calling_hours, window_start_minute, window_end_minute,
                                                             honor_do_not_call, auto_do_not_call, max_attempts, updated_by, updated_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                            on conflict (organization_id) do update set calling_hours = excluded.calling_hours,
                                window_start_minute = excluded.window_start_minute, window_end_minute = excluded.window_end_minute,
                                honor_do_not_call = excluded.honor_do_not_call, auto_do_not_call = excluded.auto_do_not_call,
                                max_attempts = excluded.max_attempts, updated_by = excluded.updated_by,
                                updated_at = excluded.updated_at""")
                    .params(organization, after.callingHours(), after.windowStartMinute(), after.windowEndMinute(),
                            after.honorDoNotCall(), after.autoDoNotCall(), after.maxAttempts(),
                            Actors.current().map(a -> a.userId()).orElse(null), Timestamp.from(clock.instant()))
                    .update();
            if (!after.equals(before)) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("before", Settings.of(before).toString());
                details.put("after", Settings.of(after).toString());
                audit.record(AuditEntry.of("campaign.compliance_changed", "organization", organization).with(details));
            }
            return Settings.of(after);
        });
    }

    private static CallingRules merged(CallingRules r, Settings in) {
        int start = in.callingHoursStart() == null ? r.windowStartMinute() : minute("callingHoursStart", in.callingHoursStart());
        int end = in.callingHoursEnd() == null ? r.windowEndMinute() : minute("callingHoursEnd", in.callingHoursEnd());
        if (start >= 1440) {
            throw ApiProblem.validation("callingHoursStart", "must be before 24:00");
        }
        if (end <= start) {
            throw ApiProblem.validation("callingHoursEnd", "must be after callingHoursStart (" + CallingRules.clock(start)
                    + "); a window cannot cross midnight");
        }
        int attempts = in.maxAttemptsPerContact() == null ? r.maxAttempts() : in.maxAttemptsPerContact();
        if (attempts < 1 || attempts > 10) {
            throw ApiProblem.validation("maxAttemptsPerContact", "must be between 1 and 10");
        }
        return new CallingRules(or(in.callingHoursEnabled(), r.callingHours()), start, end,
                or(in.honorDoNotCall(), r.honorDoNotCall()), or(in.addOptOutsToDoNotCall(), r.autoDoNotCall()), attempts);
    }

    private static int minute(String field, String text) {
        Matcher m = CLOCK.matcher(text.strip());
        if (!m.matches()) {
            throw ApiProblem.validation(field, "must be a time of day as HH:mm, such as 08:00 or 21:00");
        }
        int minute = Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
        if (minute > 1440) {
            throw ApiProblem.validation(field, "must be at most 24:00");
        }
        return minute;
    }

    private static boolean or(Boolean value, boolean fallback) {
        return value == null ? fallback : value;
    }
}
