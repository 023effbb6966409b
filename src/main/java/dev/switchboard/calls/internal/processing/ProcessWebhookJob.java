package dev.switchboard.calls.internal.processing;

import dev.switchboard.platform.JobContext;
import dev.switchboard.platform.JobHandler;
import dev.switchboard.platform.RetryPolicy;
import dev.switchboard.platform.TenantScope;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Processes one inbox row: finds the organization, applies the event to its call inside the
 * organization's scope, and marks the row processed. A failure marks the row failed (parked after
 * the last attempt, as the job system parks the job) so the inbox tells what happened.
 */
@Component
class ProcessWebhookJob implements JobHandler<ProcessWebhookJob.Payload> {

    static final String TASK = "process-webhook";

    private static final Logger log = LoggerFactory.getLogger(ProcessWebhookJob.class);

    record Payload(UUID inboxId) {
    }

    record InboxRow(UUID id, String provider, String eventType, String providerCallId, String rawBody, Instant receivedAt,
                    String status, UUID subjectOrganizationId) {
    }

    private final JdbcClient jdbc;
    private final CallLedger ledger;
    private final TransactionTemplate tx;
    private final Clock clock;

    ProcessWebhookJob(JdbcClient jdbc, CallLedger ledger, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    @Override
    public String taskName() {
        return TASK;
    }

    @Override
    public Class<Payload> payloadType() {
        return Payload.class;
    }

    /** Three attempts, doubling the wait with jitter, then parked. */
    @Override
    public RetryPolicy retryPolicy(RetryPolicy defaults) {
        return new RetryPolicy(3, defaults.baseDelay(), 2, defaults.maxDelay(), Math.max(0.2, defaults.jitter()));
    }

    @Override
    public void run(Payload payload, JobContext context) {
        InboxRow row = jdbc.sql("""
                        select id, provider, event_type, provider_call_id, raw_body, received_at, status, subject_organization_id
                        from webhook_inbox where id = ?""")
                .param(payload.inboxId()).query(InboxRow.class).optional().orElse(null);
        if (row == null || "processed".equals(row.status())) {
            return;
        }
        try {
            process(row);
        } catch (RuntimeException e) {
            String status = context.lastAttempt() ? "parked" : "failed";
            jdbc.sql("update webhook_inbox set status = ?, attempts = attempts + 1, last_error = ? where id = ?")
                    .params(status, String.valueOf(e.getMessage()), row.id()).update();
            log.warn("Webhook {} ({} for call {}) could not be processed, attempt {}: {}", row.id(), row.eventType(),
                    row.providerCallId(), context.attempt(), e.getMessage());
            throw e;
        }
    }

    void process(InboxRow row) {
        UUID organization = organizationOf(row);
        if (organization == null) {
            throw new IllegalStateException("No organization knows the agent or call of this event");
        }
        CallEvent event = CallEvent.parse(row.rawBody(), row.receivedAt());
        TenantScope.runAs(organization, () -> tx.executeWithoutResult(status ->
                ledger.apply(organization, row.id(), row.receivedAt(), event)));
        jdbc.sql("""
                update webhook_inbox set status = 'processed', attempts = attempts + 1, last_error = null, processed_at = ?,
                       subject_organization_id = ? where id = ?""")
                .params(Timestamp.from(clock.instant()), organization, row.id()).update();
    }

    private UUID organizationOf(InboxRow row) {
        if (row.subjectOrganizationId() != null) {
            return row.subjectOrganizationId();
        }
        CallEvent event = CallEvent.parse(row.rawBody(), row.receivedAt());
        UUID byAgent = event.providerAgentId() == null ? null : jdbc.sql("select organization_of_provider_agent(?)")
                .param(event.providerAgentId()).query(UUID.class).optional().orElse(null);
        if (byAgent != null || row.providerCallId() == null) {
            return byAgent;
        }
        return jdbc.sql("select organization_of_provider_call(?, ?)")
                .params(CallLedger.RETELL_FORMAT.toArray(String[]::new), row.providerCallId())
                .query(UUID.class).optional().orElse(null);
    }
}
