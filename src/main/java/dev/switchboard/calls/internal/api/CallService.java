package dev.switchboard.calls.internal.api;

import dev.switchboard.agents.VoiceAgentProvider;
import dev.switchboard.agents.VoiceAgentProviders;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.CursorPage;
import dev.switchboard.platform.Cursors;
import dev.switchboard.platform.TenantScope;
import dev.switchboard.telephony.OutboundReadiness;
import dev.switchboard.telephony.PrimaryNumber;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderAccounts;
import dev.switchboard.telephony.ProviderException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Starting single outbound calls and reading call records of the organization in scope. */
@Service
public class CallService {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record StartCall(String to, UUID agentId, Map<String, String> variables) {
    }

    public record Call(UUID id, UUID agentId, UUID campaignId, UUID phoneNumberId, String provider, String providerCallId,
                String direction, String fromNumber, String toNumber, String contactName, String crmId, String status,
                String disposition, String disconnectionReason, Instant startedAt, Instant endedAt, Integer durationSeconds,
                BigDecimal costCents, String transcript, JsonNode transcriptTurns, String recordingUrl,
                String recordingStatus, Instant recordingDeletedAt, JsonNode analysis, JsonNode dynamicVariables, JsonNode metadata,
                boolean needsReview, Instant createdAt, Instant updatedAt, List<TimelineEvent> timeline) {
    }

    public record TimelineEvent(String eventType, Instant occurredAt, Instant receivedAt) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final OutboundReadiness readiness;
    private final ProviderAccounts accounts;
    private final VoiceAgentProviders providers;
    private final Clock clock;

    CallService(JdbcClient jdbc, TransactionTemplate tx, OutboundReadiness readiness, ProviderAccounts accounts,
                VoiceAgentProviders providers, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.readiness = readiness;
        this.accounts = accounts;
        this.providers = providers;
        this.clock = clock;
    }

    /**
     * Records the call first (pending), so that no call exists at the provider without a record,
     * then starts it with Switchboard's id in the metadata, which the webhooks echo back.
     */
    public Call start(StartCall input) {
        UUID organization = TenantScope.requireOrganization();
        if (input == null) {
            throw ApiProblem.validation("to", "is required: the number to call, such as +14155551234");
        }
        // Checks and the pending record share one transaction, and the provider's answer and the
        // read-back another: a request costs two commits, whatever the provider takes meanwhile.
        Recorded call = tx.execute(s -> record(organization, input));
        VoiceAgentProvider.StartedCall started;
        try {
            // The agent is always named: Switchboard's record of the number's outbound agent is the
            // truth, and the provider's copy may lag behind a change still being synced.
            started = providers.forAccount(call.account()).startPhoneCall(call.account(), new VoiceAgentProvider.PhoneCallRequest(
                    call.from(), call.to(), call.providerAgentId(), call.variables(),
                    Map.of("switchboardCallId", call.id().toString())));
        } catch (ProviderException e) {
            tx.executeWithoutResult(s -> jdbc.sql("""
                            update calls set status = case when call_status_rank(status) < call_status_rank('failed') then 'failed' else status end,
                                   disposition = coalesce(disposition, 'failed'), disconnection_reason = coalesce(disconnection_reason, ?),
                                   updated_at = ? where organization_id = ? and id = ?""")
                    .params("start_refused: " + e.kind().name().toLowerCase(Locale.ROOT), Timestamp.from(clock.instant()),
                            organization, call.id()).update());
            throw e;
        }
        // The provider's answer and the read-back are one statement; only a call whose first events
        // already arrived has a timeline to read.
        return tx.execute(s -> {
            Call updated = jdbc.sql("""
                            update calls set provider_call_id = coalesce(provider_call_id, ?),
                                   status = case when call_status_rank(status) < call_status_rank('queued') then 'queued' else status end,
                                   updated_at = ? where organization_id = ? and id = ? returning *""")
                    .params(started.providerCallId(), Timestamp.from(clock.instant()), organization, call.id())
                    .query((rs, n) -> map(rs)).single();
            return "queued".equals(updated.status()) ? withTimeline(updated, List.of()) : find(call.id());
        });
    }

    /** A call recorded as pending, with what starting it at the provider needs. */
    private record Recorded(UUID id, ProviderAccount account, String from, String to, String providerAgentId,
                            Map<String, String> variables) {
    }

