package dev.switchboard.campaigns.internal.campaign;

import dev.switchboard.agents.VoiceAgentProvider;
import dev.switchboard.agents.VoiceAgentProviders;
import dev.switchboard.campaigns.internal.compliance.Compliance;
import dev.switchboard.campaigns.internal.dialer.Dialer;
import dev.switchboard.campaigns.internal.dialer.Progress;
import dev.switchboard.identity.Actors;
import dev.switchboard.identity.AuditEntry;
import dev.switchboard.identity.AuditLog;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.CursorPage;
import dev.switchboard.platform.Cursors;
import dev.switchboard.platform.TenantScope;
import dev.switchboard.telephony.OutboundReadiness;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderAccounts;
import dev.switchboard.telephony.ProviderException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creating campaigns, reading them and moving them through their states: pending → (scheduled)
 * → processing ⇄ paused → completed, failed or cancelled. Every change is audited.
 */
@Service
public class CampaignService {

    static final Set<String> STATUSES = Set.of("pending", "scheduled", "processing", "paused", "completed", "failed",
            "cancelled");
    static final Set<String> RETRYABLE = Set.of("no_answer", "busy", "failed", "voicemail");
    static final int MAX_CONCURRENCY = 100;

    /**
     * What a new campaign is made of.
     *
     * @param startAt           when calling begins, as a local date and time in {@code timeZone}
     *                          (such as {@code 2026-12-01T09:00}); empty to begin when started
     * @param timeZone          the zone {@code startAt} is read in; the organization's by default
     * @param concurrency       calls in flight at once, 1 to the account's concurrent-call limit
     * @param maxAttempts       calls per contact at most (1: no retries), up to the organization's limit
     * @param retryDelayMinutes the time between two attempts at the same contact
     * @param retryOn           the outcomes retried: {@code no_answer}, {@code busy}, {@code failed}, {@code voicemail}
     * @param dispatchMode      {@code pacer} (default: Switchboard places one call per contact) or
     *                          {@code provider_batch} (the provider's batch API dials; one attempt per contact)
     */
    public record CreateCampaign(String name, UUID agentId, UUID contactListId, String startAt, String timeZone,
                                 Integer concurrency, Integer maxAttempts, Integer retryDelayMinutes, List<String> retryOn,
                                 String dispatchMode) {

        public CreateCampaign(String name, UUID agentId, UUID contactListId, String startAt, String timeZone,
                              Integer concurrency, Integer maxAttempts, Integer retryDelayMinutes, List<String> retryOn) {
            this(name, agentId, contactListId, startAt, timeZone, concurrency, maxAttempts, retryDelayMinutes, retryOn, null);
        }
    }

    /** Switchboard's own pacer: one call per contact through the provider's single-call API. */
    public static final String PACER = "pacer";
    /** The provider's batch API dials the contacts (Retell create-batch-call). */
    public static final String PROVIDER_BATCH = "provider_batch";

    /** A campaign as the API shows it. */
    public record Campaign(UUID id, String name, String status, UUID agentId, String agentName, UUID contactListId,
                           String contactListName, String dispatchMode, Schedule schedule, int concurrency, Retry retry,
                           Progress.View progress, Dialing dialing, String failureReason, Instant createdAt,
                           Instant startedAt, Instant finishedAt) {
    }

    /** When calling begins: {@code startAt} (null: when started), as chosen in {@code timeZone}. */
    public record Schedule(Instant startAt, String localStartAt, String timeZone) {
    }

    public record Retry(int maxAttempts, int delayMinutes, List<String> on) {
    }

    /**
     * The dialer's live numbers.
     *
     * @param inFlight    contacts being called now
     * @param waiting     attempts not yet dialled (due later, or waiting for the callee's calling hours)
     * @param maxInFlight the most calls this campaign ever had in flight at once
     * @param callsPlaced calls handed to the provider so far (retries included)
     * @param doNotCall   contacts skipped because they are on the do-not-call list
     */
    public record Dialing(int inFlight, int waiting, int maxInFlight, int callsPlaced, int doNotCall) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Dialer dialer;
    private final Compliance compliance;
    private final OutboundReadiness readiness;
    private final ProviderAccounts accounts;
    private final VoiceAgentProviders providers;
    private final AuditLog audit;
    private final Clock clock;

