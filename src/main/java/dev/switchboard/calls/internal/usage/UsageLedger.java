package dev.switchboard.calls.internal.usage;

import dev.switchboard.platform.BeforeCommit;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Bills ended calls and keeps the organization's counters. Runs inside the caller's transaction
 * and tenant scope, so a call's bill, its counters and the change that ended the call commit
 * together. A call is billed at most once: the unique key of {@code usage_history} absorbs a
 * repeated end, and the counters only move when a row was really added.
 */
@Component
class UsageLedger {

    /** The call as billing needs it. */
    record EndedCall(Integer durationSeconds, Instant startedAt, Instant endedAt, BigDecimal costCents) {
    }

    /** An organization's billing settings and time zone. */
    record Terms(BillingRate rate, ZoneId zone) {
    }

    /** The key of a transaction's bills still to count. */
    private static final Object TALLY = new Object();

    private final JdbcClient jdbc;
    private final Clock clock;

    UsageLedger(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Bills {@code callId} if it lasted; answers whether this call added a bill. */
    boolean bill(UUID organization, UUID callId) {
        EndedCall call = jdbc.sql("""
                        select duration_seconds, started_at, ended_at, cost_cents from calls
                        where organization_id = ? and id = ?""")
                .params(organization, callId).query(EndedCall.class).optional().orElse(null);
        if (call == null || call.durationSeconds() == null || call.durationSeconds() <= 0) {
            return false;
        }
        Tally tally = BeforeCommit.buffer(TALLY, Tally::new, this::count);
        Terms terms = tally == null ? terms(organization) : tally.terms.computeIfAbsent(organization, this::terms);
        BillingRate.Charge charge = terms.rate().charge(call.durationSeconds());
        Instant ended = endOf(call);
        LocalDate period = UsagePeriods.periodStart(ended, terms.zone());
        int added = jdbc.sql("""
                        insert into usage_history (id, organization_id, call_id, period_start, usage_date, duration_seconds,
                                                   billable_seconds, billing_increment, rate_per_minute, cost_usd,
                                                   provider_cost_cents, call_started_at, call_ended_at, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (organization_id, call_id) do nothing""")
                .params(UUID.randomUUID(), organization, callId, period, UsagePeriods.day(ended, terms.zone()),
                        call.durationSeconds(), charge.billableSeconds(), terms.rate().increment().code(),
                        terms.rate().ratePerMinute(), charge.costUsd(), call.costCents(), ts(call.startedAt()),
                        ts(ended), ts(clock.instant()))
                .update();
        if (added == 0) {
            return false;
        }
        Tally counted = tally == null ? new Tally() : tally;
        counted.terms.putIfAbsent(organization, terms);
        counted.add(organization, period, charge);
        if (tally == null) {
            count(counted);
        }
        return true;
    }

    /**
     * The bills of one transaction, added to the counters just before it commits: one update
     * of the counters per organization and month, not one per call, and their rows are locked
     * only for the end of the transaction.
     */
    private static final class Tally {
        private final Map<UUID, Terms> terms = new HashMap<>();
        private final Map<UUID, SortedMap<LocalDate, Sum>> sums = new LinkedHashMap<>();

        void add(UUID organization, LocalDate period, BillingRate.Charge charge) {
            sums.computeIfAbsent(organization, o -> new TreeMap<>()).merge(period,
                    new Sum(1, charge.billableSeconds(), charge.costUsd()), Sum::plus);
        }
    }

    private record Sum(int calls, long seconds, BigDecimal cost) {
        Sum plus(Sum other) {
            return new Sum(calls + other.calls, seconds + other.seconds, cost.add(other.cost));
        }
    }

    /** Months in order: a later month's bills start the month to date afresh, as they would one by one. */
    private void count(Tally tally) {
        tally.sums.forEach((organization, periods) -> {
            LocalDate counting = null;
            for (Map.Entry<LocalDate, Sum> period : periods.entrySet()) {
                counting = count(organization, period.getKey(), period.getValue());
            }
            if (counting != null) {
                syncOrganization(organization, counting, tally.terms.get(organization).zone());
            }
        });
    }

    /** The organization's rate, increment and time zone. */
    Terms terms(UUID organization) {
        record Row(BigDecimal rate, String increment, String timeZone) {
        }
        Row row = jdbc.sql("""
                        select billing_rate_per_minute as rate, billing_increment as increment, time_zone
                        from organizations where id = ?""")
                .param(organization).query(Row.class).optional().orElse(null);
        if (row == null) {
            return new Terms(BillingRate.DEFAULT, UsagePeriods.zone(null));
        }
        BillingIncrement increment = BillingIncrement.fromCode(row.increment()).orElse(BillingRate.DEFAULT.increment());
        return new Terms(new BillingRate(row.rate(), increment), UsagePeriods.zone(row.timeZone()));
    }

    /**
     * Starts a new month-to-date for {@code organization} if its counters still count a month
     * before {@code current}; answers whether they did. Harmless to repeat.
     */
    boolean resetMonthToDate(UUID organization, LocalDate current, ZoneId zone) {
        int reset = jdbc.sql("""
                        update usage_counters
                           set period_start = ?, calls_mtd = 0, billable_seconds_mtd = 0, cost_mtd_usd = 0, updated_at = ?
                         where organization_id = ? and period_start < ?""")
                .params(current, ts(clock.instant()), organization, current)
                .update();
        if (reset == 1) {
            syncOrganization(organization, current, zone);
        }
        return reset == 1;
    }

    /**
     * Adds bills of one month to the counters. The month-to-date figures follow the latest month billed: a
     * call of a later month starts them afresh, a late call of an earlier month (a webhook retried
     * after midnight on the 1st) counts in the totals only. Answers the month they now count.
     */
    private LocalDate count(UUID organization, LocalDate period, Sum sum) {
        return jdbc.sql("""
                        insert into usage_counters as c (organization_id, period_start, calls_total, billable_seconds_total,
                                                         cost_total_usd, calls_mtd, billable_seconds_mtd, cost_mtd_usd, updated_at)
                        values (:org, :period, :calls, :seconds, :cost, :calls, :seconds, :cost, :now)
                        on conflict (organization_id) do update set
                            calls_total            = c.calls_total + :calls,
                            billable_seconds_total = c.billable_seconds_total + :seconds,
                            cost_total_usd         = c.cost_total_usd + :cost,
                            calls_mtd              = case when :period > c.period_start then :calls
                                                          when :period = c.period_start then c.calls_mtd + :calls
                                                          else c.calls_mtd end,
                            billable_seconds_mtd   = case when :period > c.period_start then :seconds
                                                          when :period = c.period_start then c.billable_seconds_mtd + :seconds
                                                          else c.billable_seconds_mtd end,
                            cost_mtd_usd           = case when :period > c.period_start then :cost
                                                          when :period = c.period_start then c.cost_mtd_usd + :cost
                                                          else c.cost_mtd_usd end,
                            period_start           = greatest(c.period_start, :period),
                            updated_at             = :now
                        returning period_start""")
                .param("org", organization)
                .param("period", period)
                .param("calls", sum.calls())
                .param("seconds", sum.seconds())
                .param("cost", sum.cost())
                .param("now", ts(clock.instant()))
                .query(LocalDate.class).single();
    }

    /**
     * Mirrors the counters into the organization's own minute counters, which the organization
     * settings, its API and the dashboard show.
     */
    private void syncOrganization(UUID organization, LocalDate period, ZoneId zone) {
        jdbc.sql("""
                        update organizations o
                           set usage_minutes_total = round(c.billable_seconds_total / 60.0, 2),
                               usage_minutes_mtd   = round(c.billable_seconds_mtd / 60.0, 2),
                               usage_last_reset_at = greatest(o.usage_last_reset_at, ?)
                          from usage_counters c
                         where c.organization_id = o.id and o.id = ?""")
                .params(ts(UsagePeriods.startOf(period, zone)), organization)
                .update();
    }

    /** When the call ended; a provider that did not say is trusted for the duration. */
    private Instant endOf(EndedCall call) {
        if (call.endedAt() != null) {
            return call.endedAt();
        }
        if (call.startedAt() != null) {
            return call.startedAt().plusSeconds(call.durationSeconds());
        }
        return clock.instant();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
