package dev.switchboard.calls.internal.reconcile;

import dev.switchboard.platform.JobContext;
import dev.switchboard.platform.RecurringJob;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every five minutes (on one node), reconciles each organization with recent or unfinished
 * calls. One organization's failure (its provider down, say) does not stop the others.
 */
@Component
class ReconcileCallsJob implements RecurringJob {

    private static final Logger log = LoggerFactory.getLogger(ReconcileCallsJob.class);

    private final CallReconciler reconciler;
    private final JdbcClient jdbc;
    private final Clock clock;

    ReconcileCallsJob(CallReconciler reconciler, JdbcClient jdbc, Clock clock) {
        this.reconciler = reconciler;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public String taskName() {
        return "reconcile-calls";
    }

    @Override
    public String cron() {
        return "30 */5 * * * *";
    }

    @Override
    public void run(JobContext context) {
        List<UUID> organizations = jdbc.sql("select organizations_with_open_calls(?)")
                .param(Timestamp.from(clock.instant().minus(CallReconciler.LOOKBACK))).query(UUID.class).list();
        for (UUID organization : organizations) {
            try {
                reconciler.reconcile(organization, false);
            } catch (RuntimeException e) {
                log.warn("Reconciling the calls of organization {} failed: {}", organization, e.getMessage());
            }
        }
    }
}
