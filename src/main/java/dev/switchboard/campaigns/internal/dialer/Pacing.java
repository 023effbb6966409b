package dev.switchboard.campaigns.internal.dialer;

import dev.switchboard.platform.JobRequest;
import dev.switchboard.platform.Jobs;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Schedules runs of a campaign's pacer. A run's instance id is the campaign plus the second it
 * is due in, rounded up to a {@value #BUCKET_SECONDS}-second step: kicks and self-scheduled
 * runs due in the same step are one job, so the runs of a campaign never multiply. Runs that
 * still overlap are safe: each claims under the campaign's row lock.
 */
@Component
class Pacing {

    static final String TASK = "campaign-pacer";
    static final int BUCKET_SECONDS = 5;

    /** The pacer's job payload. */
    record Payload(UUID campaignId) {
    }

    private final Jobs jobs;

    Pacing(Jobs jobs) {
        this.jobs = jobs;
    }

    /** A run as soon as possible (inside a transaction: once it commits). */
    void kick(UUID organization, UUID campaignId, Instant now) {
        String slot = "now-" + now.getEpochSecond();
        // One transaction often settles several calls of a campaign (webhook events are applied
        // together): the run it kicks is one job, written once.
        if (firstInTransaction(campaignId + ":" + slot)) {
            schedule(organization, campaignId, now, slot);
        }
    }

    /** False when this transaction has kicked that run already (it commits or rolls back with the kick). */
    private static boolean firstInTransaction(String run) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return true;
        }
        // Kept with the transaction's synchronizations, which a nested new transaction suspends.
        for (TransactionSynchronization registered : TransactionSynchronizationManager.getSynchronizations()) {
            if (registered instanceof Kicked kicked) {
                return kicked.runs.add(run);
            }
        }
        Kicked kicked = new Kicked();
        TransactionSynchronizationManager.registerSynchronization(kicked);
        return kicked.runs.add(run);
    }

    /** The runs a transaction has kicked. */
    private static final class Kicked implements TransactionSynchronization {
        private final Set<String> runs = new HashSet<>();
    }

    /** A run at {@code when}, rounded up to the next step. */
    void at(UUID organization, UUID campaignId, Instant when) {
        long step = (when.getEpochSecond() + BUCKET_SECONDS - 1) / BUCKET_SECONDS * BUCKET_SECONDS;
        schedule(organization, campaignId, Instant.ofEpochSecond(step), "at-" + step);
    }

    private void schedule(UUID organization, UUID campaignId, Instant when, String slot) {
        jobs.schedule(new JobRequest(TASK, campaignId + ":" + slot, new Payload(campaignId), when, organization));
    }
}
