package dev.switchboard.calls.internal.webhooks;

import dev.switchboard.platform.JobRequest;
import dev.switchboard.platform.Jobs;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The durable inbox: a verified event is stored once; a repeated delivery only counts. */
@Component
public class WebhookInbox {

    /** The processing job's task name and payload (see {@code calls.internal.processing}). */
    static final String PROCESS_TASK = "process-webhook";

    record ProcessPayload(java.util.UUID inboxId) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Jobs jobs;
    private final TransactionTemplate tx;

    WebhookInbox(JdbcClient jdbc, Clock clock, Jobs jobs, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.jobs = jobs;
        this.tx = new TransactionTemplate(transactions);
    }

    /**
     * Stores an event and schedules its processing in the same transaction; answers false when
     * the same event was stored before. Should scheduling be lost, the inbox sweeper catches up.
     */
    boolean accept(String provider, String eventKey, String eventType, String providerCallId, String rawBody,
                   UUID organizationId) {
        return Boolean.TRUE.equals(tx.execute(status -> store(provider, eventKey, eventType, providerCallId, rawBody,
                organizationId)));
    }

    private boolean store(String provider, String eventKey, String eventType, String providerCallId, String rawBody,
                          UUID organizationId) {
        UUID id = UUID.randomUUID();
        int inserted = jdbc.sql("""
                insert into webhook_inbox (id, provider, event_key, event_type, provider_call_id, raw_body, received_at,
                                           subject_organization_id)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (provider, event_key) do nothing""")
                .params(id, provider, eventKey, eventType, providerCallId, rawBody,
                        Timestamp.from(clock.instant()), organizationId)
                .update();
        if (inserted == 0) {
            jdbc.sql("update webhook_inbox set deliveries = deliveries + 1 where provider = ? and event_key = ?")
                    .params(provider, eventKey).update();
        }
        if (inserted == 1) {
            jobs.schedule(JobRequest.of(PROCESS_TASK, id.toString(), new ProcessPayload(id)));
        }
        return inserted == 1;
    }

    UUID organizationOfProviderAgent(String providerAgentId) {
        if (providerAgentId == null) {
            return null;
        }
        return jdbc.sql("select organization_of_provider_agent(?)").param(providerAgentId).query(UUID.class).optional()
                .orElse(null);
    }

    /**
     * Stores an event Switchboard made itself from the provider's own account of a call
     * (reconciliation), for {@code organizationId}; processed like a delivered webhook, and
     * absorbed like one when the same event key was stored before. Answers whether it is new.
     */
    public boolean acceptReconciled(String provider, String eventKey, String eventType, String providerCallId,
                                    String rawBody, UUID organizationId) {
        return accept(provider, eventKey, eventType, providerCallId, rawBody, organizationId);
    }

    /** The line an inbound call arrived on; empty for a number the platform does not have. */
    record InboundLine(UUID phoneNumberId, String numberStatus, UUID organizationId, UUID inboundAgentId) {
    }

    java.util.Optional<InboundLine> inboundLine(String e164) {
        if (e164 == null) {
            return java.util.Optional.empty();
        }
        return jdbc.sql("select phone_number_id, number_status, organization_id, inbound_agent_id from inbound_line(?)")
                .param(e164).query(InboundLine.class).optional();
    }

    UUID organizationOfProviderCall(String provider, String providerCallId) {
        if (providerCallId == null) {
            return null;
        }
        return jdbc.sql("select organization_of_provider_call(?, ?)").params(new String[] {provider}, providerCallId)
                .query(UUID.class).optional().orElse(null);
    }

    UUID organizationOfTwilioCall(String callSid) {
        if (callSid == null) {
            return null;
        }
        return jdbc.sql("select organization_of_twilio_call(?)").param(callSid).query(UUID.class).optional().orElse(null);
    }
}