    CampaignService(JdbcClient jdbc, TransactionTemplate tx, Dialer dialer, Compliance compliance,
                    OutboundReadiness readiness, ProviderAccounts accounts, VoiceAgentProviders providers, AuditLog audit,
                    Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.dialer = dialer;
        this.compliance = compliance;
        this.readiness = readiness;
        this.accounts = accounts;
        this.providers = providers;
        this.audit = audit;
        this.clock = clock;
    }

    public Campaign create(CreateCampaign input) {
        UUID organization = TenantScope.requireOrganization();
        if (input == null) {
            throw ApiProblem.validation("name", "is required: send the campaign as JSON with name, agentId and contactListId");
        }
        String name = name(input.name());
        int concurrency = concurrency(input.concurrency());
        String mode = dispatchMode(input.dispatchMode(), input.maxAttempts());
        UUID id = UUID.randomUUID();
        try {
            tx.executeWithoutResult(s -> {
                requireFreeName(organization, name);
                requireAgent(organization, input.agentId());
                requireContactList(organization, input.contactListId());
                String zone = zone(organization, input.timeZone());
                Instant startAt = startAt(input.startAt(), zone);
                int maxAttempts = maxAttempts(organization, input.maxAttempts());
                int delay = retryDelay(input.retryDelayMinutes());
                List<String> retryOn = retryOn(input.retryOn());
                Timestamp now = Timestamp.from(clock.instant());
                jdbc.sql("""
                                insert into campaigns (id, organization_id, name, agent_id, contact_list_id, dispatch_mode,
                                                       concurrency, start_at, time_zone, max_attempts, retry_delay_minutes,
                                                       retry_on, created_by, created_at, updated_at)
                                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(id, organization, name, input.agentId(), input.contactListId(), mode, concurrency,
                                startAt == null ? null : Timestamp.from(startAt), zone, maxAttempts, delay,
                                retryOn.toArray(String[]::new), Actors.current().map(a -> a.userId()).orElse(null), now, now)
                        .update();
                audit.record(AuditEntry.of("campaign.created", "campaign", id).with(Map.of("name", name,
                        "concurrency", concurrency, "maxAttempts", maxAttempts, "dispatchMode", mode)));
            });
        } catch (DuplicateKeyException sameNameAtOnce) {
            throw nameTaken(name);
        }
        return find(id);
    }

    public Campaign find(UUID id) {
        UUID organization = TenantScope.requireOrganization();
        return tx.execute(s -> jdbc.sql(SELECT + " where c.organization_id = ? and c.id = ?").params(organization, id)
                .query((rs, n) -> map(rs)).optional().orElseThrow(() -> ApiProblem.notFound("campaign")));
    }

    public CursorPage<Campaign> list(String status, Integer requestedLimit, String cursor) {
        UUID organization = TenantScope.requireOrganization();
        int limit = Cursors.limit(requestedLimit, 50, 200);
        StringBuilder sql = new StringBuilder(SELECT + " where c.organization_id = ?");
        List<Object> params = new ArrayList<>(List.of(organization));
        if (status != null) {
            if (!STATUSES.contains(status)) {
                throw ApiProblem.validation("status", "must be one of " + String.join(", ", STATUSES.stream().sorted().toList()));
            }
            sql.append(" and c.status = ?");
            params.add(status);
        }
        if (cursor != null && !cursor.isBlank()) {
            Cursors.TimeAndId after = Cursors.decode(cursor);
            sql.append(" and (c.created_at, c.id) < (?, ?)");
            params.add(Timestamp.from(after.time()));
            params.add(after.id());
        }
        sql.append(" order by c.created_at desc, c.id desc limit ?");
        params.add(limit + 1);
        List<Campaign> rows = tx.execute(s -> jdbc.sql(sql.toString()).params(params).query((rs, n) -> map(rs)).list());
        return CursorPage.of(rows, limit, c -> Cursors.encode(c.createdAt(), c.id()));
    }

    /**
     * Starts a pending campaign after the primary-number checks: at once, or at its start time.
     * The agent must have reached the provider and the contact list be imported with contacts.
     */
    public Campaign start(UUID id) {
        UUID organization = TenantScope.requireOrganization();
        tx.executeWithoutResult(s -> {
            Row row = lock(organization, id);
            if (!row.status().equals("pending")) {
                throw illegal(row.status(), "started", row.status().equals("paused") ? " Resume it instead." : "");
            }
            boolean later = begin(organization, id, row, row.startAt());
            audit.record(AuditEntry.of("campaign.started", "campaign", id).with(Map.of("name", row.name(),
                    "scheduled", later)));
        });
        return find(id);
    }

    /**
     * A new start time for a campaign that has not started yet.
     *
     * @param startAt  as a local date and time in {@code timeZone}; empty to start when started,
     *                 or at once for a campaign that is scheduled
     * @param timeZone the zone {@code startAt} is read in; the organization's by default
     */
    public record ChangeSchedule(String startAt, String timeZone) {
    }

    /**
     * Moves the start of a pending or scheduled campaign. A scheduled campaign then starts at the
     * new time, never at the old one; given no start time (or one that has come), it starts now,
     * after the checks of a start.
     */
    public Campaign reschedule(UUID id, ChangeSchedule input) {
        UUID organization = TenantScope.requireOrganization();
        tx.executeWithoutResult(s -> {
            Row row = lock(organization, id);
            if (!row.status().equals("pending") && !row.status().equals("scheduled")) {
                throw illegal(row.status(), "rescheduled", hint(row.status(), "rescheduled"));
            }
            String zone = zone(organization, input == null ? null : input.timeZone());
            Instant startAt = startAt(input == null ? null : input.startAt(), zone);
            jdbc.sql("update campaigns set start_at = ?, time_zone = ?, updated_at = ? where organization_id = ? and id = ?")
                    .params(startAt == null ? null : Timestamp.from(startAt), zone, Timestamp.from(clock.instant()),
                            organization, id)
                    .update();
            if (row.status().equals("scheduled")) {
                begin(organization, id, row, startAt);
            }
            audit.record(AuditEntry.of("campaign.rescheduled", "campaign", id).with(Map.of("name", row.name(),
                    "startAt", startAt == null ? "now" : startAt.toString(), "timeZone", zone)));
        });
        return find(id);
    }

    /**
     * Checks that the organization can call, then starts the campaign now, or schedules it for
     * {@code startAt} when that is later. A start scheduled before ({@code row}'s) and not kept
     * is cancelled, or finds the campaign moved on when it runs.
     *
     * @return whether the campaign is scheduled for later
     */
    private boolean begin(UUID organization, UUID id, Row row, Instant startAt) {
        readiness.requirePrimaryForOutbound();
        requireSyncedAgent(organization, row.agentId());
        requireContactsToCall(organization, row.contactListId());
        Instant now = clock.instant();
        boolean later = startAt != null && startAt.isAfter(now);
        jdbc.sql("update campaigns set status = ?, updated_at = ? where organization_id = ? and id = ?")
                .params(later ? "scheduled" : "processing", Timestamp.from(now), organization, id).update();
        if (later) {
            dialer.scheduled(organization, id, startAt, row.status().equals("scheduled") ? row.startAt() : null);
        } else {
            dialer.begin(organization, id);
        }
        return later;
    }

    public Campaign pause(UUID id) {
        return transition(id, "paused", Set.of("processing"), "campaign.paused", "paused");
    }

    public Campaign resume(UUID id) {
        return transition(id, "processing", Set.of("paused"), "campaign.resumed", "resumed");
    }

    public Campaign cancel(UUID id) {
        return transition(id, "cancelled", Set.of("pending", "scheduled", "processing", "paused"), "campaign.cancelled",
                "cancelled");
    }

    private Campaign transition(UUID id, String to, Set<String> from, String action, String verb) {
        UUID organization = TenantScope.requireOrganization();
        tx.executeWithoutResult(s -> {
            Row row = lock(organization, id);
            if (!from.contains(row.status())) {
                throw illegal(row.status(), verb, hint(row.status(), verb));
            }
            if (to.equals("processing")) {
                readiness.requirePrimaryForOutbound();
                requireSyncedAgent(organization, row.agentId());
            }
            Instant now = clock.instant();
            jdbc.sql("""
                            update campaigns set status = ?, updated_at = ?,
                                   failure_reason = case when ? = 'processing' then null else failure_reason end,
                                   finished_at = case when ? = 'cancelled' then ? else finished_at end
                            where organization_id = ? and id = ?""")
                    .params(to, Timestamp.from(now), to, to, Timestamp.from(now), organization, id).update();
            switch (to) {
                case "processing" -> dialer.resumed(organization, id);
                case "paused" -> dialer.paused(organization, id);
                default -> dialer.cancelled(organization, id);
            }
            audit.record(AuditEntry.of(action, "campaign", id).with(Map.of("name", row.name(), "from", row.status())));
        });
        return find(id);
    }

    private static ApiProblem illegal(String status, String verb, String hint) {
        return ApiProblem.conflict("campaign-state", "The campaign is " + status + "; it cannot be " + verb + "." + hint)
                .property("status", status);
    }

    private static String hint(String status, String verb) {
        return switch (status) {
            case "pending" -> verb.equals("paused") || verb.equals("resumed") ? " Start it first." : "";
            case "scheduled" -> verb.equals("paused") ? " Cancel it, or wait for its start time." : "";
            case "processing" -> verb.equals("resumed") ? " It is running already." : "";
            case "paused" -> verb.equals("paused") ? " It is paused already." : "";
            default -> " It has ended; create a new campaign to call its contacts again.";
        };
    }

    record Row(String name, String status, UUID agentId, UUID contactListId, Instant startAt) {
    }

    private Row lock(UUID organization, UUID id) {
        return jdbc.sql("select name, status, agent_id, contact_list_id, start_at from campaigns where organization_id = ? and id = ? for update")
                .params(organization, id)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getObject(3, UUID.class),
                        rs.getObject(4, UUID.class), instant(rs, "start_at")))
                .optional().orElseThrow(() -> ApiProblem.notFound("campaign"));
    }

    // --- validation -------------------------------------------------------------------------

    private static String name(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiProblem.validation("name", "is required: a name for people, such as \"December reminders\"");
        }
        String name = raw.strip();
        if (name.length() > 120) {
            throw ApiProblem.validation("name", "must be at most 120 characters");
        }
        return name;
    }

    private void requireFreeName(UUID organization, String name) {
        boolean taken = jdbc.sql("select exists (select 1 from campaigns where organization_id = ? and lower(btrim(name)) = lower(?))")
                .params(organization, name).query(Boolean.class).single();
        if (taken) {
            throw nameTaken(name);
        }
    }

    /**
     * The dispatch mode asked for: the provider's batches need a provider that has them, and a
     * batch calls each contact once (retries need the pacer).
     */
    private String dispatchMode(String requested, Integer maxAttempts) {
        if (requested == null || requested.isBlank() || PACER.equals(requested.strip())) {
            return PACER;
        }
        if (!PROVIDER_BATCH.equals(requested.strip())) {
            throw ApiProblem.validation("dispatchMode", "must be pacer or provider_batch");
        }
        if (!providerBatches()) {
            throw ApiProblem.validation("dispatchMode", "is provider_batch, but your voice provider has no batch calls; "
                    + "use pacer (Switchboard places the calls one by one)");
        }
        if (maxAttempts != null && maxAttempts > 1) {
            throw ApiProblem.validation("maxAttempts", "must be 1 with provider_batch (a batch calls each contact once); "
                    + "use the pacer for retries");
        }
        return PROVIDER_BATCH;
    }

    /** Whether the organization's voice provider dials batches itself. */
    public boolean providerBatches() {
        ProviderAccount account = accounts.voiceAccount();
        return providers.forAccount(account).capabilities().contains(VoiceAgentProvider.Capability.BATCH_CALLS);
    }

    private static ApiProblem nameTaken(String name) {
        return ApiProblem.validation("name", "is already used by another campaign of this organization (\"" + name
                + "\"); choose another name");
    }

    /** 1 to the voice provider account's concurrent-call limit (when the provider can tell it). */
    private int concurrency(Integer requested) {
        if (requested == null) {
            throw ApiProblem.validation("concurrency", "is required: how many calls may run at once, from 1");
        }
        if (requested < 1 || requested > MAX_CONCURRENCY) {
            throw ApiProblem.validation("concurrency", "must be between 1 and " + MAX_CONCURRENCY);
        }
        Integer limit = accountLimit();
        if (limit != null && requested > limit) {
            throw ApiProblem.validation("concurrency", "must be at most " + limit + ", the concurrent-call limit of your voice "
                    + "provider account (calls beyond it would wait or be refused)");
        }
        return requested;
    }

    private Integer accountLimit() {
        try {
            ProviderAccount account = accounts.voiceAccount();
            VoiceAgentProvider.Concurrency c = providers.forAccount(account).concurrency(account);
            return c.limit() > 0 ? c.limit() : null;
        } catch (ProviderException unreachable) {
            return null;
        }
    }

    private void requireAgent(UUID organization, UUID agentId) {
        if (agentId == null) {
            throw ApiProblem.validation("agentId", "is required: the agent that places the calls");
        }
        boolean known = jdbc.sql("select exists (select 1 from agents where organization_id = ? and id = ?)")
                .params(organization, agentId).query(Boolean.class).single();
        if (!known) {
            throw ApiProblem.validation("agentId", "names no agent of this organization");
        }
    }

    private void requireSyncedAgent(UUID organization, UUID agentId) {
        record Agent(String name, String providerAgentId) {
        }
        Agent agent = jdbc.sql("select name, provider_agent_id from agents where organization_id = ? and id = ?")
                .params(organization, agentId).query(Agent.class).optional()
                .orElseThrow(() -> ApiProblem.conflict("campaign-agent-missing",
                        "The campaign's agent was deleted. Create a new campaign with another agent."));
        if (agent.providerAgentId() == null) {
            throw ApiProblem.conflict("agent-not-synced", "The agent '" + agent.name() + "' has not reached the voice "
                    + "provider yet. Wait for its sync to finish (see the agent's page), then start the campaign.");
        }
    }

    private void requireContactList(UUID organization, UUID listId) {
        if (listId == null) {
            throw ApiProblem.validation("contactListId", "is required: the imported contact list to call");
        }
        String status = jdbc.sql("select status from contact_lists where organization_id = ? and id = ? for share")
                .params(organization, listId).query(String.class).optional()
                .orElseThrow(() -> ApiProblem.validation("contactListId", "names no contact list of this organization"));
        if (status.equals("failed")) {
            throw ApiProblem.validation("contactListId", "names a contact list whose import failed; upload the file again");
        }
    }

    private void requireContactsToCall(UUID organization, UUID listId) {
        record ListState(String name, String status, long contacts) {
        }
        ListState list = jdbc.sql("""
                        select l.name, l.status, (select count(*) from contacts c where c.organization_id = l.organization_id
                                                                                  and c.contact_list_id = l.id) as contacts
                        from contact_lists l where l.organization_id = ? and l.id = ? for share of l""")
                .params(organization, listId).query(ListState.class).optional()
                .orElseThrow(() -> ApiProblem.conflict("contact-list-missing",
                        "The campaign's contact list was deleted. Create a new campaign with another list."));
        if (!list.status().equals("ready")) {
            throw ApiProblem.conflict("contact-list-not-ready", "The contact list '" + list.name() + "' is " + list.status()
                    + "; start the campaign once its import is ready.");
        }
        if (list.contacts() == 0) {
            throw ApiProblem.conflict("contact-list-empty", "The contact list '" + list.name()
                    + "' has no contacts to call. Upload a file with at least one valid phone number.");
        }
    }

    private String zone(UUID organization, String requested) {
        if (requested == null || requested.isBlank()) {
            return jdbc.sql("select time_zone from organizations where id = ?").param(organization).query(String.class).single();
        }
        try {
            return ZoneId.of(requested.strip()).getId();
        } catch (DateTimeException e) {
            throw ApiProblem.validation("timeZone", "is not a time zone; use an IANA name such as America/New_York");
        }
    }

    private Instant startAt(String raw, String zone) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        Instant at;
        try {
            at = raw.matches(".*(Z|[+-]\\d\\d:\\d\\d)$") ? OffsetDateTime.parse(raw.strip()).toInstant()
                    : LocalDateTime.parse(raw.strip()).atZone(ZoneId.of(zone)).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.validation("startAt", "must be a date and time such as 2026-12-01T09:00 (read in timeZone)");
        }
        if (at.isBefore(clock.instant().minus(Duration.ofMinutes(1)))) {
            throw ApiProblem.validation("startAt", "is in the past; leave it empty to start calling when the campaign is started");
        }
        // To the millisecond, as stored and as its scheduled start is named.
        return at.truncatedTo(ChronoUnit.MILLIS);
    }

    private int maxAttempts(UUID organization, Integer requested) {
        int limit = compliance.rulesFor(organization).maxAttempts();
        int attempts = requested == null ? 1 : requested;
        if (attempts < 1 || attempts > limit) {
            throw ApiProblem.validation("maxAttempts", "must be between 1 and " + limit
                    + ", the most attempts per contact your organization's calling rules allow");
        }
        return attempts;
    }

    private static int retryDelay(Integer requested) {
        int minutes = requested == null ? 60 : requested;
        if (minutes < 1 || minutes > 10080) {
            throw ApiProblem.validation("retryDelayMinutes", "must be between 1 and 10080 (a week)");
        }
        return minutes;
    }

    private static List<String> retryOn(List<String> requested) {
        if (requested == null) {
            return List.of("no_answer", "busy");
        }
        Set<String> out = new LinkedHashSet<>();
        for (String outcome : requested) {
            if (outcome == null || !RETRYABLE.contains(outcome)) {
                throw ApiProblem.validation("retryOn", "may only hold " + String.join(", ", RETRYABLE.stream().sorted().toList()));
            }
            out.add(outcome);
        }
        return List.copyOf(out);
    }

    // --- reading ----------------------------------------------------------------------------

    private static final String SELECT = """
            select c.*, a.name as agent_name, l.name as list_name,
                   (select count(*) from campaign_attempts t where t.organization_id = c.organization_id
                       and t.campaign_id = c.id and t.state in ('dialing', 'in_call')) as in_flight,
                   (select count(*) from campaign_attempts t where t.organization_id = c.organization_id
                       and t.campaign_id = c.id and t.state = 'pending') as waiting
            from campaigns c
            left join agents a on a.organization_id = c.organization_id and a.id = c.agent_id
            left join contact_lists l on l.organization_id = c.organization_id and l.id = c.contact_list_id""";

    private Campaign map(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        String status = rs.getString("status");
        Instant startAt = instant(rs, "start_at");
        String zone = rs.getString("time_zone");
        Instant startedAt = instant(rs, "started_at");
        return new Campaign(id, rs.getString("name"), status, rs.getObject("agent_id", UUID.class),
                rs.getString("agent_name"), rs.getObject("contact_list_id", UUID.class), rs.getString("list_name"),
                rs.getString("dispatch_mode"),
                new Schedule(startAt, startAt == null ? null : LocalDateTime.ofInstant(startAt, ZoneId.of(zone)).toString(), zone),
                rs.getInt("concurrency"),
                new Retry(rs.getInt("max_attempts"), rs.getInt("retry_delay_minutes"),
                        Arrays.asList((String[]) rs.getArray("retry_on").getArray())),
                Progress.view(id, status, rs.getInt("total_contacts"), rs.getInt("processed_count"),
                        rs.getInt("completed_count"), rs.getInt("failed_count"), rs.getInt("skipped_count"), startedAt,
                        clock.instant()),
                new Dialing(rs.getInt("in_flight"), rs.getInt("waiting"), rs.getInt("max_in_flight"),
                        rs.getInt("calls_placed"), rs.getInt("do_not_call_count")),
                rs.getString("failure_reason"), instant(rs, "created_at"), startedAt, instant(rs, "finished_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
