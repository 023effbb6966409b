package dev.switchboard.calls.internal.reconcile;

import dev.switchboard.agents.VoiceAgentProvider;
import dev.switchboard.agents.VoiceAgentProvider.ProviderCall;
import dev.switchboard.agents.VoiceAgentProviders;
import dev.switchboard.calls.CallChanged;
import dev.switchboard.calls.StuckCalls;
import dev.switchboard.calls.internal.webhooks.WebhookInbox;
import dev.switchboard.platform.TenantScope;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderAccounts;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Repairs calls whose webhooks never arrived, for one organization: lists the calls its voice
 * account started recently, and looks up one by one the calls still not final after a while.
 * A provider call that is further along than its record becomes a synthetic inbox event
 * ({@link ProviderCallEvents}), processed by the same applier as a delivered webhook, so
 * repeating a sync, or a webhook arriving after all, changes nothing more. Only calls of the
 * organization's own agents or records are considered: a platform account lists every
 * organization's calls, and none is ever applied to another organization. Other modules repair
 * one call at a time the same way ({@link StuckCalls}).
 */
@Component
class CallReconciler implements StuckCalls {

    /** What a run looked at and how many calls it sent for repair. */
    record Summary(int checked, int repaired) {
    }

    record Recorded(String provider, String providerCallId, String status) {
    }

    static final Duration LOOKBACK = Duration.ofHours(2);
    /** How long a scheduled run leaves a call to its webhooks after its last change (or its start). */
    static final Duration GRACE = Duration.ofMinutes(2);
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final int LISTED = 200;
    private static final int STUCK_LOOKUPS = 100;
    private static final Logger log = LoggerFactory.getLogger(CallReconciler.class);

    private final ProviderAccounts accounts;
    private final VoiceAgentProviders providers;
    private final WebhookInbox inbox;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration stuckAfter;

    CallReconciler(ProviderAccounts accounts, VoiceAgentProviders providers, WebhookInbox inbox, JdbcClient jdbc,
                   TransactionTemplate tx, Clock clock,
                   @Value("${switchboard.calls.reconcile.stuck-after:10m}") Duration stuckAfter) {
        if (stuckAfter.isNegative()) {
            throw new IllegalArgumentException("switchboard.calls.reconcile.stuck-after must not be negative, but was " + stuckAfter);
        }
        this.accounts = accounts;
        this.providers = providers;
        this.inbox = inbox;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.stuckAfter = stuckAfter;
    }

    /**
     * Reconciles the organization's calls; empty when a run for it is under way already (on any
     * node). A scheduled run leaves calls that changed within {@link #GRACE} to webhooks still on
     * their way; a run someone asked for does not wait.
     */
    Optional<Summary> reconcile(UUID organization, boolean requested) {
        return TenantScope.callAs(organization, () -> {
            if (!acquire(organization)) {
                return Optional.<Summary>empty();
            }
            Summary summary = null;
            try {
                summary = run(organization, requested);
                return Optional.of(summary);
            } finally {
                release(organization, summary);
            }
        });
    }

    private Summary run(UUID organization, boolean requested) {
        ProviderAccount account = accounts.voiceAccount();
        VoiceAgentProvider provider = providers.forAccount(account);
        Instant now = clock.instant();
        Set<String> agents = new HashSet<>(tx.execute(s -> jdbc.sql("""
                        select provider_agent_id from agents where organization_id = ? and provider_agent_id is not null""")
                .param(organization).query(String.class).list()));
        Map<String, String> statuses = new LinkedHashMap<>();
        Set<String> recentlyChanged = new HashSet<>();
        Instant settled = requested ? now : now.minus(GRACE);
        tx.executeWithoutResult(s -> jdbc.sql("""
                        select provider_call_id, status, updated_at from calls where organization_id = ? and provider_call_id is not null
                        and (created_at >= ? or status not in ('completed', 'failed', 'cancelled'))""")
                .params(organization, Timestamp.from(now.minus(LOOKBACK)))
                .query(rs -> {
                    statuses.put(rs.getString(1), rs.getString(2));
                    if (rs.getTimestamp(3).toInstant().isAfter(settled)) {
                        recentlyChanged.add(rs.getString(1));
                    }
                }));
        Map<String, ProviderCall> seen = new LinkedHashMap<>();
        if (provider.capabilities().contains(VoiceAgentProvider.Capability.CALL_LISTING)) {
            for (ProviderCall call : provider.listCalls(account, now.minus(LOOKBACK), LISTED)) {
                if (agents.contains(call.agentId()) || statuses.containsKey(call.providerCallId())) {
                    seen.put(call.providerCallId(), call);
                }
            }
        }
        Set<String> fetched = new HashSet<>();
        for (String stuck : stuck(organization, account.provider(), now)) {
            if (!seen.containsKey(stuck)) {
                provider.getCall(account, stuck).ifPresent(call -> seen.put(stuck, call));
                fetched.add(stuck);
            }
        }
        int repaired = 0;
        for (ProviderCall listed : seen.values()) {
            String recordStatus = statuses.get(listed.providerCallId());
            boolean young = recordStatus == null && listed.startedAt() != null && listed.startedAt().isAfter(settled);
            if (recentlyChanged.contains(listed.providerCallId()) || young) {
                continue;
            }
            if (ProviderCallEvents.repairing(account.provider(), listed, recordStatus).isEmpty()) {
                continue;
            }
            // Listings may leave out transcripts: the repair is made from the full call.
            ProviderCall call = fetched.contains(listed.providerCallId()) ? listed
                    : provider.getCall(account, listed.providerCallId()).orElse(listed);
            if (queueRepair(organization, account.provider(), call, recordStatus)) {
                repaired++;
            }
        }
        if (repaired > 0) {
            log.info("Reconciliation of organization {} found {} calls at {} and repaired {}", organization, seen.size(),
                    account.provider(), repaired);
        }
        return new Summary(seen.size(), repaired);
    }

