package dev.switchboard.platform;

import java.time.Instant;
import java.util.UUID;

/**
 * A job execution as stored by the scheduler, for the jobs admin view.
 *
 * @param taskName            the task
 * @param instanceId          the instance id
 * @param data                the stored JSON (organization, payload, and the last error of a
 *                            failing job), or null for a task without data
 * @param organizationId      the organization the job works for, or null
 * @param executionTime       when it is due (or was, when running)
 * @param running             whether a node has picked it and is running it now
 * @param runningOn           the node running it, or null
 * @param lastHeartbeat       the running node's last sign of life, or null
 * @param consecutiveFailures failed attempts since the last success
 * @param lastSuccess         the last successful run (recurring jobs), or null
 * @param lastFailure         the last failed attempt, or null
 * @param lastError           what the last failed attempt reported, or null
 * @param recurring           whether this is the next run of a {@link RecurringJob}, which runs
 *                            again on its schedule and cannot be cancelled
 */
public record ScheduledJob(String taskName, String instanceId, String data, UUID organizationId,
        Instant executionTime, boolean running, String runningOn, Instant lastHeartbeat, int consecutiveFailures,
        Instant lastSuccess, Instant lastFailure, String lastError, boolean recurring) {

    public JobKey key() {
        return new JobKey(taskName, instanceId);
    }
}
