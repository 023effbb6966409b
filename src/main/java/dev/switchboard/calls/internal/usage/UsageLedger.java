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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /** The key of the calls a transaction ended, still to bill. */
    private static final Object ENDED = new Object();

    private final JdbcClient jdbc;
    private final Clock clock;

    UsageLedger(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Bills {@code callId} if it lasted. In a transaction the bill is written just before the
     * commit, with those of every other call the transaction ended: one read of their figures and
     * one insert for all of them, instead of two statements per call.
     */
    void bill(UUID organization, UUID callId) {
        Ended ended = BeforeCommit.buffer(ENDED, Ended::new, this::billAll);
        if (ended != null) {
            ended.add(organization, callId);
            return;
        }
        Ended alone = new Ended();
        alone.add(organization, callId);
        billAll(alone);
    }

    /** Calls a transaction ended, by organization, in the order they ended. */
    private static final class Ended {
        private final Map<UUID, Set<UUID>> calls = new LinkedHashMap<>();

        void add(UUID organization, UUID callId) {
            calls.computeIfAbsent(organization, o -> new LinkedHashSet<>()).add(callId);
        }
    }

    private void billAll(Ended ended) {
        Tally tally = new Tally();
        ended.calls.forEach((organization, calls) -> bill(organization, List.copyOf(calls), tally));
        count(tally);
    }

    /** Bills those of {@code callIds} that lasted and adds the bills really written to {@code tally}. */
    private void bill(UUID organization, List<UUID> callIds, Tally tally) {
        Map<UUID, EndedCall> lasted = new LinkedHashMap<>();
        // Each call probed by its key: the limit keeps the subquery from being flattened into a join
        // that, on the lagging statistics of a fast-growing calls table, reads all the organization's calls.
        jdbc.sql("""
                        select c.id, c.duration_seconds, c.started_at, c.ended_at, c.cost_cents
                        from unnest(?::uuid[]) with ordinality as e (id, ord)
                        cross join lateral (select id, duration_seconds, started_at, ended_at, cost_cents from calls
                                            where organization_id = ? and id = e.id limit 1) c
                        order by e.ord""")
                .params(callIds.toArray(UUID[]::new), organization)
                .query(rs -> {
                    Integer duration = (Integer) rs.getObject(2);
                    if (duration != null && duration > 0) {
                        lasted.put(rs.getObject(1, UUID.class), new EndedCall(duration, instant(rs.getTimestamp(3)),
                                instant(rs.getTimestamp(4)), rs.getBigDecimal(5)));
                    }
                });
        if (lasted.isEmpty()) {
            return;
        }
        Terms terms = tally.terms.computeIfAbsent(organization, this::terms);
        int n = lasted.size();
        UUID[] ids = new UUID[n];
        UUID[] calls = new UUID[n];
        String[] periods = new String[n], days = new String[n], increments = new String[n], rates = new String[n],
                costs = new String[n], providerCosts = new String[n], started = new String[n], endedAt = new String[n];
        Integer[] durations = new Integer[n];
        Long[] billable = new Long[n];
        Map<UUID, LocalDate> periodOf = new HashMap<>();
        Map<UUID, BillingRate.Charge> chargeOf = new HashMap<>();
        int i = 0;
        for (Map.Entry<UUID, EndedCall> entry : lasted.entrySet()) {
            EndedCall call = entry.getValue();
            BillingRate.Charge charge = terms.rate().charge(call.durationSeconds());
            Instant end = endOf(call);
            LocalDate period = UsagePeriods.periodStart(end, terms.zone());
            periodOf.put(entry.getKey(), period);
            chargeOf.put(entry.getKey(), charge);
            ids[i] = UUID.randomUUID();
            calls[i] = entry.getKey();
            periods[i] = period.toString();
            days[i] = UsagePeriods.day(end, terms.zone()).toString();
            durations[i] = call.durationSeconds();
            billable[i] = charge.billableSeconds();
            increments[i] = terms.rate().increment().code();
            rates[i] = terms.rate().ratePerMinute().toPlainString();
            costs[i] = charge.costUsd().toPlainString();
            providerCosts[i] = call.costCents() == null ? null : call.costCents().toPlainString();
            started[i] = call.startedAt() == null ? null : call.startedAt().toString();
            endedAt[i] = end.toString();
            i++;
        }
        jdbc.sql("""
                        insert into usage_history (id, organization_id, call_id, period_start, usage_date, duration_seconds,
                                                   billable_seconds, billing_increment, rate_per_minute, cost_usd,
                                                   provider_cost_cents, call_started_at, call_ended_at, created_at)
                        select b.id, ?, b.call_id, b.period_start, b.usage_date, b.duration_seconds, b.billable_seconds,
                               b.billing_increment, b.rate_per_minute, b.cost_usd, b.provider_cost_cents,
                               b.call_started_at, b.call_ended_at, ?
                        from unnest(?::uuid[], ?::uuid[], ?::date[], ?::date[], ?::integer[], ?::bigint[], ?::text[],
                                    ?::numeric[], ?::numeric[], ?::numeric[], ?::timestamptz[], ?::timestamptz[])
                             as b (id, call_id, period_start, usage_date, duration_seconds, billable_seconds,
                                   billing_increment, rate_per_minute, cost_usd, provider_cost_cents, call_started_at,
                                   call_ended_at)
                        on conflict (organization_id, call_id) do nothing
                        returning call_id""")
                .params(organization, ts(clock.instant()), ids, calls, periods, days, durations, billable, increments,
                        rates, costs, providerCosts, started, endedAt)
                // A call billed already (its end repeated) returns nothing and is not counted again.
                .query(rs -> {
                    UUID billed = rs.getObject(1, UUID.class);
                    tally.add(organization, periodOf.get(billed), chargeOf.get(billed));
                });
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

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
