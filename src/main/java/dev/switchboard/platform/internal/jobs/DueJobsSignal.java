package dev.switchboard.platform.internal.jobs;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Wakes this node's scheduler when a job becomes due, so that it need not wait for the next
 * poll: at once for a job due now, and at its time for one due within {@link #AHEAD} (a
 * scheduled campaign starts to the second, not up to a poll interval late); inside a transaction
 * only once it committed (before, the job is not visible). Other nodes find the job at their
 * next poll, as ever; it still runs once.
 */
@Component
class DueJobsSignal {

    /** How far ahead a job's time is kept in memory; later ones are found by polling. */
    static final Duration AHEAD = Duration.ofMinutes(1);

    // Looked up lazily: the scheduler depends on every JobHandler, and a handler may depend on Jobs.
    private final ObjectProvider<SchedulerLifecycle> scheduler;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("due-jobs-timer").factory());

    DueJobsSignal(ObjectProvider<SchedulerLifecycle> scheduler) {
        this.scheduler = scheduler;
    }

    void jobIsDue() {
        afterCommit(this::wake);
    }

    /** A job was stored to run at {@code runAt} ({@code now} being the time it was stored). */
    void jobIsDueAt(Instant runAt, Instant now) {
        if (!runAt.isAfter(now)) {
            jobIsDue();
        } else if (!runAt.isAfter(now.plus(AHEAD))) {
            // A millisecond late rather than early: the scheduler must find the job due when it looks.
            long delayMs = Duration.between(now, runAt).toMillis() + 1;
            afterCommit(() -> timer.schedule(this::wake, delayMs, TimeUnit.MILLISECONDS));
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    private void wake() {
        SchedulerLifecycle s = scheduler.getIfAvailable();
        if (s != null) {
            s.checkForDueJobs();
        }
    }
}
