package dev.switchboard.platform;

import java.time.Instant;
import java.util.UUID;

/**
 * A job that failed every attempt and waits for an administrator to retry or cancel it.
 *
 * @param id             the parked row's id
 * @param taskName       the task
 * @param instanceId     the instance id
 * @param data           the stored JSON (organization and payload)
 * @param organizationId the organization the job works for, or null
 * @param attempts       how many attempts failed
 * @param lastError      what the last attempt reported
 * @param firstFailedAt  when the first attempt failed
 * @param parkedAt       when it was parked
 */
public record ParkedJob(UUID id, String taskName, String instanceId, String data, UUID organizationId, int attempts,
        String lastError, Instant firstFailedAt, Instant parkedAt) {

    public JobKey key() {
        return new JobKey(taskName, instanceId);
    }
}
