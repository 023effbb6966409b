package dev.switchboard.campaigns.internal.dialer;

import dev.switchboard.agents.VoiceAgentProvider;
import dev.switchboard.agents.VoiceAgentProviders;
import dev.switchboard.calls.OutboundCalls;
import dev.switchboard.campaigns.internal.compliance.CallingRules;
import dev.switchboard.campaigns.internal.compliance.Compliance;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.JobContext;
import dev.switchboard.platform.JobHandler;
import dev.switchboard.platform.RetryPolicy;
import dev.switchboard.platform.WorkCpu;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderAccounts;
import dev.switchboard.telephony.ProviderException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Switchboard's own pacer: one run tops a running campaign up to its concurrency, never above
 * the campaign's nor the provider account's free slots, with attempts due and inside their
 * callee's calling hours. Attempts are claimed (committed as dialling) before their calls are
 * placed, so a crash can leave an attempt dialling without a call, which the watchdog repairs,
 * but never a contact called twice. Each run schedules the next while the campaign runs; an
 * ending call kicks one at once.
 */
@Component
class PaceCampaignJob implements JobHandler<Pacing.Payload> {

    private static final Logger log = LoggerFactory.getLogger(PaceCampaignJob.class);
    /**
     * How many of the next attempts due a run checks against the do-not-call list (the claim
     * itself never hands out a listed contact): the whole list each run made a run's cost grow
     * with the campaign's size.
     */
    private static final int DO_NOT_CALL_WINDOW = 500;
    /** How soon to look again while calls are due now (an ending call also kicks a run). */
    private static final Duration BUSY = Duration.ofSeconds(5);
    /** How soon to look again while nothing is due (retries later, calling hours closed). */
    private static final Duration IDLE = Duration.ofSeconds(30);
    /** How long a contact waits when the provider asks to slow down. */
    private static final Duration BACK_OFF = Duration.ofSeconds(30);
    /** How soon a contact held back by a provider outage that gave no Retry-After is tried again; the breaker spares the provider. */
    private static final Duration OUTAGE_BACK_OFF = Duration.ofSeconds(10);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Attempts attempts;
    private final Settlement settlement;
    private final Progress progress;
    private final Compliance compliance;
    private final Pacing pacing;
    private final OutboundCalls calls;
    private final ProviderAccounts accounts;
    private final VoiceAgentProviders providers;
    private final Clock clock;
    private final WorkCpu cpu;

