package dev.switchboard.platform.internal.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import dev.switchboard.platform.JobHandler;
import dev.switchboard.platform.RecurringJob;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import javax.sql.DataSource;

/** Builds a db-scheduler {@link Scheduler} for this node from the contributed handlers. */
final class JobSchedulers {

    private JobSchedulers() {
    }

    /** The db-scheduler tasks of every contributed handler, checked: unique names, valid cron expressions. */
    record TaskSet(List<Task<?>> oneOff, List<RecurringTask<Void>> recurring) {
    }

    static TaskSet tasks(TaskFactory tasks, List<? extends JobHandler<?>> handlers, List<? extends RecurringJob> recurring) {
        Set<String> names = new HashSet<>();
        List<Task<?>> oneOff = new ArrayList<>();
        for (JobHandler<?> handler : handlers) {
            requireUnique(names, handler.taskName(), handler.getClass());
            oneOff.add(tasks.oneOff(handler));
        }
        List<RecurringTask<Void>> onSchedule = new ArrayList<>();
        for (RecurringJob job : recurring) {
            requireUnique(names, job.taskName(), job.getClass());
            try {
                onSchedule.add(tasks.recurring(job));
            } catch (RuntimeException e) {
                throw new IllegalStateException("The recurring job '" + job.taskName() + "' has an invalid cron "
                        + "expression '" + job.cron() + "': " + e.getMessage(), e);
            }
        }
        return new TaskSet(List.copyOf(oneOff), List.copyOf(onSchedule));
    }

    static Scheduler build(String nodeName, DataSource dataSource, JobsSettings settings, Clock clock, TaskSet tasks) {
        int threads = settings.threads();
        return Scheduler.create(dataSource, tasks.oneOff())
                .startTasks(tasks.recurring())
                .schedulerName(new SchedulerName.Fixed(nodeName))
                .serializer(new Utf8TextSerializer())
                .pollingInterval(settings.pollInterval())
                .threads(threads)
                // A small fixed pool, whose size bounds how many jobs run (and hold connections) at
                // once. Platform threads, not virtual ones: as many either way, and the JVM keeps a
                // CPU clock only for platform threads, which the dialer's CPU accounting reads.
                .executorService(Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().name("job-", 1).factory()))
                .shutdownMaxWait(settings.shutdownMaxWait())
                // db-scheduler's default (5 min, 6 missed) leaves the jobs of a node that died, the
                // recurring ones included (the dialer's watchdog, the inbox sweeper), stuck for 30 minutes.
                .heartbeatInterval(settings.heartbeatInterval())
                .missedHeartbeatsLimit(JobsSettings.MISSED_HEARTBEATS)
                // Failures are logged by TaskFactory, once, with the attempt count and what happens next.
                .failureLogging(LogLevel.DEBUG, false)
                .clock(clock::instant)
                .build();
    }

    private static void requireUnique(Set<String> names, String taskName, Class<?> contributor) {
        if (taskName == null || taskName.isBlank()) {
            throw new IllegalStateException(contributor.getName() + " has no task name");
        }
        if (!names.add(taskName)) {
            throw new IllegalStateException("Two jobs are named '" + taskName + "' (one of them is "
                    + contributor.getName() + "); task names must be unique");
        }
    }
}
