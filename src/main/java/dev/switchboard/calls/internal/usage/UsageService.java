package dev.switchboard.calls.internal.usage;

import dev.switchboard.calls.UsageFigures;
import dev.switchboard.identity.Actors;
import dev.switchboard.identity.AuditEntry;
import dev.switchboard.identity.AuditLog;
import dev.switchboard.identity.Permission;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.CursorPage;
import dev.switchboard.platform.Cursors;
import dev.switchboard.platform.Page;
import dev.switchboard.platform.PageRequest;
import dev.switchboard.platform.TenantScope;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the current organization used and what it costs, and its billing settings. Any member
 * reads; members with {@link Permission#BILLING_MANAGE} (administrators) change the rate and
 * increment, which apply to calls that end afterwards; every change is audited.
 */
@Service
class UsageService implements UsageFigures {

    static final String CURRENCY = "USD";
    static final int MAX_RANGE_DAYS = 366;

    /** Calls, billable time and cost of some span. */
    record Amounts(long calls, long billableSeconds, BigDecimal minutes, BigDecimal costUsd) {

        static final Amounts NONE = of(0, 0, BigDecimal.ZERO);

        static Amounts of(long calls, long billableSeconds, BigDecimal costUsd) {
            return new Amounts(calls, billableSeconds, UsageService.minutes(billableSeconds), costUsd.setScale(BillingRate.COST_SCALE,
                    RoundingMode.HALF_UP));
        }
    }

    /** One local month: its first and last day and what was used in it. */
    record Period(LocalDate start, LocalDate end, Amounts usage) {
    }

    /** One local day of the breakdown. */
    record Day(LocalDate date, Amounts usage) {
    }

    /** The organization's billing settings. */
    record Settings(BigDecimal ratePerMinuteUsd, String increment, String currency) {

        static Settings of(BillingRate rate) {
            return new Settings(rate.ratePerMinute(), rate.increment().code(), CURRENCY);
        }
    }

    /** A change of the billing settings; both fields are required. */
    record ChangeBilling(BigDecimal ratePerMinuteUsd, String increment) {
    }

    /** The usage overview: the current month, all time, and a daily breakdown of a range. */
    record Summary(String currency, String timeZone, Settings billing, Period currentPeriod, Amounts totals,
                   LocalDate from, LocalDate to, List<Day> days) {
    }

    /** One billed call. {@code number} is the other party: the number called, or the caller. */
    record Entry(UUID id, UUID callId, String direction, String number, Instant callStartedAt, Instant callEndedAt,
                 LocalDate date, int durationSeconds, long billableSeconds, BigDecimal minutes, String increment,
                 BigDecimal ratePerMinuteUsd, BigDecimal costUsd, BigDecimal providerCostCents) {
    }

    private static final String ENTRY_COLUMNS = """
            select u.id, u.call_id, c.direction,
                   case when c.direction = 'inbound' then c.from_number else c.to_number end as number,
                   u.call_started_at, u.call_ended_at, u.usage_date, u.duration_seconds, u.billable_seconds,
                   u.billing_increment, u.rate_per_minute, u.cost_usd, u.provider_cost_cents
              from usage_history u join calls c on c.organization_id = u.organization_id and c.id = u.call_id
            """;

    private final JdbcClient jdbc;
    private final UsageLedger ledger;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final TransactionTemplate readOnly;

    UsageService(JdbcClient jdbc, UsageLedger ledger, AuditLog audit, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.audit = audit;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    // ── reading ─────────────────────────────────────────────────────────────────────────────

    /** The overview with days from {@code from} to {@code to} (ISO dates; blank: this month so far). */
    Summary summary(String from, String to) {
        UUID org = requireReader();
        Instant now = clock.instant();
        return readOnly.execute(s -> {
            UsageLedger.Terms terms = ledger.terms(org);
            LocalDate today = UsagePeriods.day(now, terms.zone());
            LocalDate first = date("from", from, today.withDayOfMonth(1));
            LocalDate last = date("to", to, today);
            checkRange(first, last);
            Counters counters = counters(org);
            return new Summary(CURRENCY, terms.zone().getId(), Settings.of(terms.rate()),
                    currentPeriod(counters, UsagePeriods.periodStart(now, terms.zone())), counters.totals(),
                    first, last, days(org, first, last));
        });
    }

    /** Billed calls, most recently ended first, by cursor. */
    CursorPage<Entry> history(Integer requestedLimit, String cursor) {
        UUID org = requireReader();
        int limit = Cursors.limit(requestedLimit, 50, 200);
        Cursors.TimeAndId after = cursor == null || cursor.isBlank() ? null : Cursors.decode(cursor);
        List<Entry> rows = readOnly.execute(s -> {
            String where = after == null ? "where u.organization_id = ?"
                    : "where u.organization_id = ? and (u.call_ended_at, u.id) < (?, ?)";
            List<Object> params = new ArrayList<>(List.of(org));
            if (after != null) {
                params.add(Timestamp.from(after.time()));
                params.add(after.id());
            }
            params.add(limit + 1);
            return jdbc.sql(ENTRY_COLUMNS + where + " order by u.call_ended_at desc, u.id desc limit ?")
                    .params(params).query(UsageService::entry).list();
        });
        return CursorPage.of(rows, limit, e -> Cursors.encode(e.callEndedAt(), e.id()));
    }

    /** Billed calls by page number, for the settings page. */
    Page<Entry> historyPage(PageRequest page) {
        UUID org = requireReader();
        return readOnly.execute(s -> {
            long total = jdbc.sql("select count(*) from usage_history where organization_id = ?").param(org)
                    .query(Long.class).single();
            List<Entry> rows = jdbc.sql(ENTRY_COLUMNS + """
                            where u.organization_id = ? order by u.call_ended_at desc, u.id desc limit ? offset ?""")
                    .params(org, page.size(), page.offset()).query(UsageService::entry).list();
            return new Page<>(rows, page, total);
        });
    }

    @Override
    public Figures current() {
        UUID org = TenantScope.requireOrganization();
        Instant now = clock.instant();
        return readOnly.execute(s -> {
            UsageLedger.Terms terms = ledger.terms(org);
            LocalDate period = UsagePeriods.periodStart(now, terms.zone());
            LocalDate today = UsagePeriods.day(now, terms.zone());
            Counters counters = counters(org);
            Amounts month = currentPeriod(counters, period).usage();
            return new Figures(terms.zone(), period, callsSince(org, UsagePeriods.startOf(today, terms.zone())),
                    callsSince(org, UsagePeriods.startOf(period, terms.zone())), month.calls(), month.minutes(),
                    month.costUsd(), counters.totals().minutes(), terms.rate().ratePerMinute());
        });
    }

    // ── billing settings ────────────────────────────────────────────────────────────────────

    Settings billing() {
        UUID org = requireReader();
        return readOnly.execute(s -> Settings.of(ledger.terms(org).rate()));
    }

    /** Replaces the rate and increment; audits the old and new values when they differ. */
    Settings changeBilling(ChangeBilling change) {
        Actors.requirePermission(Permission.BILLING_MANAGE);
        UUID org = TenantScope.requireOrganization();
        BillingRate wanted = validRate(change);
        return tx.execute(s -> {
            BillingRate before = ledger.terms(org).rate();
            if (before.ratePerMinute().compareTo(wanted.ratePerMinute()) == 0 && before.increment() == wanted.increment()) {
                return Settings.of(before);
            }
            jdbc.sql("""
                            update organizations set billing_rate_per_minute = ?, billing_increment = ?, updated_at = ?
                            where id = ?""")
                    .params(wanted.ratePerMinute(), wanted.increment().code(), Timestamp.from(clock.instant()), org)
                    .update();
            audit.record(new AuditEntry("billing.settings_changed", "organization", org.toString(), Map.of(
                    "old", settingsDetails(before), "new", settingsDetails(wanted))));
            return Settings.of(wanted);
        });
    }

    static BillingRate validRate(ChangeBilling change) {
        ApiProblem problem = null;
        BigDecimal rate = change == null ? null : change.ratePerMinuteUsd();
        String rateError = rateError(rate);
        if (rateError != null) {
            problem = ApiProblem.validation("ratePerMinuteUsd", rateError);
        }
        var increment = BillingIncrement.fromCode(change == null ? null : change.increment());
        if (increment.isEmpty()) {
            String message = "must be second or minute: the unit a call's duration is rounded up to";
            problem = problem == null ? ApiProblem.validation("increment", message) : problem.field("increment", message);
        }
        if (problem != null) {
            throw problem;
        }
        return new BillingRate(rate.setScale(BillingRate.RATE_SCALE, RoundingMode.UNNECESSARY), increment.get());
    }

    private static String rateError(BigDecimal rate) {
        if (rate == null) {
            return "is required: the price of one call minute in USD, such as 0.25";
        }
        if (rate.signum() < 0 || rate.compareTo(BillingRate.MAX_RATE) > 0) {
            return "must be between 0 and 100 USD per minute";
        }
        if (rate.stripTrailingZeros().scale() > BillingRate.RATE_SCALE) {
            return "may have at most 4 decimals, such as 0.0725";
        }
        return null;
    }

    private static Map<String, String> settingsDetails(BillingRate rate) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("ratePerMinuteUsd", rate.ratePerMinute().toPlainString());
        details.put("increment", rate.increment().code());
        return details;
    }

    // ── helpers ─────────────────────────────────────────────────────────────────────────────

    /** The organization's running totals; {@code periodStart} is null before its first bill. */
    private record Counters(LocalDate periodStart, Amounts totals, Amounts monthToDate) {
    }

    private Counters counters(UUID org) {
        return jdbc.sql("""
                        select period_start, calls_total, billable_seconds_total, cost_total_usd,
                               calls_mtd, billable_seconds_mtd, cost_mtd_usd
                        from usage_counters where organization_id = ?""")
                .param(org)
                .query((rs, n) -> new Counters(rs.getObject("period_start", LocalDate.class),
                        Amounts.of(rs.getLong("calls_total"), rs.getLong("billable_seconds_total"),
                                rs.getBigDecimal("cost_total_usd")),
                        Amounts.of(rs.getLong("calls_mtd"), rs.getLong("billable_seconds_mtd"),
                                rs.getBigDecimal("cost_mtd_usd"))))
                .optional()
                .orElse(new Counters(null, Amounts.NONE, Amounts.NONE));
    }

    /** The month to date; counters still on an earlier month (not reset yet) mean nothing was used in this one. */
    private static Period currentPeriod(Counters counters, LocalDate period) {
        boolean counting = counters.periodStart() != null && !counters.periodStart().isBefore(period);
        return new Period(period, period.plusMonths(1).minusDays(1), counting ? counters.monthToDate() : Amounts.NONE);
    }

    private List<Day> days(UUID org, LocalDate from, LocalDate to) {
        Map<LocalDate, Amounts> used = jdbc.sql("""
                        select usage_date, count(*) as calls, sum(billable_seconds) as seconds, sum(cost_usd) as cost
                        from usage_history where organization_id = ? and usage_date between ? and ?
                        group by usage_date""")
                .params(org, from, to)
                .query((rs, n) -> Map.entry(rs.getObject("usage_date", LocalDate.class),
                        Amounts.of(rs.getLong("calls"), rs.getLong("seconds"), rs.getBigDecimal("cost"))))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return from.datesUntil(to.plusDays(1)).map(d -> new Day(d, used.getOrDefault(d, Amounts.NONE))).toList();
    }

    private long callsSince(UUID org, Instant since) {
        return jdbc.sql("select count(*) from calls where organization_id = ? and created_at >= ?")
                .params(org, Timestamp.from(since)).query(Long.class).single();
    }

    private static void checkRange(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw ApiProblem.validation("to", "must be on or after from (" + from + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_RANGE_DAYS) {
            throw ApiProblem.validation("to", "must be at most " + MAX_RANGE_DAYS + " days after from; ask for a shorter range");
        }
    }

    private static LocalDate date(String field, String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ApiProblem.validation(field, "must be a date written as YYYY-MM-DD, such as 2026-11-01");
        }
        if (date.getYear() < 2000 || date.getYear() > 2999) {
            throw ApiProblem.validation(field, "must be a date between the years 2000 and 2999");
        }
        return date;
    }

    private static UUID requireReader() {
        Actors.requirePermission(Permission.ORGANIZATION_READ);
        return TenantScope.requireOrganization();
    }

    static BigDecimal minutes(long billableSeconds) {
        return BigDecimal.valueOf(billableSeconds).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP);
    }

    private static Entry entry(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        long billable = rs.getLong("billable_seconds");
        return new Entry(rs.getObject("id", UUID.class), rs.getObject("call_id", UUID.class), rs.getString("direction"),
                rs.getString("number"), instant(rs.getTimestamp("call_started_at")),
                instant(rs.getTimestamp("call_ended_at")), rs.getObject("usage_date", LocalDate.class),
                rs.getInt("duration_seconds"), billable, minutes(billable), rs.getString("billing_increment"),
                rs.getBigDecimal("rate_per_minute"), rs.getBigDecimal("cost_usd"), rs.getBigDecimal("provider_cost_cents"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
