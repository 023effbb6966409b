package dev.switchboard.platform.internal.jobs;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Wakes this node's scheduler when a job became due now, so that it need not wait for the next
 * poll; inside a transaction only once it committed (before, the job is not visible).
 */
@Component
class DueJobsSignal {

    // Looked up lazily: the scheduler depends on every JobHandler, and a handler may depend on Jobs.
    private final ObjectProvider<SchedulerLifecycle> scheduler;

    DueJobsSignal(ObjectProvider<SchedulerLifecycle> scheduler) {
        this.scheduler = scheduler;
    }

    void jobIsDue() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wake();
                }
            });
        } else {
            wake();
        }
    }

    private void wake() {
        SchedulerLifecycle s = scheduler.getIfAvailable();
        if (s != null) {
            s.checkForDueJobs();
        }
    }
}