    /** Validates a call request and records the call (pending), in the caller's transaction. */
    private Recorded record(UUID organization, StartCall input) {
        record Settings(String defaultRegion, String timeZone) {
        }
        Settings settings = jdbc.sql("select default_region, time_zone from organizations where id = ?")
                .param(organization).query((rs, n) -> new Settings(rs.getString(1), rs.getString(2))).single();
        ProviderAccount account = accounts.voiceAccount();
        String to = OutboundNumbers.destination(input.to(), settings.defaultRegion(), "sandbox".equals(account.provider()));
        PrimaryNumber primary = readiness.requirePrimaryForOutbound();
        UUID agentId = input.agentId() != null ? input.agentId() : primary.outboundAgentId();
        String providerAgentId = jdbc.sql("select provider_agent_id from agents where organization_id = ? and id = ?")
                .params(organization, agentId).query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional()
                .orElseThrow(() -> ApiProblem.validation("agentId", "names no agent of this organization"))
                .orElse(null);
        if (providerAgentId == null) {
            throw ApiProblem.conflict("agent-not-synced",
                    "The agent has not reached the voice provider yet. Wait for its sync to finish, then call again.");
        }
        Map<String, String> variables = new LinkedHashMap<>();
        ZoneId zone = ZoneId.of(settings.timeZone());
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        // The agent's prompt can say "today" correctly in the organization's time zone; a
        // caller's own values for these names win.
        variables.put("current_date", today.toString());
        variables.put("current_day", today.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        if (input.variables() != null) {
            input.variables().forEach((k, v) -> {
                if (k != null && !k.isBlank()) {
                    variables.put(k, v == null ? "" : v);
                }
            });
        }
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        insert into calls (id, organization_id, agent_id, phone_number_id, provider, provider_agent_id, direction,
                                           from_number, to_number, status, dynamic_variables, metadata, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, 'outbound', ?, ?, 'pending', ?::jsonb, '{"source": "api"}'::jsonb, ?, ?)""")
                .params(id, organization, agentId, primary.phoneNumberId(), account.provider(), providerAgentId,
                        primary.e164(), to, JSON.writeValueAsString(variables), now, now)
                .update();
        return new Recorded(id, account, primary.e164(), to, providerAgentId, variables);
    }

    public Call find(UUID id) {
        UUID organization = TenantScope.requireOrganization();
        return tx.execute(s -> {
            Call call = jdbc.sql("select * from calls where organization_id = ? and id = ?").params(organization, id)
                    .query((rs, n) -> map(rs)).optional().orElseThrow(() -> ApiProblem.notFound("call"));
            List<TimelineEvent> timeline = jdbc.sql("""
                            select event_type, occurred_at, received_at from call_events
                            where organization_id = ? and call_id = ?
                            order by occurred_at,
                                     -- the end and the analysis share the end time; arrival order may be any
                                     case event_type when 'call_started' then 0 when 'call_ended' then 2
                                                     when 'call_analyzed' then 3 else 1 end,
                                     received_at, event_type""")
                    .params(organization, id)
                    .query((rs, n) -> new TimelineEvent(rs.getString("event_type"), instant(rs, "occurred_at"),
                            instant(rs, "received_at"))).list();
            return withTimeline(call, timeline);
        });
    }

    /** One page of the organization's calls matching {@code filters}, in {@code sort} order. */
    public CursorPage<Call> list(CallSearch.Filters filters, CallSearch.Sort sort, Integer requestedLimit, String cursor) {
        UUID organization = TenantScope.requireOrganization();
        int limit = Cursors.limit(requestedLimit, 50, 200);
        CallSearch.Where where = CallSearch.where(organization, filters, timeZone(organization));
        StringBuilder sql = new StringBuilder("select c.* from calls c ").append(where.sql());
        List<Object> params = new ArrayList<>(where.params());
        if (cursor != null && !cursor.isBlank()) {
            sql.append(sort.after(cursor.strip(), params));
        }
        sql.append(sort.orderBy()).append(" limit ?");
        params.add(limit + 1);
        List<Call> rows = tx.execute(s -> jdbc.sql(sql.toString()).params(params).query((rs, n) -> map(rs)).list());
        return CursorPage.of(rows, limit, sort::cursorAfter);
    }

    /** The organization's agents by id, in name order (for filters and pickers). */
    public Map<UUID, String> agentNames() {
        UUID organization = TenantScope.requireOrganization();
        Map<UUID, String> names = new LinkedHashMap<>();
        tx.executeWithoutResult(s -> jdbc.sql("select id, name from agents where organization_id = ? order by lower(name), id")
                .param(organization).query(rs -> {
                    names.put(rs.getObject("id", UUID.class), rs.getString("name"));
                }));
        return names;
    }

    /** The organization's time zone, in which dates of filters and exports are read. */
    public ZoneId timeZone(UUID organization) {
        return ZoneId.of(tx.execute(s -> jdbc.sql("select time_zone from organizations where id = ?")
                .param(organization).query(String.class).single()));
    }

    private static Call withTimeline(Call c, List<TimelineEvent> timeline) {
        return new Call(c.id(), c.agentId(), c.campaignId(), c.phoneNumberId(), c.provider(), c.providerCallId(), c.direction(),
                c.fromNumber(), c.toNumber(), c.contactName(), c.crmId(), c.status(), c.disposition(), c.disconnectionReason(),
                c.startedAt(), c.endedAt(), c.durationSeconds(), c.costCents(), c.transcript(), c.transcriptTurns(),
                c.recordingUrl(), c.recordingStatus(), c.recordingDeletedAt(), c.analysis(), c.dynamicVariables(), c.metadata(), c.needsReview(),
                c.createdAt(), c.updatedAt(), timeline);
    }

    private static Call map(ResultSet rs) throws SQLException {
        return new Call(rs.getObject("id", UUID.class), rs.getObject("agent_id", UUID.class),
                rs.getObject("campaign_id", UUID.class), rs.getObject("phone_number_id", UUID.class),
                rs.getString("provider"), rs.getString("provider_call_id"), rs.getString("direction"),
                rs.getString("from_number"), rs.getString("to_number"), rs.getString("contact_name"), rs.getString("crm_id"),
                rs.getString("status"), rs.getString("disposition"), rs.getString("disconnection_reason"),
                instant(rs, "started_at"), instant(rs, "ended_at"), (Integer) rs.getObject("duration_seconds"),
                rs.getBigDecimal("cost_cents"), rs.getString("transcript"), json(rs.getString("transcript_turns")),
                rs.getString("recording_url"), rs.getString("recording_status"), instant(rs, "recording_deleted_at"),
                json(rs.getString("analysis")),
                json(rs.getString("dynamic_variables")), json(rs.getString("metadata")), rs.getBoolean("needs_review"),
                instant(rs, "created_at"), instant(rs, "updated_at"), null);
    }

    private static JsonNode json(String text) {
        return text == null ? null : JSON.readTree(text);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
