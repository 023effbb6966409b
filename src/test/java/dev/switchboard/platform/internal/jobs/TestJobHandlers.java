package dev.switchboard.platform.internal.jobs;

import dev.switchboard.platform.JobContext;
import dev.switchboard.platform.JobHandler;
import dev.switchboard.platform.RetryPolicy;
import dev.switchboard.platform.TenantScope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Job handlers that exist only in tests, contributed like any module's handlers (component scan
 * finds this configuration in every test context), and a recorder of what they saw.
 */
@Configuration(proxyBeanMethods = false)
class TestJobHandlers {

    static final String RECORD = "test-record";
    static final String FAIL = "test-fail";
    static final String FAIL_SLOWLY = "test-fail-slowly";
    static final String COUNT = "test-count";

    /** What a test job's payload looks like. */
    record Note(String text) {
    }

    /** One attempt of a test job. */
    record Run(String instanceId, String text, UUID scope, List<UUID> visibleOrganizations, int attempt,
            int maxAttempts, Instant at) {
    }

    /** Every attempt of every test job, by instance id. */
    static final class Recorder {
        final Map<String, List<Run>> runs = new ConcurrentHashMap<>();
        final Set<String> succeedFrom = ConcurrentHashMap.newKeySet();

        void add(Run run) {
            runs.computeIfAbsent(run.instanceId(), k -> new CopyOnWriteArrayList<>()).add(run);
        }

        List<Run> of(String instanceId) {
            return runs.getOrDefault(instanceId, List.of());
        }
    }

    @Bean
    Recorder testJobRecorder() {
        return new Recorder();
    }

    @Bean
    JobHandler<Note> recordingJob(Recorder recorder, JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
        return new Handler(RECORD, recorder, clock) {
            @Override
            public void run(Note note, JobContext context) {
                List<UUID> visible = tx.execute(s -> jdbc.sql("select id from organizations").query(UUID.class).list());
                recorder.add(new Run(context.instanceId(), note == null ? null : note.text(),
                        TenantScope.currentOrganization().orElse(null), visible, context.attempt(),
                        context.maxAttempts(), clock.instant()));
            }
        };
    }

    @Bean
    JobHandler<Note> failingJob(Recorder recorder, Clock clock) {
        return new Handler(FAIL, recorder, clock) {
            @Override
            public RetryPolicy retryPolicy(RetryPolicy defaults) {
                return new RetryPolicy(3, Duration.ofMillis(600), 2, Duration.ofMinutes(1), 0.1);
            }
        };
    }

    @Bean
    JobHandler<Note> slowlyFailingJob(Recorder recorder, Clock clock) {
        return new Handler(FAIL_SLOWLY, recorder, clock) {
            @Override
            public RetryPolicy retryPolicy(RetryPolicy defaults) {
                return new RetryPolicy(3, Duration.ofHours(1), 2, Duration.ofHours(2), 0.1);
            }
        };
    }

    @Bean
    JobHandler<Note> countingJob(Recorder recorder, Clock clock) {
        return new Handler(COUNT, recorder, clock) {
            @Override
            public void run(Note note, JobContext context) throws InterruptedException {
                recorder.add(new Run(context.instanceId(), null, null, List.of(), context.attempt(),
                        context.maxAttempts(), clock.instant()));
                Thread.sleep(20); // holds the execution a moment, so that a second node would have a chance to steal it
            }
        };
    }

    /** Records each attempt, then fails unless the test allowed this instance to succeed. */
    private static class Handler implements JobHandler<Note> {
        private final String name;
        private final Recorder recorder;
        private final Clock clock;

        Handler(String name, Recorder recorder, Clock clock) {
            this.name = name;
            this.recorder = recorder;
            this.clock = clock;
        }

        @Override
        public String taskName() {
            return name;
        }

        @Override
        public Class<Note> payloadType() {
            return Note.class;
        }

        @Override
        public void run(Note note, JobContext context) throws Exception {
            recorder.add(new Run(context.instanceId(), note == null ? null : note.text(),
                    TenantScope.currentOrganization().orElse(null), List.of(), context.attempt(),
                    context.maxAttempts(), clock.instant()));
            if (!recorder.succeedFrom.contains(context.instanceId())) {
                throw new IllegalStateException("boom on attempt " + context.attempt());
            }
        }
    }
}
