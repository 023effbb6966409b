package dev.switchboard.platform.internal.jobs;

import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Keeps jobs that used up their attempts until an administrator retries or cancels them. */
@Component
class ParkedJobRepository {

    private final JdbcClient jdbc;

    ParkedJobRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Parks one job. Parking the same task and instance again (a node died between parking and
     * removing the execution, or the job was re-scheduled and failed again) updates the row.
     */
    void park(String taskName, String instanceId, byte[] data, UUID organizationId, int attempts, String lastError,
            Instant firstFailedAt, Instant parkedAt) {
        jdbc.sql("""
                insert into parked_jobs (id, task_name, task_instance, data, subject_organization_id, attempts,
                                         last_error, first_failed_at, parked_at)
                values (:id, :task, :instance, :data, :org, :attempts, :error, :firstFailedAt, :parkedAt)
                on conflict (task_name, task_instance) do update
                   set data = excluded.data, subject_organization_id = excluded.subject_organization_id,
                       attempts = excluded.attempts, last_error = excluded.last_error,
                       first_failed_at = excluded.first_failed_at, parked_at = excluded.parked_at""")
                .param("id", UUID.randomUUID())
                .param("task", taskName)
                .param("instance", instanceId)
                .param("data", data)
                .param("org", organizationId)
                .param("attempts", attempts)
                .param("error", lastError)
                .param("firstFailedAt", java.sql.Timestamp.from(firstFailedAt))
                .param("parkedAt", java.sql.Timestamp.from(parkedAt))
                .update();
    }
}
