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
 * Every minute, hands out inbox rows still waiting, so an event is not lost when the node that
 * stored it never processed it (a crash, a full queue): received rows go to this node's
 * {@link InboxDrain}; failed rows get their processing job back. Scheduling is idempotent per inbox
 * id: a row whose job is pending or retrying is left alone; parked rows wait for an administrator.
 */
@Component
class SweepWebhookInboxJob implements RecurringJob {

    /** Rows younger than this are left to the node that stored them. */
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final int PAGE = 1_000;
    /** At most this many rows a run, well within the drain's queue. */
    private static final int MAX_PER_RUN = 50_000;

    private final JdbcClient jdbc;
    private final Jobs jobs;
    private final InboxDrain drain;
    private final Clock clock;

    SweepWebhookInboxJob(JdbcClient jdbc, Jobs jobs, InboxDrain drain, Clock clock) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.drain = drain;
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

    /** Answers how many rows were handed out. */
    int sweep() {
        Timestamp before = Timestamp.from(clock.instant().minus(GRACE));
        int handedOut = 0;
        Timestamp afterTime = new Timestamp(0);
        UUID afterId = new UUID(0, 0);
        while (handedOut < MAX_PER_RUN) {
            record Waiting(UUID id, Timestamp receivedAt, UUID subjectOrganizationId, String providerCallId) {
            }
            List<Waiting> page = jdbc.sql("""
                            select id, received_at, subject_organization_id, provider_call_id from webhook_inbox
                            where status = 'received' and received_at < ? and (received_at, id) > (?, ?)
                            order by received_at, id limit ?""")
                    .params(before, afterTime, afterId, PAGE).query(Waiting.class).list();
            if (page.isEmpty()) {
                break;
            }
            int queued = drain.offer(page.stream()
                    .map(w -> new InboxDrain.Stored(w.id(), w.subjectOrganizationId(), w.providerCallId())).toList());
            handedOut += queued;
            if (queued < page.size() || page.size() < PAGE) {
                break;
            }
            afterTime = page.get(page.size() - 1).receivedAt();
            afterId = page.get(page.size() - 1).id();
        }
        List<UUID> failed = jdbc.sql("""
                        select id from webhook_inbox where status = 'failed' and received_at < ?
                        order by received_at limit 500""")
                .param(before).query(UUID.class).list();
        for (UUID id : failed) {
            if (jobs.schedule(JobRequest.of(ProcessWebhookJob.TASK, id.toString(), new ProcessWebhookJob.Payload(id)))) {
                handedOut++;
            }
        }
        return handedOut;
    }
}
