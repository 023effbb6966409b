package dev.switchboard.platform.internal.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import java.util.function.Supplier;
import org.springframework.context.SmartLifecycle;

/**
 * This node's scheduler: polling starts once the application is up, and stops first on shutdown,
 * waiting for running jobs (up to {@code switchboard.jobs.shutdown-max-wait}) while the database
 * is still open. A stopped db-scheduler cannot start again, so each start builds a fresh one
 * (the context may be stopped and restarted, as the test framework does with paused contexts).
 */
final class SchedulerLifecycle implements SmartLifecycle {

    private final Supplier<Scheduler> factory;
    private volatile Scheduler current;

    SchedulerLifecycle(Supplier<Scheduler> factory) {
        this.factory = factory;
    }

    @Override
    public synchronized void start() {
        if (current == null) {
            Scheduler scheduler = factory.get();
            scheduler.start();
            current = scheduler;
        }
    }

    @Override
    public synchronized void stop() {
        Scheduler scheduler = current;
        current = null;
        if (scheduler != null) {
            scheduler.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return current != null;
    }

    /** Makes the running scheduler look for due jobs now instead of at its next poll. */
    void checkForDueJobs() {
        Scheduler scheduler = current;
        if (scheduler != null) {
            scheduler.triggerCheckForDueExecutions();
        }
    }
}
