package dev.switchboard.platform.internal.jobs;

import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.switchboard.platform.JobContext;
import dev.switchboard.platform.JobHandler;
import dev.switchboard.platform.RecurringJob;
import dev.switchboard.platform.RequestIds;
import dev.switchboard.platform.RetryPolicy;
import dev.switchboard.platform.TenantScope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the handlers that modules contribute into db-scheduler tasks: each attempt runs with the
 * job's organization in {@link TenantScope} and its name in the log context; failures are retried
 * with exponential backoff and jitter, and parked after the last attempt.
 */
final class TaskFactory {

    private static final Logger log = LoggerFactory.getLogger(TaskFactory.class);

    private final JsonMapper json;
    private final RetryPolicy defaults;
    private final ParkedJobRepository parked;
    private final DoubleSupplier random;

    TaskFactory(JsonMapper json, RetryPolicy defaults, ParkedJobRepository parked, DoubleSupplier random) {
        this.json = json;
        this.defaults = defaults;
        this.parked = parked;
        this.random = random;
    }

    OneTimeTask<String> oneOff(JobHandler<?> handler) {
        RetryPolicy policy = handler.retryPolicy(defaults);
        return Tasks.oneTime(handler.taskName(), String.class)
                .onFailure(new BackoffThenPark(handler.taskName(), policy))
                .execute((instance, context) -> runOneOff(handler, policy, instance, context));
    }

    RecurringTask<Void> recurring(RecurringJob job) {
        return Tasks.recurring(job.taskName(), Schedules.cron(job.cron(), job.zone()))
                .execute((instance, execution) -> {
                    JobContext context = new JobContext(job.taskName(), instance.getId(), null, 1, 1,
                            execution.getExecution().executionTime);
                    try {
                        inScope(context, () -> job.run(context));
                    } catch (RuntimeException e) {
                        log.warn("Recurring job {} failed and runs again at its next scheduled time: {}",
                                job.taskName(), JobFailedException.describe(e), e);
                        throw e;
                    }
                });
    }

    private <P> void runOneOff(JobHandler<P> handler, RetryPolicy policy, TaskInstance<String> instance,
            ExecutionContext execution) {
        Execution current = execution.getExecution();
        JobData data = JobData.read(json, instance.getData());
        JobContext context = new JobContext(handler.taskName(), instance.getId(), data.organizationId(),
                current.consecutiveFailures + 1, policy.maxAttempts(), current.executionTime);
        JsonNode stored = data.payload();
        P payload = stored == null || stored.isNull() ? null : json.treeToValue(stored, handler.payloadType());
        inScope(context, () -> handler.run(payload, context));
    }

    /** Work that may throw anything; what it throws fails the attempt. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    private static void inScope(JobContext context, Work work) {
        String previousRequestId = MDC.get(RequestIds.MDC_KEY);
        MDC.put(RequestIds.MDC_KEY, "job:" + context.taskName() + ":" + context.instanceId());
        // Job threads are pooled: a scope left behind by a faulty handler must not leak into the next job.
        TenantScope.clear();
        try {
            if (context.organizationId() == null) {
                call(work);
            } else {
                TenantScope.runAs(context.organizationId(), () -> call(work));
            }
        } finally {
            TenantScope.clear();
            if (previousRequestId == null) {
                MDC.remove(RequestIds.MDC_KEY);
            } else {
                MDC.put(RequestIds.MDC_KEY, previousRequestId);
            }
        }
    }

    private static void call(Work work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new JobFailedException(e);
        }
    }

    /** Retries with growing, jittered delays; after the last attempt moves the job to parked_jobs. */
    private final class BackoffThenPark implements FailureHandler<String> {

        private final String taskName;
        private final RetryPolicy policy;

        BackoffThenPark(String taskName, RetryPolicy policy) {
            this.taskName = taskName;
            this.policy = policy;
        }

        @Override
        public void onFailure(ExecutionComplete complete, ExecutionOperations<String> operations) {
            Execution execution = complete.getExecution();
            String instanceId = execution.taskInstance.getId();
            int attempt = execution.consecutiveFailures + 1;
            Instant failedAt = complete.getTimeDone();
            String error = JobFailedException.describe(complete.getCause().orElse(null));
            Object raw = execution.taskInstance.getData();
            JobData data;
            try {
                data = JobData.read(json, (String) raw).failed(error, failedAt);
            } catch (RuntimeException unreadable) {
                data = null;
            }
            if (attempt >= policy.maxAttempts()) {
                byte[] stored = data != null ? data.bytes(json)
                        : raw == null ? null : raw.toString().getBytes(StandardCharsets.UTF_8);
                UUID organization = data == null ? null : data.organizationId();
                Instant firstFailedAt = data == null ? failedAt : data.firstFailedAt();
                // Park first: should this node die before the removal, the job is parked twice
                // (an update of the same row), never lost.
                parked.park(taskName, instanceId, stored, organization, attempt, error, firstFailedAt, failedAt);
                operations.remove();
                log.warn("Job {}/{} failed all {} attempts and was parked; retry or cancel it in the jobs admin. "
                        + "Last error: {}", taskName, instanceId, attempt, error);
                return;
            }
            Instant next = failedAt.plus(policy.delayAfter(attempt, random.getAsDouble()));
            if (data == null) {
                operations.reschedule(complete, next);
            } else {
                operations.reschedule(complete, next, data.write(json));
            }
            log.info("Job {}/{} failed attempt {} of {}; next attempt at {}. Error: {}", taskName, instanceId,
                    attempt, policy.maxAttempts(), next, error);
        }
    }
}
