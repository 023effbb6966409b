package dev.switchboard.campaigns.internal.dialer;

import dev.switchboard.calls.CallChanged;
import dev.switchboard.calls.OutboundCalls;
import dev.switchboard.calls.StuckCalls;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.JobContext;
import dev.switchboard.platform.RecurringJob;
import dev.switchboard.platform.TenantScope;
import dev.switchboard.telephony.OutboundReadiness;
import dev.switchboard.telephony.ProviderException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every minute, for each campaign that is scheduled, running or paused: starts scheduled ones
 * whose time has come (a safety net: each is started on time by its {@link StartScheduledCampaignJob}),
 * keeps the pacer of running ones alive, repairs attempts left dialling by a crash, and settles
 * campaigns stuck for an hour by repairing their calls from the provider's own account of them.
 * The three waits are {@code switchboard.dialer.stale-claim}, {@code .unconfirmed-call} and
 * {@code .stuck-after}.
 */
@Component
class DialerWatchdog implements RecurringJob {

    private static final Logger log = LoggerFactory.getLogger(DialerWatchdog.class);

    record Watched(UUID organizationId, UUID id) {
    }

    record StaleClaim(UUID id, UUID contactId, Timestamp claimedAt) {
    }

    record RecordedCall(UUID id, UUID contactId, String status, String disposition, Timestamp createdAt,
                        boolean confirmed) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Attempts attempts;
    private final Settlement settlement;
    private final Progress progress;
    private final Dialer dialer;
    private final OutboundReadiness readiness;
    private final StuckCalls stuckCalls;
    private final OutboundCalls outboundCalls;
    private final Clock clock;
    /** A claimed attempt normally has its call at the provider within seconds. */
    private final Duration staleClaim;
    /** A call recorded but never confirmed by the provider for this long did not happen. */
    private final Duration unconfirmedCall;
    /** The seed's rule: processing with nothing happening for an hour is stuck. */
    private final Duration stuckAfter;

