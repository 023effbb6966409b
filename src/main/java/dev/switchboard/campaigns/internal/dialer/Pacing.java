package dev.switchboard.campaigns.internal.dialer;

import dev.switchboard.platform.JobRequest;
import dev.switchboard.platform.Jobs;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

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
        schedule(organization, campaignId, now, "now-" + now.getEpochSecond());
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
