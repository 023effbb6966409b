package dev.switchboard.platform;

import java.util.List;

/**
 * Schedules background work that survives restarts and runs exactly once across all nodes.
 *
 * <p>A job is a task name (contributed by a {@link JobHandler} bean) plus an instance id chosen
 * by the caller. Scheduling is idempotent per instance id: while an execution with the same task
 * name and instance id is pending or running, scheduling it again changes nothing, so callers can
 * derive the id from what the job is about (a mail id, a campaign id plus a batch number…).
 *
 * <p>When called inside a transaction, the job is stored in that transaction: it runs only if the
 * transaction commits. A failing job is retried with exponential backoff and, after its last
 * attempt, parked for an administrator (see {@link JobsAdmin}).
 */
public interface Jobs {

    /**
     * Stores the job to run at {@link JobRequest#runAt()} (as soon as possible when null).
     *
     * @return true when the job was scheduled, false when an execution with the same task name
     *         and instance id already exists (it is left unchanged)
     * @throws IllegalArgumentException when no {@link JobHandler} is registered for the task
     */
    boolean schedule(JobRequest request);

    /**
     * Stores several jobs at once, with the same rules as {@link #schedule(JobRequest)} for each;
     * cheaper than one call per job when a caller has many (one statement instead of one each).
     *
     * @return how many were scheduled (the others already existed)
     */
    default int scheduleAll(List<JobRequest> requests) {
        int scheduled = 0;
        for (JobRequest request : requests) {
            if (schedule(request)) {
                scheduled++;
            }
        }
        return scheduled;
    }

    /**
     * Removes a pending execution.
     *
     * @return true when it was removed, false when there is none or it is running right now
     */
    boolean cancel(String taskName, String instanceId);
}
