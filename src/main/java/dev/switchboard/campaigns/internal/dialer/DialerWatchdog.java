package dev.switchboard.campaigns.internal.dialer;

import dev.switchboard.agents.VoiceAgentProvider;
import dev.switchboard.agents.VoiceAgentProviders;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.JobContext;
import dev.switchboard.platform.RecurringJob;
import dev.switchboard.platform.TenantScope;
import dev.switchboard.telephony.OutboundReadiness;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderAccounts;
import dev.switchboard.telephony.ProviderException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every minute, for each campaign that is scheduled, running or paused: starts scheduled ones
 * whose time has come, keeps the pacer of running ones alive, repairs attempts left dialling by
 * a crash, and settles campaigns stuck for an hour by asking the provider about their calls.
 */
@Component
class DialerWatchdog implements RecurringJob {

    private static final Logger log = LoggerFactory.getLogger(DialerWatchdog.class);
    /** A claimed attempt normally has its call at the provider within seconds. */
    static final Duration STALE_CLAIM = Duration.ofMinutes(2);
    /** A call recorded but never confirmed by the provider for this long did not happen. */
    static final Duration UNCONFIRMED_CALL = Duration.ofMinutes(10);
    /** The seed's rule: processing with nothing happening for an hour is stuck. */
    static final Duration STUCK = Duration.ofHours(1);

    record Watched(UUID organizationId, UUID id) {
    }

    record StaleClaim(UUID id, UUID contactId, Timestamp claimedAt) {
    }

    record RecordedCall(UUID id, String providerCallId, String status, String disposition, Timestamp createdAt) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Attempts attempts;
    private final Settlement settlement;
    private final Progress progress;
    private final Dialer dialer;
    private final OutboundReadiness readiness;
    private final ProviderAccounts accounts;
    private final VoiceAgentProviders providers;
    private final Clock clock;

    DialerWatchdog(JdbcClient jdbc, TransactionTemplate tx, Attempts attempts, Settlement settlement, Progress progress,
                   Dialer dialer, OutboundReadiness readiness, ProviderAccounts accounts,
                   VoiceAgentProviders providers, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.attempts = attempts;
        this.settlement = settlement;
        this.progress = progress;
        this.dialer = dialer;
        this.readiness = readiness;
        this.accounts = accounts;
        this.providers = providers;
        this.clock = clock;
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
                if (campaign.lastActivityAt() != null && campaign.lastActivityAt().isBefore(now.minus(STUCK))) {
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
        Instant before = clock.instant().minus(STALE_CLAIM);
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
                        select id, provider_call_id, status, disposition, created_at from calls
                        where organization_id = ? and campaign_id = ? and contact_id = ? and created_at >= ?
                        order by created_at limit 1""")
                .params(organization, campaignId, claim.contactId(), claim.claimedAt()).query(RecordedCall.class).optional();
        if (call.isEmpty()) {
            attempts.release(organization, claim.id(), now);
            log.info("Attempt {} of campaign {} was claimed but never placed; it is due again", claim.id(), campaignId);
        } else if (isFinal(call.get().status())) {
            String outcome = Settlement.outcomeOf(call.get().status(), call.get().disposition());
            settlement.ended(campaign, attempts.end(campaign, claim.contactId(), call.get().id(),
                    call.get().createdAt().toInstant(), outcome, now), outcome, now);
        } else if (call.get().providerCallId() != null) {
            attempts.placed(organization, claim.id(), call.get().id());
        } else if (call.get().createdAt().toInstant().isBefore(now.minus(UNCONFIRMED_CALL))) {
            settlement.ended(campaign, attempts.endUnplaced(campaign, claim.id(), "failed", now), "failed", now);
        }
    }

    /**
     * Asks the provider about every call still in flight of a campaign quiet for an hour and
     * settles the ones it reports ended (or does not know); completes the campaign when nothing
     * is left.
     */
    void settleStuck(UUID organization, UUID campaignId) {
        List<RecordedCall> inFlight = tx.execute(s -> jdbc.sql("""
                        select c.id, c.provider_call_id, c.status, c.disposition, c.created_at
                        from campaign_attempts a join calls c on c.organization_id = a.organization_id and c.id = a.call_id
                        where a.organization_id = ? and a.campaign_id = ? and a.state in ('dialing', 'in_call')""")
                .params(organization, campaignId).query(RecordedCall.class).list());
        if (inFlight.isEmpty()) {
            tx.executeWithoutResult(s -> finishIfNothingLeft(organization, campaignId));
            return;
        }
        ProviderAccount account = accounts.voiceAccount();
        VoiceAgentProvider provider = providers.forAccount(account);
        for (RecordedCall call : inFlight) {
            String outcome;
            try {
                outcome = call.providerCallId() == null ? "failed"
                        : provider.getCall(account, call.providerCallId()).map(DialerWatchdog::endedOutcome).orElse("failed");
            } catch (ProviderException e) {
                log.warn("Provider could not tell about call {}: {}", call.id(), e.getMessage());
                continue;
            }
            if (outcome != null) {
                String settled = outcome;
                tx.executeWithoutResult(s -> {
                    DialerCampaign campaign = DialerCampaign.find(jdbc, organization, campaignId, true);
                    Timestamp from = call.createdAt();
                    UUID contact = jdbc.sql("select contact_id from calls where organization_id = ? and id = ?")
                            .params(organization, call.id()).query(UUID.class).single();
                    settlement.ended(campaign, attempts.end(campaign, contact, call.id(), from.toInstant(), settled,
                            clock.instant()), settled, clock.instant());
                });
            }
        }
        tx.executeWithoutResult(s -> finishIfNothingLeft(organization, campaignId));
    }

    private void finishIfNothingLeft(UUID organization, UUID campaignId) {
        DialerCampaign campaign = DialerCampaign.find(jdbc, organization, campaignId, true);
        if (campaign != null && attempts.inFlight(campaign) == 0 && attempts.waiting(campaign) == 0) {
            progress.settle(organization, campaignId, clock.instant());
        }
    }

    /** The outcome of a call the provider reports ended, or null while it still runs. */
    static String endedOutcome(VoiceAgentProvider.ProviderCall call) {
        String status = call.status() == null ? "" : call.status().toLowerCase(Locale.ROOT);
        if (!List.of("ended", "error", "not_connected").contains(status)) {
            return null;
        }
        String reason = call.disconnectionReason() == null ? "" : call.disconnectionReason().toLowerCase(Locale.ROOT);
        return switch (reason) {
            case "dial_no_answer" -> "no_answer";
            case "dial_busy" -> "busy";
            case "voicemail_reached" -> "voicemail";
            case "invalid_destination" -> "invalid_number";
            default -> "error".equals(status) || reason.startsWith("error") || reason.equals("dial_failed") ? "failed"
                    : "answered";
        };
    }

    private static boolean isFinal(String status) {
        return "completed".equals(status) || "failed".equals(status) || "cancelled".equals(status);
    }
}
