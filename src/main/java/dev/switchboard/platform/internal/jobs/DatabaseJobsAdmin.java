package dev.switchboard.platform.internal.jobs;

import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.JobKey;
import dev.switchboard.platform.JobsAdmin;
import dev.switchboard.platform.Page;
import dev.switchboard.platform.PageRequest;
import dev.switchboard.platform.ParkedJob;
import dev.switchboard.platform.RecurringJob;
import dev.switchboard.platform.ScheduledJob;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Reads db-scheduler's table and parked_jobs for the admin view; retries and cancels jobs. */
@Component
class DatabaseJobsAdmin implements JobsAdmin {

    private static final String SCHEDULED = "picked = false and coalesce(consecutive_failures, 0) = 0";
    private static final String RUNNING = "picked = true";
    private static final String FAILED = "picked = false and consecutive_failures > 0";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final Clock clock;
    private final DueJobsSignal signal;
    private final Set<String> recurring;

    DatabaseJobsAdmin(JdbcClient jdbc, TransactionTemplate tx, JsonMapper json, Clock clock, DueJobsSignal signal,
                      ObjectProvider<RecurringJob> recurring) {
        this.recurring = recurring.stream().map(RecurringJob::taskName).collect(Collectors.toUnmodifiableSet());
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
        this.signal = signal;
    }

    @Override
    public Page<ScheduledJob> scheduled(PageRequest page) {
        return executions(SCHEDULED, page);
    }

    @Override
    public Page<ScheduledJob> running(PageRequest page) {
        return executions(RUNNING, page);
    }

    @Override
    public Page<ScheduledJob> failed(PageRequest page) {
        return executions(FAILED, page);
    }

    @Override
    public Page<ParkedJob> parked(PageRequest page) {
        long total = jdbc.sql("select count(*) from parked_jobs").query(Long.class).single();
        List<ParkedJob> items = jdbc.sql("""
                select id, task_name, task_instance, data, subject_organization_id, attempts, last_error,
                       first_failed_at, parked_at
                  from parked_jobs
                 order by parked_at desc, id
                 limit ? offset ?""")
                .params(page.size(), page.offset())
                .query((rs, n) -> new ParkedJob(rs.getObject("id", UUID.class), rs.getString("task_name"),
                        rs.getString("task_instance"), text(rs.getBytes("data")),
                        rs.getObject("subject_organization_id", UUID.class), rs.getInt("attempts"),
                        rs.getString("last_error"), instant(rs, "first_failed_at"), instant(rs, "parked_at")))
                .list();
        return new Page<>(items, page, total);
    }

    @Override
    public boolean retry(JobKey job) {
        Boolean found = tx.execute(status -> {
            Instant now = clock.instant();
            int rescheduled = jdbc.sql("""
                    update scheduled_tasks set execution_time = ?, version = version + 1
                     where task_name = ? and task_instance = ? and picked = false""")
                    .params(Timestamp.from(now), job.taskName(), job.instanceId())
                    .update();
            if (rescheduled == 1) {
                return true;
            }
            failIfRunning(job);
            List<byte[]> parkedData = jdbc.sql(
                    "delete from parked_jobs where task_name = ? and task_instance = ? returning data")
                    .params(job.taskName(), job.instanceId())
                    .query((rs, n) -> rs.getBytes("data"))
                    .list();
            if (parkedData.isEmpty()) {
                return false;
            }
            byte[] data = parkedData.getFirst();
            byte[] fresh = data == null ? null : JobData.read(json, data).fresh().bytes(json);
            jdbc.sql("""
                    insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version,
                                                 consecutive_failures)
                    values (?, ?, ?, ?, false, 1, 0)""")
                    .params(job.taskName(), job.instanceId(), fresh, Timestamp.from(now))
                    .update();
            return true;
        });
        if (Boolean.TRUE.equals(found)) {
            signal.jobIsDue();
        }
        return Boolean.TRUE.equals(found);
    }

    @Override
    public boolean cancel(JobKey job) {
        if (recurring.contains(job.taskName())) {
            throw ApiProblem.conflict("job-recurring", "The job " + job.taskName() + " runs on a schedule and cannot be "
                    + "cancelled; retry it to run it now.");
        }
        Boolean found = tx.execute(status -> {
            int removed = jdbc.sql(
                    "delete from scheduled_tasks where task_name = ? and task_instance = ? and picked = false")
                    .params(job.taskName(), job.instanceId())
                    .update();
            removed += jdbc.sql("delete from parked_jobs where task_name = ? and task_instance = ?")
                    .params(job.taskName(), job.instanceId())
                    .update();
            if (removed == 0) {
                failIfRunning(job);
            }
            return removed > 0;
        });
        return Boolean.TRUE.equals(found);
    }

    private void failIfRunning(JobKey job) {
        boolean running = jdbc.sql(
                "select exists (select 1 from scheduled_tasks where task_name = ? and task_instance = ? and picked)")
                .params(job.taskName(), job.instanceId())
                .query(Boolean.class)
                .single();
        if (running) {
            throw ApiProblem.conflict("job-running", "The job " + job.taskName() + "/" + job.instanceId()
                    + " is running right now. Wait until it finishes, then try again.");
        }
    }

    private Page<ScheduledJob> executions(String condition, PageRequest page) {
        long total = jdbc.sql("select count(*) from scheduled_tasks where " + condition).query(Long.class).single();
        List<ScheduledJob> items = jdbc.sql("""
                select task_name, task_instance, task_data, execution_time, picked, picked_by, last_heartbeat,
                       coalesce(consecutive_failures, 0) as consecutive_failures, last_success, last_failure
                  from scheduled_tasks
                 where %s
                 order by execution_time, task_name, task_instance
                 limit ? offset ?""".formatted(condition))
                .params(page.size(), page.offset())
                .query((rs, n) -> execution(rs))
                .list();
        return new Page<>(items, page, total);
    }

    private ScheduledJob execution(ResultSet rs) throws SQLException {
        byte[] raw = rs.getBytes("task_data");
        UUID organization = null;
        String lastError = null;
        try {
            JobData data = raw == null ? null : JobData.read(json, raw);
            if (data != null) {
                organization = data.organizationId();
                lastError = data.lastError();
            }
        } catch (RuntimeException notOurFormat) {
            // Shown as stored; the admin view must list every row, readable or not.
        }
        return new ScheduledJob(rs.getString("task_name"), rs.getString("task_instance"), text(raw), organization,
                instant(rs, "execution_time"), rs.getBoolean("picked"), rs.getString("picked_by"),
                instant(rs, "last_heartbeat"), rs.getInt("consecutive_failures"), instant(rs, "last_success"),
                instant(rs, "last_failure"), lastError, recurring.contains(rs.getString("task_name")));
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