    PaceCampaignJob(JdbcClient jdbc, TransactionTemplate tx, Attempts attempts, Settlement settlement, Progress progress,
                    Compliance compliance, Pacing pacing, OutboundCalls calls, ProviderAccounts accounts,
                    VoiceAgentProviders providers, Clock clock, WorkCpu cpu) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.attempts = attempts;
        this.settlement = settlement;
        this.progress = progress;
        this.compliance = compliance;
        this.pacing = pacing;
        this.calls = calls;
        this.accounts = accounts;
        this.providers = providers;
        this.clock = clock;
        this.cpu = cpu;
    }

    @Override
    public String taskName() {
        return Pacing.TASK;
    }

    @Override
    public Class<Pacing.Payload> payloadType() {
        return Pacing.Payload.class;
    }

    @Override
    public RetryPolicy retryPolicy(RetryPolicy defaults) {
        // A failed run is simply followed by the next one (the watchdog schedules one every minute).
        return defaults.withMaxAttempts(1);
    }

    @Override
    public void run(Pacing.Payload payload, JobContext context) {
        cpu.measure(Pacing.TASK, () -> pace(context.organizationId(), payload.campaignId()));
    }

    /** One run; returns how many calls it placed. */
    int pace(UUID organization, UUID campaignId) {
        Instant now = clock.instant();
        CallingRules rules = compliance.rulesFor(organization);
        Integer room = tx.execute(s -> roomInCampaign(organization, campaignId, rules, now));
        if (room == null) {
            return 0;
        }
        int free = room > 0 ? freeAccountSlots() : 0;
        Claim claim = free > 0 ? tx.execute(s -> claim(organization, campaignId, rules, now, free)) : Claim.NONE;
        Dialing dialing = new Dialing(claim.agentId());
        int placed = 0;
        for (Attempts.Claimed attempt : claim.attempts()) {
            if (place(organization, campaignId, dialing, attempt)) {
                placed++;
            }
        }
        tx.executeWithoutResult(s -> scheduleNext(organization, campaignId, rules, !claim.attempts().isEmpty()));
        return placed;
    }

    /** A run's claimed attempts, and the campaign's agent that calls them. */
    private record Claim(UUID agentId, List<Attempts.Claimed> attempts) {
        static final Claim NONE = new Claim(null, List.of());
    }

    /**
     * What placing a run's calls needs, read with the first call and again after a failure (so a
     * problem that pauses the campaign is met by each call as before).
     */
    private final class Dialing {
        private final UUID agentId;
        private OutboundCalls.Dialing prepared;

        Dialing(UUID agentId) {
            this.agentId = agentId;
        }

        OutboundCalls.Placed place(OutboundCalls.Request request) {
            if (prepared == null) {
                prepared = calls.dialing(agentId);
            }
            try {
                return prepared.place(request);
            } catch (RuntimeException e) {
                prepared = null;
                throw e;
            }
        }
    }

    /**
     * Skips do-not-call contacts, then answers how many calls the campaign could start now (its
     * concurrency less its calls in flight, 0 when none is due), or null when it is not running.
     */
    private Integer roomInCampaign(UUID organization, UUID campaignId, CallingRules rules, Instant now) {
        DialerCampaign campaign = DialerCampaign.find(jdbc, organization, campaignId, true);
        if (campaign == null || !campaign.paced()) {
            return null;
        }
        if (rules.honorDoNotCall()) {
            int skipped = attempts.skipDoNotCallDue(campaign, rules, now, DO_NOT_CALL_WINDOW);
            if (skipped > 0) {
                progress.countAndSettle(organization, campaignId, 0, 0, skipped, skipped, now);
            }
        }
        int room = campaign.concurrency() - attempts.inFlight(campaign);
        return room > 0 && attempts.claimable(campaign, rules, now) > 0 ? room : 0;
    }

    /** The account's free concurrent-call slots; 0 when the provider cannot tell (this run then places nothing). */
    private int freeAccountSlots() {
        try {
            ProviderAccount account = accounts.voiceAccount();
            VoiceAgentProvider.Concurrency c = providers.forAccount(account).concurrency(account);
            return Math.max(0, c.limit() - c.current());
        } catch (ProviderException e) {
            log.warn("Concurrency unknown, no call placed this run: {}", e.getMessage());
            return 0;
        }
    }

    private Claim claim(UUID organization, UUID campaignId, CallingRules rules, Instant now, int accountFree) {
        DialerCampaign campaign = DialerCampaign.find(jdbc, organization, campaignId, true);
        if (campaign == null || !campaign.paced()) {
            return Claim.NONE;
        }
        int inFlight = attempts.inFlight(campaign);
        int slots = Math.min(campaign.concurrency() - inFlight, accountFree);
        if (slots <= 0) {
            return Claim.NONE;
        }
        List<Attempts.Claimed> claimed = attempts.claim(campaign, rules, now, slots);
        jdbc.sql("""
                        update campaigns set max_in_flight = greatest(max_in_flight, ?), calls_placed = calls_placed + ?,
                               last_activity_at = ?, updated_at = ?
                        where organization_id = ? and id = ?""")
                .params(inFlight + claimed.size(), claimed.size(), Attempts.ts(now), Attempts.ts(now), organization, campaignId)
                .update();
        return new Claim(campaign.agentId(), claimed);
    }

    /** Places one claimed attempt's call; answers whether it reached the provider. */
    private boolean place(UUID organization, UUID campaignId, Dialing dialing, Attempts.Claimed attempt) {
        try {
            OutboundCalls.Placed placed = dialing.place(new OutboundCalls.Request(dialing.agentId, attempt.phoneNumber(),
                    attempt.variables(), campaignId, attempt.contactId(), attempt.contactName(), attempt.crmId()));
            tx.executeWithoutResult(s -> attempts.placed(organization, attempt.id(), placed.callId()));
            return true;
        } catch (ProviderException e) {
            refused(organization, campaignId, attempt, e);
        } catch (ApiProblem e) {
            // The organization can no longer place calls (its primary number changed, say): stop
            // and say why; the attempt waits for the campaign to be resumed.
            tx.executeWithoutResult(s -> {
                attempts.release(organization, attempt.id(), clock.instant());
                pauseForProblem(organization, campaignId, e.detail());
            });
        }
        return false;
    }

    private void refused(UUID organization, UUID campaignId, Attempts.Claimed attempt, ProviderException e) {
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            DialerCampaign locked = DialerCampaign.find(jdbc, organization, campaignId, true);
            switch (e.kind()) {
                case RATE_LIMITED -> attempts.release(organization, attempt.id(), now.plus(BACK_OFF));
                case MISSING_AGENT, UNAUTHORIZED, FROM_NUMBER_NOT_REGISTERED -> {
                    attempts.release(organization, attempt.id(), now);
                    pauseForProblem(organization, campaignId, e.getMessage());
                }
                // A provider outage that never reached the provider (its circuit breaker open, a
                // 503) is no answer about this contact: the attempt waits and is dialed again.
                default -> {
                    if (e.nothingSent()) {
                        attempts.release(organization, attempt.id(), now.plus(e.retryAfter().orElse(OUTAGE_BACK_OFF)));
                    } else {
                        settlement.ended(locked, attempts.endUnplaced(locked, attempt.id(),
                                e.kind() == ProviderException.Kind.INVALID_NUMBER ? "invalid_number" : "failed", now),
                                e.kind() == ProviderException.Kind.INVALID_NUMBER ? "invalid_number" : "failed", now);
                    }
                }
            }
        });
    }

    private void pauseForProblem(UUID organization, UUID campaignId, String why) {
        Instant now = clock.instant();
        int paused = jdbc.sql("""
                        update campaigns set status = 'paused', failure_reason = ?, updated_at = ?
                        where organization_id = ? and id = ? and status = 'processing'""")
                .params("Paused by Switchboard: " + why, Attempts.ts(now), organization, campaignId).update();
        if (paused == 1) {
            log.warn("Campaign {} paused: {}", campaignId, why);
            progress.publish(DialerCampaign.find(jdbc, organization, campaignId, false), now);
        }
    }

    private void scheduleNext(UUID organization, UUID campaignId, CallingRules rules, boolean busy) {
        DialerCampaign campaign = DialerCampaign.find(jdbc, organization, campaignId, false);
        if (campaign == null || !campaign.paced()) {
            return;
        }
        Instant now = clock.instant();
        Instant next = now.plus(busy || attempts.claimable(campaign, rules, now) > 0 ? BUSY : IDLE);
        Instant due = attempts.nextDue(campaign);
        if (due != null && due.isAfter(now) && due.isBefore(next)) {
            next = due;
        }
        pacing.at(organization, campaignId, next);
    }
}
