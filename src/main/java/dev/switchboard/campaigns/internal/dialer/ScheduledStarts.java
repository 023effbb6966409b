package dev.switchboard.campaigns.internal.dialer;

import dev.switchboard.platform.JobRequest;
import dev.switchboard.platform.Jobs;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Schedules the start of a scheduled campaign at its start time. A start's instance id is the
 * campaign plus its start time (to the millisecond): scheduling it again changes nothing, a new
 * start time is another job and the old one is cancelled; one that runs anyway finds the
 * campaign's start time moved and does nothing ({@link StartScheduledCampaignJob}).
 */
@Component
class ScheduledStarts {

    static final String TASK = "campaign-scheduled-start";

    /** The start's job payload: the start time it was scheduled for. */
    record Payload(UUID campaignId, long startAtMillis) {
    }

    private final Jobs jobs;

    ScheduledStarts(Jobs jobs) {
        this.jobs = jobs;
    }

    /** The campaign starts at {@code startAt} (inside a transaction: once it commits). */
    void at(UUID organization, UUID campaignId, Instant startAt) {
        jobs.schedule(new JobRequest(TASK, instanceId(campaignId, startAt),
                new Payload(campaignId, startAt.toEpochMilli()), startAt, organization));
    }

    /** The start at {@code startAt} is no longer wanted (a start that is running already finds that out itself). */
    void cancel(UUID campaignId, Instant startAt) {
        if (startAt != null) {
            jobs.cancel(TASK, instanceId(campaignId, startAt));
        }
    }

    private static String instanceId(UUID campaignId, Instant startAt) {
        return campaignId + ":at-" + startAt.toEpochMilli();
    }
}
