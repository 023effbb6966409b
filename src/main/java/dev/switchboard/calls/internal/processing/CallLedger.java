package dev.switchboard.calls.internal.processing;

import dev.switchboard.calls.CallChanged;
import dev.switchboard.calls.internal.PhoneNumbers;
import dev.switchboard.telephony.NumberRegistry;
import dev.switchboard.telephony.NumberRegistry.NumberAgents;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
    private final NumberRegistry numbers;

    CallLedger(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events, NumberRegistry numbers) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
        this.numbers = numbers;
    }

    /** The organization's line with this number (read once per batch), if it has one. */
    Optional<NumberAgents> line(Batch batch, String e164) {
        if (e164 == null) {
            return Optional.empty();
        }
        List<NumberAgents> lines = batch.memo("lines", () -> numbers.numbersOf(batch.organization));
        return lines.stream().filter(n -> e164.equals(n.e164())).findFirst();
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
            // One index probe per id, whatever the planner believes about the table: with
            // "provider_call_id = any (?)" and statistics from when the table was small, it scans
            // every call of the organization and compares each with the whole list.
            jdbc.sql("""
                            select c.provider_call_id, c.id from unnest(?::text[]) as named (provider_call_id)
                            cross join lateral (
                                select provider_call_id, id from calls
                                where organization_id = ? and provider = any (?) and provider_call_id = named.provider_call_id
                                limit 1) c""")
                    .params(ids, organization, VOICE_PROVIDERS.toArray(String[]::new))
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

    /** An inbox event to apply: the row's id, when it was received, and what it says. */
    record Item(UUID inboxId, Instant receivedAt, CallEvent event) {
    }

    /** Applies one inbox event of the batch's organization; call inside its scope and a transaction. */
    Applied apply(Batch batch, UUID inboxId, Instant receivedAt, CallEvent event) {
        return applyAll(batch, List.of(new Item(inboxId, receivedAt, event))).get(0);
    }

    /**
     * Applies inbox events of the batch's organization in the given order and answers what each
     * did, in the same order; call inside its scope and a transaction. Each event is linked to
     * its call first, one after the other (a call created or linked by one is found by the next).
     * Then the events are merged in rounds: the first event of every call in one statement, then
     * the second of every call that has one, and so on, so one statement never touches a call
     * twice and a call's events still apply in order, each seeing the state the previous one
     * left. A round's changes are told (to billing, live updates, campaigns) before the next
     * round is merged.
     */
    List<Applied> applyAll(Batch batch, List<Item> items) {
        int n = items.size();
        UUID[] calls = new UUID[n];
        Link[] links = new Link[n];
        List<List<Integer>> rounds = new ArrayList<>();
        Map<UUID, Integer> seen = new HashMap<>();
        for (int i = 0; i < n; i++) {
            CallEvent event = items.get(i).event();
            Linked linked = link(batch, event);
            calls[i] = linked.callId();
            links[i] = linked.how();
            if (event.providerCallId() != null) {
                batch.calls.putIfAbsent(event.providerCallId(), calls[i]);
            }
            int round = seen.merge(calls[i], 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(i);
        }
        Applied[] applied = new Applied[n];
        for (List<Integer> round : rounds) {
            Map<UUID, Merged> merged = merge(batch.organization, round.stream().map(i -> calls[i]).toList(),
                    round.stream().map(items::get).toList());
            for (int i : round) {
                Item item = items.get(i);
                Merged m = merged.get(item.inboxId());
                if (m == null) {
                    applied[i] = new Applied(calls[i], links[i], true, null);
                    continue;
                }
                boolean created = links[i] == Link.CREATED || links[i] == Link.EMERGENCY;
                events.publishEvent(new CallChanged(batch.organization, calls[i], m.campaignId(), m.direction(),
                        created ? null : m.statusBefore(), m.status(), m.disposition(), item.event().type()));
                applied[i] = new Applied(calls[i], links[i], false, m.phoneNumberId() == null ? m.toNumber() : null);
            }
        }
        return Arrays.asList(applied);
    }

    /** The call an event is about, and how it was found. */
    private record Linked(UUID callId, Link how) {
    }

    /** Finds (or creates) the call an event is about. */
    private Linked link(Batch batch, CallEvent event) {
        UUID organization = batch.organization;
        String to = PhoneNumbers.toE164(event.toNumber(), batch.region).orElse(null);
        Optional<UUID> found = byProviderCallId(batch, event.providerCallId());
        Link how = Link.PROVIDER_CALL_ID;
        if (found.isEmpty()) {
            found = bySwitchboardId(organization, event);
            how = Link.SWITCHBOARD_ID;
        }
        if (found.isEmpty() && event.providerBatchId() != null && to != null) {
            found = claim(organization, event.providerCallId(), "provider_batch_id = ?", event.providerBatchId(), to);
            how = Link.BATCH_AND_NUMBER;
        }
        UUID campaign = uuid(event.campaignId());
        if (found.isEmpty() && campaign != null && to != null) {
            found = claim(organization, event.providerCallId(), "campaign_id = ?", campaign, to);
            how = Link.CAMPAIGN_AND_NUMBER;
        }
        if (found.isEmpty()) {
            boolean inbound = "inbound".equals(event.direction());
            String from = PhoneNumbers.toE164(event.fromNumber(), batch.region).orElse(null);
            found = Optional.of(create(batch, event, from, to, !inbound));
            how = inbound ? Link.CREATED : Link.EMERGENCY;
        }
        return new Linked(found.get(), how);
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
        boolean inbound = "inbound".equals(event.direction());
        // An inbound call belongs to the line it arrived on from the start: its number, and the
        // number's inbound agent when the provider named no agent Switchboard knows.
        NumberAgents line = inbound ? line(batch, to).orElse(null) : null;
        UUID agentId = agent != null ? agent.id() : line == null ? null : line.inboundAgentId();
        Instant now = clock.instant();
        Optional<UUID> created = jdbc.sql("""
                        insert into calls (id, organization_id, agent_id, phone_number_id, provider, provider_call_id,
                                           provider_agent_id, direction, from_number, to_number, status, needs_review,
                                           created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)
                        on conflict (provider, provider_call_id) do nothing
                        returning id""")
                .params(UUID.randomUUID(), organization, agentId, line == null ? null : line.phoneNumberId(), provider,
                        event.providerCallId(), event.providerAgentId(), inbound ? "inbound" : "outbound",
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
     * Records inbox events on their calls' timelines and merges them into the calls, one event
     * per call, in one statement that also answers each call's status before its event (read with
     * the row locked, so two events of one call never both see the same before). Answers the
     * merged state by inbox id; an event on the timeline already is absent (nothing changed).
     */
    private Map<UUID, Merged> merge(UUID organization, List<UUID> callIds, List<Item> items) {
        int n = items.size();
        UUID[] eventIds = new UUID[n];
        UUID[] calls = callIds.toArray(UUID[]::new);
        UUID[] inboxIds = new UUID[n];
        String[] types = new String[n], occurred = new String[n], received = new String[n], providerCallIds = new String[n],
                providerAgentIds = new String[n], statuses = new String[n], dispositions = new String[n],
                reasons = new String[n], started = new String[n], ended = new String[n], durations = new String[n],
                costs = new String[n], transcripts = new String[n], turns = new String[n], recordings = new String[n],
                analyses = new String[n], variables = new String[n], metadata = new String[n];
        for (int i = 0; i < n; i++) {
            Item item = items.get(i);
            CallEvent e = item.event();
            eventIds[i] = UUID.randomUUID();
            inboxIds[i] = item.inboxId();
            types[i] = e.type();
            occurred[i] = text(e.occurredAt());
            received[i] = text(item.receivedAt());
            providerCallIds[i] = e.providerCallId();
            providerAgentIds[i] = e.providerAgentId();
            statuses[i] = e.status();
            dispositions[i] = e.disposition();
            reasons[i] = e.disconnectionReason();
            started[i] = text(e.startedAt());
            ended[i] = text(e.endedAt());
            durations[i] = e.durationSeconds() == null ? null : e.durationSeconds().toString();
            costs[i] = e.costCents() == null ? null : e.costCents().toPlainString();
            transcripts[i] = e.transcript();
            turns[i] = e.transcriptTurns();
            recordings[i] = e.recordingUrl();
            analyses[i] = e.analysis();
            variables[i] = e.dynamicVariables();
            metadata[i] = e.metadata();
        }
        Map<UUID, Merged> merged = new HashMap<>();
        // One probe by key per event (see V271); the statement is planned once per round, not per event.
        jdbc.sql("""
                select inbox_id, status_before, status, disposition, campaign_id, direction, phone_number_id, to_number
                from merge_call_events(?, ?::timestamptz, ?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::timestamptz[],
                                       ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                       ?::timestamptz[], ?::timestamptz[], ?::integer[], ?::numeric[], ?::text[],
                                       ?::jsonb[], ?::text[], ?::jsonb[], ?::jsonb[], ?::jsonb[])""")
                .params(organization, ts(clock.instant()), eventIds, calls, inboxIds, types, occurred, received,
                        providerCallIds, providerAgentIds, statuses, dispositions, reasons, started, ended, durations,
                        costs, transcripts, turns, recordings, analyses, variables, metadata)
                .query(rs -> {
                    merged.put(rs.getObject(1, UUID.class), new Merged(rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getObject(5, UUID.class), rs.getString(6), rs.getObject(7, UUID.class), rs.getString(8)));
                });
        return merged;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
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
