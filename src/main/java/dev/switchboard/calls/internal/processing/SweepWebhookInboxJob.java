package dev.switchboard.calls.internal.processing;

import dev.switchboard.platform.JobContext;
import dev.switchboard.platform.JobRequest;
import dev.switchboard.platform.Jobs;
import dev.switchboard.platform.RecurringJob;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every minute, schedules processing for inbox rows still waiting, so an event is not lost when
 * scheduling at receipt failed. Scheduling is idempotent per inbox id: a row whose job is pending
 * or retrying is left alone; parked rows wait for an administrator.
 */
@Component
class SweepWebhookInboxJob implements RecurringJob {

    /** Rows younger than this are left to the job scheduled at receipt. */
    private static final Duration GRACE = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final Jobs jobs;
    private final Clock clock;

    SweepWebhookInboxJob(JdbcClient jdbc, Jobs jobs, Clock clock) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.clock = clock;
    }

    @Override
    public String taskName() {
        return "sweep-webhook-inbox";
    }

    @Override
    public String cron() {
        return "0 * * * * *";
    }

    @Override
    public void run(JobContext context) {
        sweep();
    }

    int sweep() {
        List<UUID> waiting = jdbc.sql("""
                        select id from webhook_inbox where status in ('received', 'failed') and received_at < ?
                        order by received_at limit 500""")
                .param(Timestamp.from(clock.instant().minus(GRACE))).query(UUID.class).list();
        int scheduled = 0;
        for (UUID id : waiting) {
            if (jobs.schedule(JobRequest.of(ProcessWebhookJob.TASK, id.toString(), new ProcessWebhookJob.Payload(id)))) {
                scheduled++;
            }
        }
        return scheduled;
    }
}
