package dev.switchboard.platform;

/**
 * A kind of one-off job, contributed by any module as a Spring bean. The job system finds every
 * such bean at start-up and registers its {@link #taskName()}; {@link Jobs} then accepts jobs for
 * it.
 *
 * <p>{@link #run} is called at least once per scheduled job, and (barring a node dying mid-run)
 * exactly once per attempt across all nodes; it must be idempotent for the rare rerun after a
 * crash. Throwing fails the attempt: the job is retried with exponential backoff and jitter, and
 * parked after {@link RetryPolicy#maxAttempts()} attempts. For a job scheduled for an
 * organization, {@code run} executes inside that organization's {@link TenantScope}.
 *
 * @param <P> the payload type, read from the JSON stored with the job
 */
public interface JobHandler<P> {

    /** The stable name of this task (stored with every job; never rename one in use). */
    String taskName();

    /** The class the stored JSON payload is read into. */
    Class<P> payloadType();

    /** Does the work of one attempt. */
    void run(P payload, JobContext context) throws Exception;

    /** How this task retries; by default the configured {@code switchboard.jobs.retry.*}. */
    default RetryPolicy retryPolicy(RetryPolicy defaults) {
        return defaults;
    }
}
