package dev.switchboard.platform.internal.jobs;

import static dev.switchboard.platform.internal.jobs.TestJobHandlers.COUNT;
import static dev.switchboard.platform.internal.jobs.TestJobHandlers.FAIL;
import static dev.switchboard.platform.internal.jobs.TestJobHandlers.FAIL_SLOWLY;
import static dev.switchboard.platform.internal.jobs.TestJobHandlers.RECORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.Scheduler;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.JobHandler;
import dev.switchboard.platform.JobKey;
import dev.switchboard.platform.JobRequest;
import dev.switchboard.platform.Jobs;
import dev.switchboard.platform.JobsAdmin;
import dev.switchboard.platform.PageRequest;
import dev.switchboard.platform.ParkedJob;
import dev.switchboard.platform.ScheduledJob;
import dev.switchboard.platform.internal.jobs.TestJobHandlers.Note;
import dev.switchboard.platform.internal.jobs.TestJobHandlers.Recorder;
import dev.switchboard.platform.internal.jobs.TestJobHandlers.Run;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

@SwitchboardTest
@ExtendWith(OutputCaptureExtension.class)
class JobsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired Jobs jobs;
    @Autowired JobsAdmin admin;
    @Autowired Recorder recorder;
    @Autowired TestDatabase database;
    @Autowired DataSource dataSource;
    @Autowired JobsSettings settings;
    @Autowired Clock clock;
    @Autowired TaskFactory tasks;
    @Autowired List<JobHandler<?>> handlers;

    private SingleConnectionDataSource ownerConnection;
    private JdbcClient owner;

    @BeforeEach
    void connectAsOwner() {
        ownerConnection = database.singleOwnerConnection();
        owner = JdbcClient.create(ownerConnection);
    }

    @AfterEach
    void disconnect() {
        ownerConnection.destroy();
    }

    @Test
    void runsAOneOffJobWithItsPayload() {
        String id = UUID.randomUUID().toString();

        assertThat(jobs.schedule(JobRequest.of(RECORD, id, new Note("hello")))).isTrue();

        await().atMost(WAIT).until(() -> !recorder.of(id).isEmpty());
        Run run = recorder.of(id).getFirst();
        assertThat(run.text()).isEqualTo("hello");
        assertThat(run.scope()).isNull();
        assertThat(run.attempt()).isEqualTo(1);
        await().atMost(WAIT).until(() -> execution(RECORD, id).isEmpty());
    }

    @Test
    void schedulingTheSameInstanceAgainChangesNothing() {
        String id = UUID.randomUUID().toString();
        Instant later = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);

        assertThat(jobs.schedule(JobRequest.of(RECORD, id, new Note("first")).at(later))).isTrue();
        assertThat(jobs.schedule(JobRequest.of(RECORD, id, new Note("second")))).isFalse();

        Map<String, Object> row = execution(RECORD, id).orElseThrow();
        assertThat(new String((byte[]) row.get("task_data"))).contains("\"text\":\"first\"");
        assertThat(((Timestamp) row.get("execution_time")).toInstant()).isEqualTo(later);
        assertThat(jobs.cancel(RECORD, id)).isTrue();
    }

    @Test
    void schedulingSeveralAtOnceStoresTheNewOnesAndLeavesExistingOnes() {
        String existing = UUID.randomUUID().toString();
        String fresh = UUID.randomUUID().toString();
        Instant later = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        jobs.schedule(JobRequest.of(RECORD, existing, new Note("first")).at(later));

        int scheduled = jobs.scheduleAll(List.of(JobRequest.of(RECORD, existing, new Note("second")).at(later),
                JobRequest.of(RECORD, fresh, new Note("batched")).at(later)));

        assertThat(scheduled).isEqualTo(1);
        assertThat(new String((byte[]) execution(RECORD, existing).orElseThrow().get("task_data"))).contains("\"text\":\"first\"");
        assertThat(new String((byte[]) execution(RECORD, fresh).orElseThrow().get("task_data"))).contains("\"text\":\"batched\"");
        assertThatThrownBy(() -> jobs.scheduleAll(List.of(JobRequest.of("no-such-task", "1", null))))
                .isInstanceOf(IllegalArgumentException.class);
        jobs.cancel(RECORD, existing);
        jobs.cancel(RECORD, fresh);
    }

    @Test
    void storesPayloadsAsReadableJson() {
        String id = UUID.randomUUID().toString();
        UUID organization = newOrganization();

        jobs.schedule(JobRequest.of(RECORD, id, new Note("readable")).at(clock.instant().plus(Duration.ofHours(1)))
                .forOrganization(organization));

        ScheduledJob listed = findScheduled(new JobKey(RECORD, id)).orElseThrow();
        assertThat(listed.data()).isEqualTo("{\"organizationId\":\"" + organization + "\",\"payload\":{\"text\":\"readable\"}}");
        assertThat(listed.organizationId()).isEqualTo(organization);
        jobs.cancel(RECORD, id);
    }

    @Test
    void rejectsJobsOfUnknownTasks() {
        assertThatThrownBy(() -> jobs.schedule(JobRequest.of("no-such-task", "1", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No job handler is registered for task 'no-such-task'");
    }

    @Test
    void cancelRemovesAPendingJob() {
        String id = UUID.randomUUID().toString();
        jobs.schedule(JobRequest.of(RECORD, id, new Note("never")).at(clock.instant().plus(Duration.ofMinutes(30))));

        assertThat(jobs.cancel(RECORD, id)).isTrue();

        assertThat(execution(RECORD, id)).isEmpty();
        assertThat(jobs.cancel(RECORD, id)).isFalse();
        assertThat(admin.cancel(new JobKey(RECORD, id))).isFalse();
    }

    @Test
    void organizationJobRunsInsideItsTenantScope() {
        UUID organization = newOrganization();
        newOrganization(); // another one, which the job must not see
        String id = UUID.randomUUID().toString();

        jobs.schedule(JobRequest.of(RECORD, id, new Note("scoped")).forOrganization(organization));

        await().atMost(WAIT).until(() -> !recorder.of(id).isEmpty());
        Run run = recorder.of(id).getFirst();
        assertThat(run.scope()).isEqualTo(organization);
        assertThat(run.visibleOrganizations()).containsExactly(organization);
    }

    @Test
    void failingJobIsRetriedWithGrowingDelaysThenParked(CapturedOutput output) {
        String id = UUID.randomUUID().toString();
        UUID organization = newOrganization();

        jobs.schedule(JobRequest.of(FAIL, id, new Note("doomed")).forOrganization(organization));

        ParkedJob parked = await().atMost(WAIT).until(() -> findParked(new JobKey(FAIL, id)), Optional::isPresent).orElseThrow();
        List<Run> runs = recorder.of(id);
        assertThat(runs).extracting(Run::attempt).containsExactly(1, 2, 3);
        assertThat(runs).allSatisfy(r -> assertThat(r.scope()).isEqualTo(organization));
        long firstDelay = Duration.between(runs.get(0).at(), runs.get(1).at()).toMillis();
        long secondDelay = Duration.between(runs.get(1).at(), runs.get(2).at()).toMillis();
        assertThat(firstDelay).isGreaterThanOrEqualTo(540); // 600ms - 10% jitter
        assertThat(secondDelay).isGreaterThanOrEqualTo(1080).isGreaterThan(firstDelay); // twice that
        assertThat(parked.attempts()).isEqualTo(3);
        assertThat(parked.lastError()).isEqualTo("IllegalStateException: boom on attempt 3");
        assertThat(parked.organizationId()).isEqualTo(organization);
        assertThat(parked.data()).contains("\"text\":\"doomed\"");
        assertThat(parked.firstFailedAt()).isBefore(parked.parkedAt());
        assertThat(execution(FAIL, id)).isEmpty();
        assertThat(output.getAll()).contains("Job " + FAIL + "/" + id + " failed all 3 attempts and was parked");
    }

    @Test
    void retryingAParkedJobRunsItAgainWithFreshAttempts() {
        String id = UUID.randomUUID().toString();
        jobs.schedule(JobRequest.of(FAIL, id, new Note("second chance")));
        await().atMost(WAIT).until(() -> findParked(new JobKey(FAIL, id)).isPresent());
        recorder.succeedFrom.add(id);

        assertThat(admin.retry(new JobKey(FAIL, id))).isTrue();

        await().atMost(WAIT).until(() -> recorder.of(id).size() == 4);
        Run rerun = recorder.of(id).get(3);
        assertThat(rerun.attempt()).isEqualTo(1);
        assertThat(rerun.text()).isEqualTo("second chance");
        assertThat(findParked(new JobKey(FAIL, id))).isEmpty();
        await().atMost(WAIT).until(() -> execution(FAIL, id).isEmpty());
    }

    @Test
    void adminListsFailedJobsWithTheirErrorAndCancelsThem() {
        String id = UUID.randomUUID().toString();
        jobs.schedule(JobRequest.of(FAIL_SLOWLY, id, new Note("slow")));

        ScheduledJob failed = await().atMost(WAIT)
                .until(() -> findFailed(new JobKey(FAIL_SLOWLY, id)), Optional::isPresent).orElseThrow();
        assertThat(failed.consecutiveFailures()).isEqualTo(1);
        assertThat(failed.lastError()).isEqualTo("IllegalStateException: boom on attempt 1");
        assertThat(failed.executionTime()).isAfter(clock.instant().plus(Duration.ofMinutes(50)));

        assertThat(admin.cancel(failed.key())).isTrue();

        assertThat(execution(FAIL_SLOWLY, id)).isEmpty();
    }

    @Test
    void adminCancelsAParkedJob() {
        String id = UUID.randomUUID().toString();
        jobs.schedule(JobRequest.of(FAIL, id, new Note("give up")));
        await().atMost(WAIT).until(() -> findParked(new JobKey(FAIL, id)).isPresent());

        // Parked is written while its last run is still finishing; until then a cancel answers 409 "running".
        await().atMost(WAIT).ignoreException(ApiProblem.class).until(() -> admin.cancel(new JobKey(FAIL, id)));

        assertThat(findParked(new JobKey(FAIL, id))).isEmpty();
        assertThat(admin.retry(new JobKey(FAIL, id))).isFalse();
    }

    @Test
    void adminRetryRunsAPendingJobNow() {
        String id = UUID.randomUUID().toString();
        jobs.schedule(JobRequest.of(RECORD, id, new Note("tomorrow")).at(clock.instant().plus(Duration.ofDays(1))));

        assertThat(admin.retry(new JobKey(RECORD, id))).isTrue();

        await().atMost(WAIT).until(() -> !recorder.of(id).isEmpty());
    }

    @Test
    void cleanupIsRegisteredDailyAtThreeUtcAndDeletesExpiredRows() {
        Instant next = ((Timestamp) execution(CleanupExpiredJob.TASK, "recurring").orElseThrow()
                .get("execution_time")).toInstant();
        ZonedDateTime at = next.atZone(ZoneOffset.UTC);
        assertThat(at.getHour()).isEqualTo(3);
        assertThat(at.getMinute()).isZero();
        assertThat(next).isBetween(clock.instant(), clock.instant().plus(Duration.ofDays(1)));

        UUID user = UUID.randomUUID();
        UUID organization = newOrganization();
        owner.sql("insert into users (id, email, password_hash) values (?, ?, 'x')").params(user, user + "@example.com").update();
        UUID staleSession = session(owner, user, Duration.ofDays(2));
        UUID recentSession = session(owner, user, Duration.ofHours(12));
        UUID staleRefresh = UUID.randomUUID();
        owner.sql("insert into refresh_tokens (id, family_id, token_hash, user_id, active_organization_id, expires_at) "
                + "values (?, ?, decode(md5(random()::text), 'hex'), ?, ?, now() - interval '8 days')")
                .params(staleRefresh, UUID.randomUUID(), user, organization).update();
        UUID staleReset = UUID.randomUUID();
        UUID recentReset = UUID.randomUUID();
        owner.sql("insert into password_reset_tokens (id, user_id, token_hash, expires_at) values "
                + "(?, ?, decode(md5(random()::text), 'hex'), now() - interval '8 days'), "
                + "(?, ?, decode(md5(random()::text), 'hex'), now() - interval '6 days')")
                .params(staleReset, user, recentReset, user).update();
        UUID staleChange = UUID.randomUUID();
        owner.sql("insert into email_change_tokens (id, user_id, new_email, token_hash, expires_at) "
                + "values (?, ?, 'new@example.com', decode(md5(random()::text), 'hex'), now() - interval '8 days')")
                .params(staleChange, user).update();
        String bucket = "test-" + UUID.randomUUID();
        owner.sql("insert into rate_limit_windows (bucket, window_start, hits) values "
                + "(?, now() - interval '2 days', 1), (?, now(), 1)").params(bucket, bucket).update();

        assertThat(admin.retry(new JobKey(CleanupExpiredJob.TASK, "recurring"))).isTrue();

        await().atMost(WAIT).until(() -> count(owner, "sessions", staleSession) == 0);
        await().atMost(WAIT).until(() -> execution(CleanupExpiredJob.TASK, "recurring")
                .map(r -> ((Timestamp) r.get("execution_time")).toInstant().isAfter(clock.instant()))
                .orElse(false));
        assertThat(count(owner, "sessions", recentSession)).isOne();
        assertThat(count(owner, "refresh_tokens", staleRefresh)).isZero();
        assertThat(count(owner, "password_reset_tokens", staleReset)).isZero();
        assertThat(count(owner, "password_reset_tokens", recentReset)).isOne();
        assertThat(count(owner, "email_change_tokens", staleChange)).isZero();
        assertThat(owner.sql("select count(*) from rate_limit_windows where bucket = ?").param(bucket)
                .query(Long.class).single()).isOne();
        Instant rescheduled = ((Timestamp) execution(CleanupExpiredJob.TASK, "recurring").orElseThrow()
                .get("execution_time")).toInstant();
        assertThat(rescheduled.atZone(ZoneOffset.UTC).getHour()).isEqualTo(3);
    }

    @Test
    void twoMoreNodesOnTheSameDatabaseRunEachJobExactlyOnce() {
        JobSchedulers.TaskSet taskSet = JobSchedulers.tasks(tasks, handlers, List.of());
        List<Scheduler> nodes = new ArrayList<>();
        for (String name : List.of("test-node-a", "test-node-b")) {
            nodes.add(JobSchedulers.build(name, dataSource, settings, clock, taskSet));
        }
        nodes.forEach(Scheduler::start);
        try {
            String batch = UUID.randomUUID().toString();
            List<String> ids = IntStream.range(0, 40).mapToObj(i -> batch + "-" + i).toList();

            ids.forEach(id -> jobs.schedule(JobRequest.of(COUNT, id, null)));

            await().atMost(WAIT).until(() -> ids.stream().allMatch(id -> !recorder.of(id).isEmpty()));
            await().pollDelay(Duration.ofSeconds(1)).atMost(WAIT)
                    .until(() -> ids.stream().allMatch(id -> execution(COUNT, id).isEmpty()));
            assertThat(ids).allSatisfy(id -> assertThat(recorder.of(id)).hasSize(1));
        } finally {
            nodes.forEach(Scheduler::stop);
        }
    }

    private UUID session(JdbcClient owner, UUID user, Duration expiredFor) {
        UUID id = UUID.randomUUID();
        owner.sql("insert into sessions (id, token_hash, user_id, expires_at) "
                + "values (?, decode(md5(random()::text), 'hex'), ?, ?)")
                .params(id, user, Timestamp.from(clock.instant().minus(expiredFor))).update();
        return id;
    }

    private static long count(JdbcClient owner, String table, UUID id) {
        return owner.sql("select count(*) from " + table + " where id = ?").param(id).query(Long.class).single();
    }

    private UUID newOrganization() {
        UUID id = UUID.randomUUID();
        owner.sql("insert into organizations (id, name) values (?, 'Jobs test')").param(id).update();
        return id;
    }

    private Optional<Map<String, Object>> execution(String task, String instance) {
        return owner.sql("select * from scheduled_tasks where task_name = ? and task_instance = ?")
                .params(task, instance).query().listOfRows().stream().findFirst();
    }

    private Optional<ParkedJob> findParked(JobKey key) {
        return admin.parked(new PageRequest(0, 200)).items().stream().filter(p -> p.key().equals(key)).findFirst();
    }

    private Optional<ScheduledJob> findFailed(JobKey key) {
        return admin.failed(new PageRequest(0, 200)).items().stream().filter(p -> p.key().equals(key)).findFirst();
    }

    private Optional<ScheduledJob> findScheduled(JobKey key) {
        return admin.scheduled(new PageRequest(0, 200)).items().stream().filter(p -> p.key().equals(key)).findFirst();
    }
}
