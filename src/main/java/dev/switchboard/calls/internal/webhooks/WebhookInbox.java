package dev.switchboard.calls.internal.webhooks;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The durable inbox: a verified event is stored once; a repeated delivery only counts. */
@Component
class WebhookInbox {

    private final JdbcClient jdbc;
    private final Clock clock;

    WebhookInbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Stores an event; answers false when the same event was stored before. */
    boolean accept(String provider, String eventKey, String eventType, String providerCallId, String rawBody,
                   UUID organizationId) {
        int inserted = jdbc.sql("""
                insert into webhook_inbox (id, provider, event_key, event_type, provider_call_id, raw_body, received_at,
                                           subject_organization_id)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (provider, event_key) do nothing""")
                .params(UUID.randomUUID(), provider, eventKey, eventType, providerCallId, rawBody,
                        Timestamp.from(clock.instant()), organizationId)
                .update();
        if (inserted == 0) {
            jdbc.sql("update webhook_inbox set deliveries = deliveries + 1 where provider = ? and event_key = ?")
                    .params(provider, eventKey).update();
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
}
