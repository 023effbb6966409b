package dev.switchboard.platform;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What a running job knows about itself.
 *
 * @param taskName       the task
 * @param instanceId     the job's instance id
 * @param organizationId the organization it runs for, or null for platform work
 * @param attempt        which attempt this is, from 1
 * @param maxAttempts    the attempts allowed before the job is parked (1 for recurring jobs,
 *                       which simply run again at their next time)
 * @param scheduledFor   when this attempt was due
 */
public record JobContext(String taskName, String instanceId, UUID organizationId, int attempt, int maxAttempts,
        Instant scheduledFor) {

    /** The organization the job runs for, if any. */
    public Optional<UUID> organization() {
        return Optional.ofNullable(organizationId);
    }

    /** Whether a failure of this attempt parks the job instead of retrying it. */
    public boolean lastAttempt() {
        return attempt >= maxAttempts;
    }
}
