package dev.switchboard.campaigns.internal.dialer;

import dev.switchboard.agents.VoiceAgentProvider;
import dev.switchboard.agents.VoiceAgentProviders;
import dev.switchboard.calls.BatchCallRecords;
import dev.switchboard.campaigns.internal.compliance.CallingRules;
import dev.switchboard.campaigns.internal.compliance.Compliance;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.JobContext;
import dev.switchboard.platform.JobHandler;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderAccounts;
import dev.switchboard.telephony.ProviderException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Provider-batch dispatch: hands a running campaign's pending contacts to the voice provider's
 * batch API, at most {@value #MAX_TASKS} calls per batch and one batch per callee time zone (the
 * calling hours are the batch's time window there). Do-not-call contacts are skipped first, as
 * the pacer does.
 *
 * <p>Each batch is written (submitting), with its attempts claimed and a pending call record per
 * task, in one transaction before the provider is asked; the answer then marks it submitted
 * (its calls queued under the provider's batch id, so webhooks find them by that id and the
 * destination) or refused (the campaign fails with the provider's message). A batch found still
 * submitting by a later run was interrupted between the request and its answer: it is never
 * sent again. It counts as submitted once the provider reported on any of its calls, else as
 * refused, so that no contact is ever called twice.
 */
@Component
class SubmitBatchesJob implements JobHandler<Batches.Payload> {

    private static final Logger log = LoggerFactory.getLogger(SubmitBatchesJob.class);
    /** Calls per batch at most (the provider's and the sandbox's limit). */
    static final int MAX_TASKS = 1000;
    static final String INTERRUPTED = "Switchboard stopped while sending this batch and cannot tell whether the provider "
            + "received it; it was not sent again so that no contact is called twice.";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Attempts attempts;
    private final Progress progress;
    private final Compliance compliance;
    private final BatchCallRecords calls;
    private final ProviderAccounts accounts;
    private final VoiceAgentProviders providers;
    private final Clock clock;

    SubmitBatchesJob(JdbcClient jdbc, TransactionTemplate tx, Attempts attempts, Progress progress, Compliance compliance,
                     BatchCallRecords calls, ProviderAccounts accounts, VoiceAgentProviders providers, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.attempts = attempts;
        this.progress = progress;
        this.compliance = compliance;
        this.calls = calls;
        this.accounts = accounts;
        this.providers = providers;
        this.clock = clock;
    }

    @Override
    public String taskName() {
        return Batches.TASK;
    }

    @Override
    public Class<Batches.Payload> payloadType() {
        return Batches.Payload.class;
    }

    @Override
    public void run(Batches.Payload payload, JobContext context) {
        submit(context.organizationId(), payload.campaignId());
    }

    /** Settles interrupted batches, then submits batches until no contact is pending; returns how many were sent. */
    int submit(UUID organization, UUID campaignId) {
        settleInterrupted(organization, campaignId);
        int sent = 0;
        while (true) {
            Planned plan;
            try {
                plan = tx.execute(s -> plan(organization, campaignId));
            } catch (ApiProblem e) {
                fail(organization, campaignId, "Could not send the calls: " + e.detail());
                return sent;
            } catch (ProviderException e) {
                fail(organization, campaignId, "Could not send the calls: " + e.getMessage());
                return sent;
            }
            if (plan == null) {
                return sent;
            }
            if (!send(organization, campaignId, plan)) {
                return sent;
            }
            sent++;
        }
    }

    /** A batch written and claimed, ready to send (null: nothing pending, or the campaign no longer runs). */
    record Planned(UUID batchId, int sequence, String name, String timeZone, int concurrency,
                   BatchCallRecords.Prepared prepared) {
    }

    Planned plan(UUID organization, UUID campaignId) {
        Instant now = clock.instant();
        DialerCampaign campaign = DialerCampaign.find(jdbc, organization, campaignId, true);
        if (campaign == null || !campaign.dialing() || !campaign.providerBatch()) {
            return null;
        }
        if (compliance.rulesFor(organization).honorDoNotCall()) {
            int skipped = attempts.skipDoNotCall(campaign, now);
            if (skipped > 0) {
                progress.count(organization, campaignId, 0, 0, skipped, skipped, now);
            }
        }
        String zone = attempts.nextPendingZone(campaign);
        if (zone == null) {
            progress.settle(organization, campaignId, now);
            return null;
        }
        UUID batchId = UUID.randomUUID();
        List<Attempts.Claimed> claimed = attempts.claimForBatch(campaign, zone, batchId, now, MAX_TASKS);
        int sequence = jdbc.sql("select coalesce(max(sequence), 0) + 1 from campaign_batches where organization_id = ? and campaign_id = ?")
                .params(organization, campaignId).query(Integer.class).single();
        String name = campaign.name() + " · batch " + sequence;
        jdbc.sql("""
                        insert into campaign_batches (id, organization_id, campaign_id, sequence, name, state, time_zone,
                                                      task_count, created_at)
                        values (?, ?, ?, ?, ?, 'submitting', ?, ?, ?)""")
                .params(batchId, organization, campaignId, sequence, name, zone, claimed.size(), Attempts.ts(now)).update();
        List<BatchCallRecords.Planned> planned = new ArrayList<>(claimed.size());
        for (Attempts.Claimed a : claimed) {
            planned.add(new BatchCallRecords.Planned(a.contactId(), a.phoneNumber(), a.variables(), a.contactName(), a.crmId()));
        }
        BatchCallRecords.Prepared prepared = calls.record(campaignId, campaign.agentId(), planned);
        for (int i = 0; i < claimed.size(); i++) {
            attempts.recorded(organization, claimed.get(i).id(), prepared.calls().get(i).callId());
        }
        int inFlight = attempts.inFlight(campaign);
        jdbc.sql("""
                        update campaigns set max_in_flight = greatest(max_in_flight, ?), calls_placed = calls_placed + ?,
                               last_activity_at = ?, updated_at = ?
                        where organization_id = ? and id = ?""")
                .params(inFlight, claimed.size(), Attempts.ts(now), Attempts.ts(now), organization, campaignId).update();
        return new Planned(batchId, sequence, name, zone, campaign.concurrency(), prepared);
    }

    /** Sends one batch; answers whether the provider accepted it. */
    private boolean send(UUID organization, UUID campaignId, Planned plan) {
        CallingRules rules = compliance.rulesFor(organization);
        VoiceAgentProvider.CallWindow window = rules.callingHours()
                ? new VoiceAgentProvider.CallWindow(List.of(new int[] {rules.windowStartMinute(), rules.windowEndMinute()}),
                        plan.timeZone(), List.of())
                : null;
        List<VoiceAgentProvider.BatchTask> tasks = new ArrayList<>(plan.prepared().calls().size());
        for (BatchCallRecords.Recorded call : plan.prepared().calls()) {
            tasks.add(new VoiceAgentProvider.BatchTask(call.toNumber(), plan.prepared().providerAgentId(), call.variables(),
                    Map.of("campaignId", campaignId.toString())));
        }
        List<UUID> callIds = plan.prepared().calls().stream().map(BatchCallRecords.Recorded::callId).toList();
        VoiceAgentProvider.StartedBatch started;
        try {
            ProviderAccount account = accounts.voiceAccount();
            VoiceAgentProvider provider = providers.forAccount(account);
            started = provider.startBatch(account, new VoiceAgentProvider.BatchRequest(plan.name(),
                    plan.prepared().fromNumber(), tasks, reserved(provider, account, plan.concurrency()), null, window));
        } catch (ProviderException e) {
            log.warn("Batch {} of campaign {} refused: {}", plan.sequence(), campaignId, e.getMessage());
            tx.executeWithoutResult(s -> {
                refuse(organization, campaignId, plan.batchId(), callIds, e.getMessage());
                fail(organization, campaignId,
                        "The voice provider refused batch " + plan.sequence() + ": " + e.getMessage());
            });
            return false;
        }
        tx.executeWithoutResult(s -> {
            Instant now = clock.instant();
            jdbc.sql("""
                            update campaign_batches set state = 'submitted', provider_batch_id = ?, accepted_count = ?,
                                   submitted_at = ?
                            where organization_id = ? and id = ? and state = 'submitting'""")
                    .params(started.providerBatchId(), started.totalTasks(), Attempts.ts(now), organization, plan.batchId())
                    .update();
            calls.accepted(plan.batchId(), started.providerBatchId(), callIds);
            attempts.batchAccepted(organization, plan.batchId());
        });
        return true;
    }

    /**
     * The account slots the batch leaves free: the account's limit less the campaign's
     * concurrency, so the batch dials at most that many at once (null when the limit is unknown).
     */
    private static Integer reserved(VoiceAgentProvider provider, ProviderAccount account, int concurrency) {
        try {
            int limit = provider.concurrency(account).limit();
            return limit > concurrency ? limit - concurrency : null;
        } catch (ProviderException unknown) {
            return null;
        }
    }

    /** Batches a crash left between their request and its answer: never sent again. */
    private void settleInterrupted(UUID organization, UUID campaignId) {
        tx.executeWithoutResult(s -> {
            DialerCampaign campaign = DialerCampaign.find(jdbc, organization, campaignId, true);
            if (campaign == null) {
                return;
            }
            List<UUID> interrupted = jdbc.sql("""
                            select id from campaign_batches where organization_id = ? and campaign_id = ? and state = 'submitting'
                            order by sequence""")
                    .params(organization, campaignId).query(UUID.class).list();
            Instant now = clock.instant();
            for (UUID batchId : interrupted) {
                List<UUID> callIds = attempts.callsOfBatch(organization, batchId);
                if (!callIds.isEmpty() && calls.heardFrom(callIds)) {
                    jdbc.sql("""
                                    update campaign_batches set state = 'submitted', submitted_at = ?,
                                           failure_reason = 'Confirmed by the provider''s reports on its calls after an interruption.'
                                    where organization_id = ? and id = ?""")
                            .params(Attempts.ts(now), organization, batchId).update();
                    attempts.batchAccepted(organization, batchId);
                    log.info("Interrupted batch {} of campaign {} reached the provider", batchId, campaignId);
                } else {
                    refuse(organization, campaignId, batchId, callIds, INTERRUPTED);
                    log.warn("Interrupted batch {} of campaign {} is not sent again", batchId, campaignId);
                }
            }
            if (!interrupted.isEmpty()) {
                progress.settle(organization, campaignId, now);
            }
        });
    }

    /** Marks a batch refused: its calls failed, its contacts counted failed. */
    private void refuse(UUID organization, UUID campaignId, UUID batchId, List<UUID> callIds, String reason) {
        Instant now = clock.instant();
        DialerCampaign campaign = DialerCampaign.find(jdbc, organization, campaignId, true);
        jdbc.sql("update campaign_batches set state = 'refused', failure_reason = ? where organization_id = ? and id = ?")
                .params(reason, organization, batchId).update();
        if (!callIds.isEmpty()) {
            calls.refused(callIds, "batch_refused");
        }
        int ended = attempts.endBatch(campaign, batchId, "failed", now);
        if (ended > 0) {
            progress.count(organization, campaignId, 0, ended, 0, 0, now);
        }
    }

    /** Ends the campaign as failed with {@code reason} (joining the caller's transaction, if any): nothing more is sent. */
    private void fail(UUID organization, UUID campaignId, String reason) {
        tx.executeWithoutResult(s -> {
            DialerCampaign campaign = DialerCampaign.find(jdbc, organization, campaignId, true);
            if (campaign != null) {
                attempts.cancelPending(campaign, clock.instant());
                progress.fail(campaign, reason, clock.instant());
            }
        });
    }
}
