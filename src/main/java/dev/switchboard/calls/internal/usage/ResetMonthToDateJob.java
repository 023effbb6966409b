package dev.switchboard.calls.internal.usage;

import dev.switchboard.platform.JobContext;
import dev.switchboard.platform.RecurringJob;
import dev.switchboard.platform.TenantScope;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every quarter of an hour, starts a new month-to-date for each organization whose local month
 * has turned (time zones turn at every quarter hour somewhere). Billing already starts a new
 * month when a call of it is billed; this job covers organizations with no call yet this month.
 * Running it twice, or hours late, changes nothing more: a reset names the month it starts.
 */
@Component
class ResetMonthToDateJob implements RecurringJob {

    private static final Logger log = LoggerFactory.getLogger(ResetMonthToDateJob.class);

    record Due(UUID organizationId, String timeZone, LocalDate periodStart) {
    }

    private final JdbcClient jdbc;
    private final UsageLedger ledger;
    private final TransactionTemplate tx;
    private final Clock clock;

    ResetMonthToDateJob(JdbcClient jdbc, UsageLedger ledger, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    @Override
    public String taskName() {
        return "reset-usage-month-to-date";
    }

    @Override
    public String cron() {
        return "0 */15 * * * *";
    }

    @Override
    public void run(JobContext context) {
        int reset = resetAt(clock.instant());
        if (reset > 0) {
            log.info("Started a new usage month for {} organizations", reset);
        }
    }

    /** Resets every organization whose local month at {@code now} is later than its counters'; answers how many. */
    int resetAt(Instant now) {
        List<Due> due = jdbc.sql("select * from usage_counters_due_for_reset(?)")
                .param(java.sql.Timestamp.from(now)).query(Due.class).list();
        int reset = 0;
        for (Due candidate : due) {
            ZoneId zone = UsagePeriods.zone(candidate.timeZone());
            LocalDate current = UsagePeriods.periodStart(now, zone);
            if (candidate.periodStart().isBefore(current) && resetOne(candidate.organizationId(), current, zone)) {
                reset++;
            }
        }
        return reset;
    }

    private boolean resetOne(UUID organization, LocalDate current, ZoneId zone) {
        return Boolean.TRUE.equals(TenantScope.callAs(organization, () ->
                tx.execute(s -> ledger.resetMonthToDate(organization, current, zone))));
    }
}
