package dev.switchboard.campaigns.internal.dialer;

import dev.switchboard.platform.JobRequest;
import dev.switchboard.platform.Jobs;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Schedules the submission of a provider-batch campaign's batches. Kicks in the same second are
 * one job; overlapping runs are safe, as each batch is claimed under the campaign's row lock.
 */
@Component
class Batches {

    static final String TASK = "campaign-batches";

    /** The submission job's payload. */
    record Payload(UUID campaignId) {
    }

    private final Jobs jobs;

    Batches(Jobs jobs) {
        this.jobs = jobs;
    }

    /** A run as soon as possible (inside a transaction: once it commits). */
    void kick(UUID organization, UUID campaignId, Instant now) {
        jobs.schedule(new JobRequest(TASK, campaignId + ":" + now.getEpochSecond(), new Payload(campaignId), now,
                organization));
    }
}