    @Override
    public Repair repair(UUID callId) {
        UUID organization = TenantScope.requireOrganization();
        Optional<Recorded> recorded = tx.execute(s -> jdbc.sql("""
                        select provider, provider_call_id, status from calls where organization_id = ? and id = ?""")
                .params(organization, callId).query(Recorded.class).optional());
        if (recorded.isEmpty() || recorded.get().providerCallId() == null) {
            return Repair.UNKNOWN;
        }
        if (CallChanged.isFinal(recorded.get().status())) {
            return Repair.CURRENT;
        }
        ProviderAccount account = accounts.voiceAccount();
        if (!account.provider().equals(recorded.get().provider())) {
            return Repair.UNKNOWN;
        }
        Optional<ProviderCall> call = providers.forAccount(account).getCall(account, recorded.get().providerCallId());
        if (call.isEmpty()) {
            return Repair.UNKNOWN;
        }
        boolean queued = queueRepair(organization, account.provider(), call.get(), recorded.get().status());
        if (queued) {
            log.info("Call {} of organization {} is repaired from {}'s account of it", callId, organization,
                    account.provider());
        }
        return queued ? Repair.QUEUED : Repair.CURRENT;
    }

    /** Queues the event that brings the record up to the provider's call; false when it knows as much or it was queued before. */
    private boolean queueRepair(UUID organization, String provider, ProviderCall call, String recordStatus) {
        Optional<ProviderCallEvents.Synthetic> event = ProviderCallEvents.repairing(provider, call, recordStatus);
        return event.isPresent() && inbox.acceptReconciled(event.get().inboxProvider(), event.get().eventKey(),
                event.get().eventType(), call.providerCallId(), event.get().body(), organization);
    }

    /** Calls of this account's provider still not final well after their last change. */
    private List<String> stuck(UUID organization, String provider, Instant now) {
        return tx.execute(s -> jdbc.sql("""
                        select provider_call_id from calls
                        where organization_id = ? and provider = ? and provider_call_id is not null
                          and status not in ('completed', 'failed', 'cancelled') and updated_at < ?
                        order by updated_at limit ?""")
                .params(organization, provider, Timestamp.from(now.minus(stuckAfter)), STUCK_LOOKUPS)
                .query(String.class).list());
    }

    /** Takes the organization's lease unless another run holds it (a crashed run's lease expires). */
    private boolean acquire(UUID organization) {
        Instant now = clock.instant();
        return Boolean.TRUE.equals(tx.execute(s -> jdbc.sql("""
                        insert into call_reconciliations (organization_id, held_until) values (?, ?)
                        on conflict (organization_id) do update set held_until = excluded.held_until
                        where call_reconciliations.held_until is null or call_reconciliations.held_until < ?""")
                .params(organization, Timestamp.from(now.plus(LEASE)), Timestamp.from(now)).update() == 1));
    }

    private void release(UUID organization, Summary summary) {
        tx.executeWithoutResult(s -> {
            if (summary == null) {
                // A failed first run leaves nothing behind; a later one keeps the last good run's summary.
                jdbc.sql("delete from call_reconciliations where organization_id = ? and last_run_at is null")
                        .param(organization).update();
                jdbc.sql("update call_reconciliations set held_until = null where organization_id = ?").param(organization).update();
                return;
            }
            jdbc.sql("""
                    update call_reconciliations set held_until = null, last_run_at = ?, last_checked = ?, last_repaired = ?
                    where organization_id = ?""")
                    .params(Timestamp.from(clock.instant()), summary.checked(), summary.repaired(), organization).update();
        });
    }
}
