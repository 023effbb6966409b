package dev.switchboard.platform.internal.jobs;

import dev.switchboard.platform.RetryPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the job system runs on this node.
 *
 * @param pollInterval     how often the node looks for due jobs ({@code SWITCHBOARD_JOBS_POLL_INTERVAL})
 * @param threads          how many jobs run at once on this node ({@code SWITCHBOARD_JOBS_THREADS})
 * @param shutdownMaxWait  how long a stopping node waits for running jobs to finish
 * @param heartbeatInterval how often a node marks the jobs it runs as still running; a job whose
 *                         node missed {@value #MISSED_HEARTBEATS} of them (the node died) runs again
 * @param retry            the default retry policy of one-off jobs
 */
@ConfigurationProperties("switchboard.jobs")
record JobsSettings(Duration pollInterval, Integer threads, Duration shutdownMaxWait, Duration heartbeatInterval, Retry retry) {

    /** Heartbeats a node may miss before the jobs it was running count as abandoned. */
    static final int MISSED_HEARTBEATS = 4;

    /**
     * @param maxAttempts attempts before a job is parked (default 3)
     * @param baseDelay   delay after the first failed attempt (default 30s)
     * @param factor      growth of the delay per attempt (default 2)
     * @param maxDelay    longest delay between attempts (default 1h)
     * @param jitter      random variation of each delay, as a fraction (default 0.2)
     */
    record Retry(Integer maxAttempts, Duration baseDelay, Double factor, Duration maxDelay, Double jitter) {
    }

    JobsSettings {
        pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
        threads = threads == null ? 4 : threads;
        shutdownMaxWait = shutdownMaxWait == null ? Duration.ofSeconds(30) : shutdownMaxWait;
        heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(30) : heartbeatInterval;
        retry = retry == null ? new Retry(null, null, null, null, null) : retry;
        if (pollInterval.toMillis() < 10 || pollInterval.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("switchboard.jobs.poll-interval (SWITCHBOARD_JOBS_POLL_INTERVAL) must be "
                    + "between 10ms and 10m, but was " + pollInterval);
        }
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("switchboard.jobs.threads (SWITCHBOARD_JOBS_THREADS) must be between 1 "
                    + "and 256, but was " + threads);
        }
        if (heartbeatInterval.toMillis() < 100 || heartbeatInterval.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("switchboard.jobs.heartbeat-interval (SWITCHBOARD_JOBS_HEARTBEAT_INTERVAL) "
                    + "must be between 100ms and 10m, but was " + heartbeatInterval);
        }
        if (shutdownMaxWait.isNegative()) {
            throw new IllegalArgumentException("switchboard.jobs.shutdown-max-wait must not be negative");
        }
        try {
            defaultRetryPolicyOf(retry);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("switchboard.jobs.retry.* is not valid: " + e.getMessage(), e);
        }
    }

    RetryPolicy defaultRetryPolicy() {
        return defaultRetryPolicyOf(retry);
    }

    private static RetryPolicy defaultRetryPolicyOf(Retry retry) {
        return new RetryPolicy(
                retry.maxAttempts() == null ? 3 : retry.maxAttempts(),
                retry.baseDelay() == null ? Duration.ofSeconds(30) : retry.baseDelay(),
                retry.factor() == null ? 2.0 : retry.factor(),
                retry.maxDelay() == null ? Duration.ofHours(1) : retry.maxDelay(),
                retry.jitter() == null ? 0.2 : retry.jitter());
    }
}
