package dev.switchboard.calls.internal.processing;

import dev.switchboard.calls.CallChanged;
import dev.switchboard.calls.internal.PhoneNumbers;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
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

    /**
     * @param alreadyApplied the event was on the call's timeline already: nothing changed
     * @param unlinkedTo     the number the call was made to while no line of the organization is linked to it, else null
     */
    record Applied(UUID callId, Link link, boolean alreadyApplied, String unlinkedTo) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    CallLedger(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    /**
     * What applying one organization's events reads once, not once per event: its default
     * region and the calls the events name by provider call id (kept up to date as the events
     * link or create calls).
     */
    static final class Batch {
        private final UUID organization;
        private final String region;
        private final Map<String, UUID> calls = new HashMap<>();
        private final Set<String> lookedUp = new HashSet<>();
        private final Map<String, Optional<Agent>> agents = new HashMap<>();
        private final Map<String, Object> memos = new HashMap<>();

        private Batch(UUID organization, String region) {
            this.organization = organization;
            this.region = region;
        }

        /** A value read once for the batch (such as the organization's numbers). */
        @SuppressWarnings("unchecked")
        <T> T memo(String key, Supplier<T> read) {
            return (T) memos.computeIfAbsent(key, k -> read.get());
        }
    }

    private record Agent(UUID id, String provider) {
    }

    /** Reads what the events of {@code organization} naming these provider calls need; call inside its scope. */
    Batch batch(UUID organization, Collection<String> providerCallIds) {
        Batch batch = new Batch(organization, jdbc.sql("select default_region from organizations where id = ?")
                .param(organization).query(String.class).optional().orElse("US"));
        String[] ids = providerCallIds.stream().filter(Objects::nonNull).distinct().toArray(String[]::new);
        if (ids.length > 0) {
            jdbc.sql("""
                            select provider_call_id, id from calls
                            where organization_id = ? and provider = any (?) and provider_call_id = any (?)""")
                    .params(organization, VOICE_PROVIDERS.toArray(String[]::new), ids)
                    .query(rs -> {
                        batch.calls.put(rs.getString(1), rs.getObject(2, UUID.class));
                    });
            batch.lookedUp.addAll(List.of(ids));
        }
        return batch;
    }

    /** Applies one inbox event for {@code organization}; call inside its scope and a transaction. */
    Applied apply(UUID organization, UUID inboxId, Instant receivedAt, CallEvent event) {
        return apply(batch(organization, Collections.singletonList(event.providerCallId())), inboxId, receivedAt, event);
    }

    /** Applies one inbox event of the batch's organization; call inside its scope and a transaction. */
    Applied apply(Batch batch, UUID inboxId, Instant receivedAt, CallEvent event) {
        UUID organization = batch.organization;
        String to = PhoneNumbers.toE164(event.toNumber(), batch.region).orElse(null);
        String from = PhoneNumbers.toE164(event.fromNumber(), batch.region).orElse(null);
        Link link;
        Optional<UUID> found = byProviderCallId(batch, event.providerCallId());
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
            found = Optional.of(create(batch, event, from, to, !inbound));
            link = inbound ? Link.CREATED : Link.EMERGENCY;
        }
        UUID callId = found.get();
        if (event.providerCallId() != null) {
            batch.calls.putIfAbsent(event.providerCallId(), callId);
        }
        Optional<Merged> applied = merge(organization, callId, inboxId, receivedAt, event);
        if (applied.isEmpty()) {
            return new Applied(callId, link, true, null);
        }
        Merged merged = applied.get();
        boolean created = link == Link.CREATED || link == Link.EMERGENCY;
        events.publishEvent(new CallChanged(organization, callId, merged.campaignId(), merged.direction(),
                created ? null : merged.statusBefore(), merged.status(), merged.disposition(), event.type()));
        return new Applied(callId, link, false, merged.phoneNumberId() == null ? merged.toNumber() : null);
    }

    private Optional<UUID> byProviderCallId(Batch batch, String providerCallId) {
        if (providerCallId == null) {
            return Optional.empty();
        }
        if (batch.lookedUp.contains(providerCallId)) {
            return Optional.ofNullable(batch.calls.get(providerCallId));
        }
        return byProviderCallId(batch.organization, providerCallId);
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
    private UUID create(Batch batch, CallEvent event, String from, String to, boolean needsReview) {
        UUID organization = batch.organization;
        Agent agent = event.providerAgentId() == null ? null : batch.agents.computeIfAbsent(event.providerAgentId(),
                providerAgentId -> jdbc.sql("""
                                select id, provider from agents where organization_id = ? and provider_agent_id = ? limit 1""")
                        .params(organization, providerAgentId).query(Agent.class).optional()).orElse(null);
        String provider = agent != null && agent.provider() != null && VOICE_PROVIDERS.contains(agent.provider())
                ? agent.provider() : event.provider() != null && VOICE_PROVIDERS.contains(event.provider()) ? event.provider() : "retell";
        Instant now = clock.instant();
        Optional<UUID> created = jdbc.sql("""
                        insert into calls (id, organization_id, agent_id, provider, provider_call_id, provider_agent_id, direction,
                                           from_number, to_number, status, needs_review, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)
                        on conflict (provider, provider_call_id) do nothing
                        returning id""")
                .params(UUID.randomUUID(), organization, agent == null ? null : agent.id(), provider, event.providerCallId(),
                        event.providerAgentId(), "inbound".equals(event.direction()) ? "inbound" : "outbound",
                        from, to, needsReview, ts(now), ts(now))
                .query(UUID.class).optional();
        // A concurrent event for the same call may have created it first: use that one.
        return created.or(() -> byProviderCallId(organization, event.providerCallId()))
                .orElseThrow(() -> new IllegalStateException("Call " + event.providerCallId()
                        + " is recorded, but not for this organization"));
    }

    /** A call's state before and after an event was merged into it. */
    private record Merged(String statusBefore, String status, String disposition, UUID campaignId, String direction,
                          UUID phoneNumberId, String toNumber) {
    }

    /**
     * Records the inbox event on the call's timeline and merges it into the call, in one
     * statement that also answers the status before it (read with the row locked, so two events
     * of one call never both see the same before); empty when the event was on the timeline
     * already (then nothing changes).
     */
    private Optional<Merged> merge(UUID organization, UUID callId, UUID inboxId, Instant receivedAt, CallEvent e) {
        return jdbc.sql("""
                with fresh as (
                    insert into call_events (id, organization_id, call_id, inbox_id, event_type, occurred_at, received_at)
                    values (?, ?, ?, ?, ?, ?, ?) on conflict (inbox_id) do nothing
                    returning call_id),
                locked as (
                    select c.id as locked_id, c.status as status_before from calls c join fresh on c.id = fresh.call_id
                    where c.organization_id = ? for update of c)
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
                from locked
                where organization_id = ? and id = locked.locked_id
                returning locked.status_before, status, disposition, campaign_id, direction, phone_number_id, to_number""")
                .params(UUID.randomUUID(), organization, callId, inboxId, e.type(), ts(e.occurredAt()), ts(receivedAt),
                        organization, e.providerCallId(), e.providerAgentId(), e.status(), e.status(),
                        e.disposition(), e.disposition(), e.disposition(), e.disconnectionReason(),
                        ts(e.startedAt()), ts(e.endedAt()), e.durationSeconds(), e.costCents(),
                        e.transcript(), e.transcriptTurns(), e.recordingUrl(), e.recordingUrl(), e.analysis(),
                        e.dynamicVariables(), e.metadata(), ts(clock.instant()), organization)
                .query(Merged.class).optional();
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
