package dev.switchboard.platform;

/**
 * The platform administrator's view of background jobs: what is scheduled, running, failing or
 * parked, and the two actions on a job. Callers check that the user is a platform administrator.
 */
public interface JobsAdmin {

    /** Pending executions without a failure since their last success, soonest first. */
    Page<ScheduledJob> scheduled(PageRequest page);

    /** Executions a node is running now, oldest due first. */
    Page<ScheduledJob> running(PageRequest page);

    /** Pending executions whose last attempt failed (they will be retried), soonest first. */
    Page<ScheduledJob> failed(PageRequest page);

    /** Jobs that used up their attempts, most recently parked first. */
    Page<ParkedJob> parked(PageRequest page);

    /**
     * Runs the job as soon as possible: a pending execution is rescheduled to now; a parked job is
     * scheduled again with a fresh set of attempts and leaves the parked list.
     *
     * @return false when there is no such job
     * @throws ApiProblem (409) when the job is running right now
     */
    boolean retry(JobKey job);

    /**
     * Removes the job: its pending execution and/or its parked row.
     *
     * @return false when there is no such job
     * @throws ApiProblem (409) when the job is running right now, or is a recurring job (whose
     *         execution the scheduler creates only at start-up, so cancelling it would stop it
     *         silently until the next restart)
     */
    boolean cancel(JobKey job);
}
