package dev.switchboard.calls.internal.inbox;

import dev.switchboard.identity.AuditEntry;
import dev.switchboard.identity.AuditLog;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.JobKey;
import dev.switchboard.platform.JobRequest;
import dev.switchboard.platform.Jobs;
import dev.switchboard.platform.JobsAdmin;
import dev.switchboard.platform.Page;
import dev.switchboard.platform.PageRequest;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The platform administrator's view of provider webhooks that could not be processed: events
 * still failing (retried with backoff) and events parked after their last attempt. Replaying one
 * makes it waiting again and runs its processing job now, with fresh attempts; processing is
 * idempotent, so replaying an event twice changes a call once. Callers check that the user is a
 * platform administrator; replays and reads of raw bodies are audited in the platform log.
 */
@Service
class WebhookInboxAdmin {

    /** The processing job of an inbox row: its task name, instance id (the row id) and payload. */
    static final String PROCESS_TASK = "process-webhook";

    record ProcessPayload(UUID inboxId) {
    }

    /** Which rows a list shows. */
    enum Filter {
        PARKED("parked", "Parked", "('parked')"),
        FAILED("failed", "Failing", "('failed')"),
        ALL("all", "All stuck", "('parked', 'failed')");

        private final String param;
        private final String label;
        private final String statuses;

        Filter(String param, String label, String statuses) {
            this.param = param;
            this.label = label;
            this.statuses = statuses;
        }

        public String param() {
            return param;
        }

        public String label() {
            return label;
        }

        static Optional<Filter> of(String param) {
            String wanted = param == null ? "" : param.trim().toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(f -> f.param.equals(wanted)).findFirst();
        }
    }

    /** One inbox row without its body. */
    record Event(UUID id, String provider, String eventType, String providerCallId, String status, int attempts,
                 int deliveries, String lastError, Instant receivedAt, Instant processedAt, UUID subjectOrganizationId) {
    }

    /** One inbox row with the body the provider sent. */
    record EventWithBody(Event event, String rawBody) {
    }

    private static final String COLUMNS = """
            select id, provider, event_type, provider_call_id, status, attempts, deliveries, last_error, received_at,
                   processed_at, subject_organization_id
              from webhook_inbox""";
    private static final int REPLAY_ALL_MAX = 1000;

    private final JdbcClient jdbc;
    private final Jobs jobs;
    private final JobsAdmin jobsAdmin;
    private final AuditLog audit;
    private final TransactionTemplate tx;

    WebhookInboxAdmin(JdbcClient jdbc, Jobs jobs, JobsAdmin jobsAdmin, AuditLog audit, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.jobsAdmin = jobsAdmin;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactions);
    }

    /** Stuck events, most recently received first. */
    Page<Event> list(Filter filter, PageRequest page) {
        long total = count(filter);
        List<Event> items = jdbc.sql(COLUMNS + " where status in " + filter.statuses
                        + " order by received_at desc, id limit ? offset ?")
                .params(page.size(), page.offset()).query(Event.class).list();
        return new Page<>(items, page, total);
    }

    long count(Filter filter) {
        return jdbc.sql("select count(*) from webhook_inbox where status in " + filter.statuses).query(Long.class).single();
    }

    /** One event with its raw body; the read is audited, since the body belongs to an organization. */
    EventWithBody read(UUID id) {
        Event event = find(id).orElseThrow(() -> ApiProblem.notFound("Webhook event " + id));
        String body = jdbc.sql("select raw_body from webhook_inbox where id = ?").param(id).query(String.class).single();
        audit.recordPlatform(new AuditEntry("webhook_inbox.body_viewed", "webhook_event", id.toString(),
                Map.of("eventType", event.eventType())), event.subjectOrganizationId());
        return new EventWithBody(event, body);
    }

    Optional<Event> find(UUID id) {
        return jdbc.sql(COLUMNS + " where id = ?").param(id).query(Event.class).optional();
    }

    /**
     * Makes a failed or parked event wait again and runs its processing now.
     *
     * @throws ApiProblem 404 when there is no such event, 409 when it is not failed or parked, or
     *                    its job is running right now
     */
    Event replay(UUID id) {
        return tx.execute(s -> {
            Event before = find(id).orElseThrow(() -> ApiProblem.notFound("Webhook event " + id));
            int reset = jdbc.sql("""
                            update webhook_inbox set status = 'received', attempts = 0
                            where id = ? and status in ('parked', 'failed')""")
                    .param(id).update();
            if (reset == 0) {
                throw ApiProblem.conflict("webhook-not-replayable", "This event is " + before.status()
                        + "; only failed or parked events can be replayed.");
            }
            enqueue(id);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("eventType", before.eventType());
            details.put("previousStatus", before.status());
            details.put("attempts", before.attempts());
            audit.recordPlatform(new AuditEntry("webhook_inbox.replayed", "webhook_event", id.toString(), details),
                    before.subjectOrganizationId());
            return before;
        });
    }

    /** Replays up to {@value #REPLAY_ALL_MAX} stuck events of {@code filter}, oldest first; answers how many. */
    int replayAll(Filter filter) {
        List<UUID> ids = jdbc.sql("select id from webhook_inbox where status in " + filter.statuses
                        + " order by received_at limit " + REPLAY_ALL_MAX)
                .query(UUID.class).list();
        int replayed = 0;
        for (UUID id : ids) {
            try {
                replay(id);
                replayed++;
            } catch (ApiProblem finishedOrRunning) {
                // Processed or picked up since the list was read: nothing to replay.
            }
        }
        return replayed;
    }

    /**
     * Runs the row's processing job now: a job still waiting for its next attempt, or parked by
     * the job system, is the one retried; otherwise (lost, or cancelled) a new one is scheduled.
     */
    private void enqueue(UUID id) {
        if (!jobsAdmin.retry(new JobKey(PROCESS_TASK, id.toString()))) {
            jobs.schedule(JobRequest.of(PROCESS_TASK, id.toString(), new ProcessPayload(id)));
        }
    }
}
