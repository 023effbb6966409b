package dev.switchboard.calls.internal.processing;

import dev.switchboard.calls.CallChanged;
import dev.switchboard.calls.internal.PhoneNumbers;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Applies provider events to call records, inside the organization's tenant scope and
 * transaction. Applying is idempotent and order-independent: the status only moves forward
 * (see {@code call_status_rank} in V70), fields are merged and never cleared, and each inbox
 * event is recorded on the timeline once.
 */
@Component
class CallLedger {

    /** Retell-format webhooks come from Retell itself or from the sandbox that mirrors it. */
    static final List<String> RETELL_FORMAT = List.of("retell", "sandbox");

    /** Every voice provider a call record may belong to; provider call ids never collide across them. */
    static final List<String> VOICE_PROVIDERS = List.of("retell", "sandbox", "vapi");

    /** How an event found its call, for logs and tests. */
    enum Link { SWITCHBOARD_ID, PROVIDER_CALL_ID, BATCH_AND_NUMBER, CAMPAIGN_AND_NUMBER, CREATED, EMERGENCY }

    record Applied(UUID callId, Link link, boolean alreadyApplied) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    CallLedger(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    /** Applies one inbox event for {@code organization}; call inside its scope and a transaction. */
    Applied apply(UUID organization, UUID inboxId, Instant receivedAt, CallEvent event) {
        String region = jdbc.sql("select default_region from organizations where id = ?").param(organization)
                .query(String.class).optional().orElse("US");
        String to = PhoneNumbers.toE164(event.toNumber(), region).orElse(null);
        String from = PhoneNumbers.toE164(event.fromNumber(), region).orElse(null);
        Link link;
        Optional<UUID> found = byProviderCallId(organization, event.providerCallId());
        link = Link.PROVIDER_CALL_ID;
        if (found.isEmpty()) {
            found = bySwitchboardId(organization, event);
            link = Link.SWITCHBOARD_ID;
        }
        if (found.isEmpty() && event.providerBatchId() != null && to != null) {
            found = claim(organization, event.providerCallId(), "provider_batch_id = ?", event.providerBatchId(), to);
            link = Link.BATCH_AND_NUMBER;
        }
        UUID campaign = uuid(event.campaignId());
        if (found.isEmpty() && campaign != null && to != null) {
            found = claim(organization, event.providerCallId(), "campaign_id = ?", campaign, to);
            link = Link.CAMPAIGN_AND_NUMBER;
        }
        if (found.isEmpty()) {
            boolean inbound = "inbound".equals(event.direction());
            found = Optional.of(create(organization, event, from, to, !inbound));
            link = inbound ? Link.CREATED : Link.EMERGENCY;
        }
        UUID callId = found.get();
        boolean fresh = jdbc.sql("""
                insert into call_events (id, organization_id, call_id, inbox_id, event_type, occurred_at, received_at)
                values (?, ?, ?, ?, ?, ?, ?) on conflict (inbox_id) do nothing""")
                .params(UUID.randomUUID(), organization, callId, inboxId, event.type(), ts(event.occurredAt()), ts(receivedAt))
                .update() == 1;
        if (!fresh) {
            return new Applied(callId, link, true);
        }
        record State(String status, String disposition, UUID campaignId, String direction) {
        }
        State before = jdbc.sql("select status, disposition, campaign_id, direction from calls where organization_id = ? and id = ? for update")
                .params(organization, callId).query(State.class).single();
        merge(organization, callId, event);
        State after = jdbc.sql("select status, disposition, campaign_id, direction from calls where organization_id = ? and id = ?")
                .params(organization, callId).query(State.class).single();
        boolean created = link == Link.CREATED || link == Link.EMERGENCY;
        events.publishEvent(new CallChanged(organization, callId, after.campaignId(), after.direction(),
                created ? null : before.status(), after.status(), after.disposition(), event.type()));
        return new Applied(callId, link, false);
    }

    private Optional<UUID> byProviderCallId(UUID organization, String providerCallId) {
        if (providerCallId == null) {
            return Optional.empty();
        }
        return jdbc.sql("select id from calls where organization_id = ? and provider = any (?) and provider_call_id = ?")
                .params(organization, VOICE_PROVIDERS.toArray(String[]::new), providerCallId).query(UUID.class).optional();
    }

    /** A call Switchboard started carries its id in the metadata; the webhook may beat the start's answer. */
    private Optional<UUID> bySwitchboardId(UUID organization, CallEvent event) {
        UUID id = uuid(event.switchboardCallId());
        if (id == null) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        update calls set provider_call_id = ? where organization_id = ? and id = ? and provider_call_id is null
                        returning id""")
                .params(event.providerCallId(), organization, id).query(UUID.class).optional();
    }

    /**
     * Links the oldest record not yet linked that matches, in one statement: two provider calls
     * to the same number of a batch, processed at once, each get their own record.
     */
    private Optional<UUID> claim(UUID organization, String providerCallId, String condition, Object value, String to) {
        return jdbc.sql("""
                        update calls set provider_call_id = ?
                        where organization_id = ? and provider_call_id is null and id = (
                            select id from calls where organization_id = ? and %s and to_number = ? and provider_call_id is null
                            order by created_at, id limit 1 for update skip locked)
                        returning id""".formatted(condition))
                .params(providerCallId, organization, organization, value, to).query(UUID.class).optional();
    }

    /**
     * A call no record exists for: inbound calls are expected to start this way; an outbound one
     * means a record was lost, so it is kept for review (the seed's "emergency" record).
     */
    private UUID create(UUID organization, CallEvent event, String from, String to, boolean needsReview) {
        record Agent(UUID id, String provider) {
        }
        Agent agent = event.providerAgentId() == null ? null : jdbc.sql("""
                        select id, provider from agents where organization_id = ? and provider_agent_id = ? limit 1""")
                .params(organization, event.providerAgentId()).query(Agent.class).optional().orElse(null);
        String provider = agent != null && agent.provider() != null && VOICE_PROVIDERS.contains(agent.provider())
                ? agent.provider() : event.provider() != null && VOICE_PROVIDERS.contains(event.provider()) ? event.provider() : "retell";
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("""
                insert into calls (id, organization_id, agent_id, provider, provider_call_id, provider_agent_id, direction,
                                   from_number, to_number, status, needs_review, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)
                on conflict (provider, provider_call_id) do nothing""")
                .params(id, organization, agent == null ? null : agent.id(), provider, event.providerCallId(),
                        event.providerAgentId(), "inbound".equals(event.direction()) ? "inbound" : "outbound",
                        from, to, needsReview, ts(now), ts(now))
                .update();
        // A concurrent event for the same call may have created it first: use that one.
        return byProviderCallId(organization, event.providerCallId()).orElse(id);
    }

    private void merge(UUID organization, UUID callId, CallEvent e) {
        jdbc.sql("""
                update calls set
                    provider_call_id     = coalesce(provider_call_id, ?::text),
                    provider_agent_id    = coalesce(provider_agent_id, ?::text),
                    status               = case when call_status_rank(?::text) > call_status_rank(status) then ?::text else status end,
                    disposition          = case when ?::text is null then disposition
                                                when disposition is null or (disposition = 'answered' and ?::text <> 'answered') then ?::text
                                                else disposition end,
                    disconnection_reason = coalesce(?::text, disconnection_reason),
                    started_at           = coalesce(started_at, ?::timestamptz),
                    ended_at             = coalesce(ended_at, ?::timestamptz),
                    duration_seconds     = greatest(duration_seconds, ?::integer),
                    cost_cents           = greatest(cost_cents, ?::numeric),
                    transcript           = coalesce(?::text, transcript),
                    transcript_turns     = coalesce(?::jsonb, transcript_turns),
                    recording_url        = coalesce(?::text, recording_url),
                    recording_status     = case when ?::text is not null then 'completed' else recording_status end,
                    analysis             = coalesce(?::jsonb, analysis),
                    dynamic_variables    = coalesce(?::jsonb, '{}'::jsonb) || dynamic_variables,
                    metadata             = coalesce(?::jsonb, '{}'::jsonb) || metadata,
                    updated_at           = ?
                where organization_id = ? and id = ?""")
                .params(e.providerCallId(), e.providerAgentId(), e.status(), e.status(),
                        e.disposition(), e.disposition(), e.disposition(), e.disconnectionReason(),
                        ts(e.startedAt()), ts(e.endedAt()), e.durationSeconds(), e.costCents(),
                        e.transcript(), e.transcriptTurns(), e.recordingUrl(), e.recordingUrl(), e.analysis(),
                        e.dynamicVariables(), e.metadata(), ts(clock.instant()), organization, callId)
                .update();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static UUID uuid(String text) {
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }
}
