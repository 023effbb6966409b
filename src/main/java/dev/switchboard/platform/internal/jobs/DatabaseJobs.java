package dev.switchboard.platform.internal.jobs;

import dev.switchboard.platform.JobHandler;
import dev.switchboard.platform.JobRequest;
import dev.switchboard.platform.Jobs;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Schedules jobs by writing db-scheduler's table directly with the application's JdbcClient, so
 * that a job scheduled inside a transaction commits or rolls back with it (the scheduler client
 * would use a connection of its own). The row is exactly what db-scheduler itself inserts.
 */
@Component
class DatabaseJobs implements Jobs {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final DueJobsSignal signal;
    private final ObjectProvider<JobHandler<?>> handlers;
    private volatile Set<String> taskNames;

    DatabaseJobs(JdbcClient jdbc, JsonMapper json, Clock clock, DueJobsSignal signal,
            ObjectProvider<JobHandler<?>> handlers) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.signal = signal;
        this.handlers = handlers;
    }

    @Override
    public boolean schedule(JobRequest request) {
        requireHandler(request);
        Instant now = clock.instant();
        Instant runAt = request.runAt() == null ? now : request.runAt();
        JobData data = JobData.of(request.organizationId(),
                request.payload() == null ? null : json.valueToTree(request.payload()));
        int inserted = jdbc.sql("""
                insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version,
                                             consecutive_failures)
                values (?, ?, ?, ?, false, 1, 0)
                on conflict (task_name, task_instance) do nothing""")
                .params(request.taskName(), request.instanceId(), data.bytes(json), Timestamp.from(runAt))
                .update();
        if (inserted == 1) {
            signal.jobIsDueAt(runAt, now);
        }
        return inserted == 1;
    }

    /** One multi-row insert for all of them; the scheduler is woken once. */
    @Override
    public int scheduleAll(List<JobRequest> requests) {
        if (requests.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        StringBuilder sql = new StringBuilder("""
                insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version,
                                             consecutive_failures) values """);
        List<Object> params = new ArrayList<>(requests.size() * 4);
        boolean due = false;
        for (JobRequest request : requests) {
            requireHandler(request);
            Instant runAt = request.runAt() == null ? now : request.runAt();
            due |= !runAt.isAfter(now);
            sql.append(params.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, false, 1, 0)");
            params.addAll(List.of(request.taskName(), request.instanceId(), JobData.of(request.organizationId(),
                    request.payload() == null ? null : json.valueToTree(request.payload())).bytes(json), Timestamp.from(runAt)));
        }
        sql.append(" on conflict (task_name, task_instance) do nothing");
        int inserted = jdbc.sql(sql.toString()).params(params).update();
        if (inserted > 0 && due) {
            signal.jobIsDue();
        }
        return inserted;
    }

    @Override
    public boolean cancel(String taskName, String instanceId) {
        return jdbc.sql("delete from scheduled_tasks where task_name = ? and task_instance = ? and picked = false")
                .params(taskName, instanceId)
                .update() == 1;
    }

    private void requireHandler(JobRequest request) {
        if (!taskNames().contains(request.taskName())) {
            throw new IllegalArgumentException("No job handler is registered for task '" + request.taskName()
                    + "'; contribute a JobHandler bean with that task name");
        }
    }

    private Set<String> taskNames() {
        Set<String> names = taskNames;
        if (names == null) {
            names = handlers.orderedStream().map(JobHandler::taskName).collect(Collectors.toUnmodifiableSet());
            taskNames = names;
        }
        return names;
    }
}
