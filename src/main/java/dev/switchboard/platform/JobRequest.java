package dev.switchboard.platform;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A one-off job to schedule with {@link Jobs#schedule(JobRequest)}.
 *
 * @param taskName       the task, as named by its {@link JobHandler}
 * @param instanceId     the caller's id for this job (1 to 200 characters); scheduling the same
 *                       task and instance id again while one is pending does nothing
 * @param payload        the handler's input; stored as JSON (so it stays readable in the jobs
 *                       admin view) and read back as the handler's payload type; may be null
 * @param runAt          when to run it; null means as soon as possible
 * @param organizationId the organization the job works for, or null for platform work; the
 *                       handler then runs inside that organization's {@link TenantScope}. It is
 *                       never taken implicitly from the scope of the caller.
 */
public record JobRequest(String taskName, String instanceId, Object payload, Instant runAt, UUID organizationId) {

    public JobRequest {
        Objects.requireNonNull(taskName, "taskName");
        Objects.requireNonNull(instanceId, "instanceId");
        if (taskName.isBlank()) {
            throw new IllegalArgumentException("A job needs a task name");
        }
        if (instanceId.isBlank() || instanceId.length() > 200) {
            throw new IllegalArgumentException("A job's instance id must have 1 to 200 characters");
        }
    }

    /** A platform job (no organization) to run as soon as possible. */
    public static JobRequest of(String taskName, String instanceId, Object payload) {
        return new JobRequest(taskName, instanceId, payload, null, null);
    }

    /** This job, to run at {@code when}. */
    public JobRequest at(Instant when) {
        return new JobRequest(taskName, instanceId, payload, when, organizationId);
    }

    /** This job, run inside {@code organization}'s tenant scope. */
    public JobRequest forOrganization(UUID organization) {
        return new JobRequest(taskName, instanceId, payload, runAt, Objects.requireNonNull(organization, "organization"));
    }
}
