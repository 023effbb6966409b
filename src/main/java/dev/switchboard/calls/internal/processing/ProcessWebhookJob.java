package dev.switchboard.calls.internal.processing;

import dev.switchboard.platform.JobContext;
import dev.switchboard.platform.JobHandler;
import dev.switchboard.platform.RetryPolicy;
import dev.switchboard.platform.TenantScope;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
            markFailed(row.id(), context.lastAttempt() ? "parked" : "failed", e);
            log.warn("Webhook {} ({} for call {}) could not be processed, attempt {}: {}", row.id(), row.eventType(),
                    row.providerCallId(), context.attempt(), e.getMessage());
            throw e;
        }
    }

    void process(InboxRow row) {
        CallEvent event = CallEvent.parse(row.provider(), row.rawBody(), row.receivedAt());
        UUID organization = organizationOf(row, event);
        if (organization == null && TwilioCallEvents.PROVIDER.equals(row.provider())) {
            // A carrier leg no organization answered (a refused call on an unassigned number): nothing to record.
            markProcessed(row, null);
            return;
        }
        if (organization == null) {
            throw new IllegalStateException("No organization knows the agent, call or number of this event");
        }
        TenantScope.runAs(organization, () -> tx.executeWithoutResult(status -> apply(organization, row, event)));
        markProcessed(row, organization);
    }

    private void markProcessed(InboxRow row, UUID organization) {
        markProcessed(List.of(row.id()), organization);
    }

    /** Marks inbox rows processed for {@code organization} (null when no organization had anything to record). */
    void markProcessed(List<UUID> inboxIds, UUID organization) {
        jdbc.sql("""
                update webhook_inbox set status = 'processed', attempts = attempts + 1, last_error = null, processed_at = ?,
                       subject_organization_id = ? where id = any (?)""")
                .params(Timestamp.from(clock.instant()), organization, inboxIds.toArray(UUID[]::new)).update();
    }

    /** Records a failed attempt on an inbox row: {@code failed} while retries remain, else {@code parked}. */
    void markFailed(UUID inboxId, String status, RuntimeException cause) {
        jdbc.sql("update webhook_inbox set status = ?, attempts = attempts + 1, last_error = ? where id = ?")
                .params(status, String.valueOf(cause.getMessage()), inboxId).update();
    }

    void apply(UUID organization, InboxRow row, CallEvent event) {
        apply(ledger.batch(organization, Collections.singletonList(event.providerCallId())), organization, row, event);
    }

    /** What applying these events of {@code organization} reads once; call inside its scope and transaction. */
    CallLedger.Batch batch(UUID organization, List<CallEvent> events) {
        return ledger.batch(organization, events.stream().map(CallEvent::providerCallId).toList());
    }

    void apply(CallLedger.Batch batch, UUID organization, InboxRow row, CallEvent event) {
        applyAll(batch, organization, List.of(row), List.of(event));
    }

    /**
     * Applies inbox rows of {@code organization} (with their parsed events, in the same order) in
     * one go; call inside its scope and transaction.
     */
    void applyAll(CallLedger.Batch batch, UUID organization, List<InboxRow> rows, List<CallEvent> events) {
        List<CallLedger.Item> items = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            InboxRow row = rows.get(i);
            CallEvent applicable = events.get(i);
            if (TwilioCallEvents.PROVIDER.equals(row.provider())) {
                applicable = connectedCall(organization, applicable);
                if (applicable == null) {
                    // A leg Switchboard never connected to an agent (a refused call): nothing to record.
                    log.debug("Twilio {} for call {} concerns no recorded call", events.get(i).type(), events.get(i).providerCallId());
                    continue;
                }
            }
            items.add(new CallLedger.Item(row.id(), row.receivedAt(), applicable));
        }
        List<CallLedger.Applied> applied = ledger.applyAll(batch, items);
        for (int i = 0; i < items.size(); i++) {
            if (applied.get(i).unlinkedTo() != null && "inbound".equals(items.get(i).event().direction())) {
                linkToLine(batch, organization, applied.get(i).callId(), applied.get(i).unlinkedTo());
            }
        }
    }

    /** A Twilio event is about the voice-agent call its leg was connected to (found by the CallSid kept on it). */
    private CallEvent connectedCall(UUID organization, CallEvent event) {
        record Linked(String providerCallId, String providerAgentId) {
        }
        return jdbc.sql("""
                        select provider_call_id, provider_agent_id from calls
                        where organization_id = ? and metadata ->> 'twilioCallSid' = ? and provider_call_id is not null""")
                .params(organization, event.providerCallId()).query(Linked.class).optional()
                .map(linked -> event.about(linked.providerCallId(), linked.providerAgentId())).orElse(null);
    }

    /**
     * An inbound call belongs to the line it arrived on: its number, and the number's inbound
     * agent when the provider named no agent Switchboard knows.
     */
    private void linkToLine(CallLedger.Batch batch, UUID organization, UUID callId, String to) {
        ledger.line(batch, to).ifPresent(line ->
                jdbc.sql("""
                        update calls set phone_number_id = ?, agent_id = coalesce(agent_id, ?)
                        where organization_id = ? and id = ? and phone_number_id is null""")
                        .params(line.phoneNumberId(), line.inboundAgentId(), organization, callId).update());
    }

    UUID organizationOf(InboxRow row, CallEvent event) {
        if (row.subjectOrganizationId() != null) {
            return row.subjectOrganizationId();
        }
        if (TwilioCallEvents.PROVIDER.equals(row.provider())) {
            return jdbc.sql("select organization_of_twilio_call(?)").param(event.providerCallId()).query(UUID.class)
                    .optional().orElse(null);
        }
        UUID byAgent = event.providerAgentId() == null ? null : jdbc.sql("select organization_of_provider_agent(?)")
                .param(event.providerAgentId()).query(UUID.class).optional().orElse(null);
        if (byAgent != null) {
            return byAgent;
        }
        List<String> providers = VapiCallEvents.PROVIDER.equals(row.provider()) ? List.of(VapiCallEvents.PROVIDER)
                : CallLedger.RETELL_FORMAT;
        UUID byCall = row.providerCallId() == null ? null : jdbc.sql("select organization_of_provider_call(?, ?)")
                .params(providers.toArray(String[]::new), row.providerCallId()).query(UUID.class).optional().orElse(null);
        if (byCall != null || !"inbound".equals(event.direction()) || event.toNumber() == null) {
            return byCall;
        }
        // An inbound call whose agent Switchboard does not know belongs to the number's organization.
        return jdbc.sql("select organization_id from inbound_line(?)").param(event.toNumber()).query(UUID.class)
                .optional().orElse(null);
    }
}