    DialerWatchdog(JdbcClient jdbc, TransactionTemplate tx, Attempts attempts, Settlement settlement, Progress progress,
                   Dialer dialer, OutboundReadiness readiness, StuckCalls stuckCalls, OutboundCalls outboundCalls, Clock clock,
                   @Value("${switchboard.dialer.stale-claim:2m}") Duration staleClaim,
                   @Value("${switchboard.dialer.unconfirmed-call:10m}") Duration unconfirmedCall,
                   @Value("${switchboard.dialer.stuck-after:1h}") Duration stuckAfter) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.attempts = attempts;
        this.settlement = settlement;
        this.progress = progress;
        this.dialer = dialer;
        this.readiness = readiness;
        this.stuckCalls = stuckCalls;
        this.outboundCalls = outboundCalls;
        this.clock = clock;
        this.staleClaim = notNegative("switchboard.dialer.stale-claim", staleClaim);
        this.unconfirmedCall = notNegative("switchboard.dialer.unconfirmed-call", unconfirmedCall);
        this.stuckAfter = notNegative("switchboard.dialer.stuck-after", stuckAfter);
    }

    private static Duration notNegative(String property, Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException(property + " must not be negative, but was " + value);
        }
        return value;
    }

    @Override
    public String taskName() {
        return "campaign-watchdog";
    }

    @Override
    public String cron() {
        return "30 * * * * *";
    }

    @Override
    public void run(JobContext context) {
        List<Watched> watched = tx.execute(s -> jdbc.sql("select organization_id, id from campaigns_to_watch()")
                .query(Watched.class).list());
        for (Watched w : watched) {
            try {
                TenantScope.runAs(w.organizationId(), () -> watch(w.organizationId(), w.id()));
            } catch (RuntimeException e) {
                log.warn("Campaign {} could not be looked after this minute", w.id(), e);
            }
        }
    }

    void watch(UUID organization, UUID campaignId) {
        DialerCampaign campaign = tx.execute(s -> DialerCampaign.find(jdbc, organization, campaignId, false));
        if (campaign == null) {
            return;
        }
        Instant now = clock.instant();
        switch (campaign.status()) {
            case "scheduled" -> {
                if (campaign.startAt() == null || !campaign.startAt().isAfter(now)) {
                    startScheduled(organization, campaignId);
                }
            }
            case "processing", "paused" -> {
                repairStaleClaims(organization, campaignId);
                if (campaign.lastActivityAt() != null && campaign.lastActivityAt().isBefore(now.minus(stuckAfter))) {
                    settleStuck(organization, campaignId);
                }
                if (campaign.dialing()) {
                    tx.executeWithoutResult(s -> dialer.kick(campaign, clock.instant()));
                }
            }
            default -> {
            }
        }
    }

    /** Starts a campaign whose time has come, or fails it with the reason the organization cannot call. */
    void startScheduled(UUID organization, UUID campaignId) {
        String problem = null;
        try {
            tx.execute(s -> readiness.requirePrimaryForOutbound());
        } catch (ApiProblem e) {
            problem = e.detail();
        }
        String why = problem;
        tx.executeWithoutResult(s -> {
            Instant now = clock.instant();
            int changed = jdbc.sql("""
                            update campaigns set status = ?, failure_reason = ?, finished_at = ?, updated_at = ?
                            where organization_id = ? and id = ? and status = 'scheduled'""")
                    .params(why == null ? "processing" : "failed", why == null ? null : "Could not start: " + why,
                            why == null ? null : Attempts.ts(now), Attempts.ts(now), organization, campaignId)
                    .update();
            if (changed == 1 && why == null) {
                dialer.begin(organization, campaignId);
            } else if (changed == 1) {
                DialerCampaign failed = DialerCampaign.find(jdbc, organization, campaignId, false);
                progress.publish(failed, now);
                progress.announceFailed(failed);
            }
        });
    }

    /**
     * Attempts still dialling long after their claim: the node placing them died. The call's
     * record is written before the provider is asked, so no record means it was never placed
     * (the attempt goes back to pending); a record the provider confirmed means it is in flight.
     *
     * @return how many attempts were repaired
     */
    int repairStaleClaims(UUID organization, UUID campaignId) {
        Instant before = clock.instant().minus(staleClaim);
        List<StaleClaim> stale = tx.execute(s -> jdbc.sql("""
                        select id, contact_id, claimed_at from campaign_attempts
                        where organization_id = ? and campaign_id = ? and state = 'dialing' and claimed_at < ?""")
                .params(organization, campaignId, Attempts.ts(before)).query(StaleClaim.class).list());
        for (StaleClaim claim : stale) {
            tx.executeWithoutResult(s -> repair(organization, campaignId, claim));
        }
        return stale.size();
    }

    private void repair(UUID organization, UUID campaignId, StaleClaim claim) {
        Instant now = clock.instant();
        DialerCampaign campaign = DialerCampaign.find(jdbc, organization, campaignId, true);
        Optional<RecordedCall> call = jdbc.sql("""
                        select id, contact_id, status, disposition, created_at, provider_call_id is not null as confirmed
                        from calls
                        where organization_id = ? and campaign_id = ? and contact_id = ? and created_at >= ?
                        order by created_at limit 1""")
                .params(organization, campaignId, claim.contactId(), claim.claimedAt()).query(RecordedCall.class).optional();
        if (call.isEmpty()) {
            attempts.release(organization, claim.id(), now);
            log.info("Attempt {} of campaign {} was claimed but never placed; it is due again", claim.id(), campaignId);
        } else if (CallChanged.isFinal(call.get().status())) {
            endAttempt(campaign, call.get(), Settlement.outcomeOf(call.get().status(), call.get().disposition()), now);
        } else if (call.get().confirmed()) {
            attempts.placed(organization, claim.id(), call.get().id());
        } else if (call.get().createdAt().toInstant().isBefore(now.minus(unconfirmedCall))
                && outboundCalls.abandonUnconfirmed(call.get().id())) {
            // Recorded, then the node died before the provider's answer, and no event ever named the
            // call: the provider never had it. The contact is due again; the record stays, failed.
            attempts.release(organization, claim.id(), now);
            log.info("Call {} of campaign {} never reached the provider; its contact is due again", call.get().id(),
                    campaignId);
        }
    }

    /**
     * A campaign quiet for {@code stuck-after}: every call still in flight is repaired from the
     * provider's own account of it ({@link StuckCalls}), so its record ends with the provider's
     * data and its attempt settles from the call's end as a delivered webhook would settle it.
     * Only an attempt whose call the provider cannot tell about (no provider call id, or a call
     * it does not know) is settled here, as failed; one whose record has ended, from the record.
     * Completes the campaign when nothing is left.
     */
    void settleStuck(UUID organization, UUID campaignId) {
        List<RecordedCall> inFlight = tx.execute(s -> jdbc.sql("""
                        select c.id, c.contact_id, c.status, c.disposition, c.created_at,
                               c.provider_call_id is not null as confirmed
                        from campaign_attempts a join calls c on c.organization_id = a.organization_id and c.id = a.call_id
                        where a.organization_id = ? and a.campaign_id = ? and a.state in ('dialing', 'in_call')""")
                .params(organization, campaignId).query(RecordedCall.class).list());
        for (RecordedCall call : inFlight) {
            if (CallChanged.isFinal(call.status())) {
                settle(organization, campaignId, call, Settlement.outcomeOf(call.status(), call.disposition()));
                continue;
            }
            StuckCalls.Repair repair;
            try {
                repair = stuckCalls.repair(call.id());
            } catch (ProviderException e) {
                log.warn("Provider could not tell about call {}: {}", call.id(), e.getMessage());
                continue;
            }
            if (repair == StuckCalls.Repair.UNKNOWN) {
                log.info("Call {} of stuck campaign {} is unknown to its provider; its attempt ends as failed", call.id(),
                        campaignId);
                settle(organization, campaignId, call, "failed");
            }
        }
        tx.executeWithoutResult(s -> finishIfNothingLeft(organization, campaignId));
    }

    private void settle(UUID organization, UUID campaignId, RecordedCall call, String outcome) {
        tx.executeWithoutResult(s -> endAttempt(DialerCampaign.find(jdbc, organization, campaignId, true), call, outcome,
                clock.instant()));
    }

    /** Ends the attempt of {@code call} (once: an attempt settled before is left alone) and settles what follows. */
    private void endAttempt(DialerCampaign campaign, RecordedCall call, String outcome, Instant now) {
        settlement.ended(campaign, attempts.end(campaign, call.contactId(), call.id(), call.createdAt().toInstant(), outcome,
                now), outcome, now);
    }

    private void finishIfNothingLeft(UUID organization, UUID campaignId) {
        DialerCampaign campaign = DialerCampaign.find(jdbc, organization, campaignId, true);
        if (campaign != null && attempts.inFlight(campaign) == 0 && attempts.waiting(campaign) == 0) {
            progress.settle(organization, campaignId, clock.instant());
        }
    }
}
