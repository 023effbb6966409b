package dev.switchboard.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * A node killed while it runs a job leaves the job marked as running by it; once the node has
 * missed its heartbeats, another node runs the job again (a recurring one keeps its schedule),
 * instead of leaving it stuck (db-scheduler's default would wait 30 minutes).
 */
@SwitchboardTest
@TestPropertySource(properties = "switchboard.jobs.heartbeat-interval=500ms")
@Import(JobsOfADeadNodeTest.EverySecond.class)
class JobsOfADeadNodeTest {

    static final String TASK = "test-every-second-of-a-dead-node";
    static final Queue<Instant> RUNS = new ConcurrentLinkedQueue<>();

    @Autowired TestDatabase database;

    @Test
    void aRecurringJobLeftRunningByANodeThatDiedRunsAgain() {
        await().atMost(Duration.ofSeconds(30)).until(() -> !RUNS.isEmpty());

        // As a node killed in the middle of a run leaves it: picked by a node that no longer beats
        // (the version moves on, so a run finishing here cannot write over it).
        int marked = database.owner().sql("""
                        update scheduled_tasks set picked = true, picked_by = 'node-killed-mid-run', last_heartbeat = now(),
                               execution_time = now(), version = version + 1
                        where task_name = ?""")
                .param(TASK).update();
        assertThat(marked).isOne();
        Instant died = Instant.now();

        // Four missed heartbeats of 500 ms, and the next check for abandoned jobs.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> RUNS.stream().anyMatch(run -> run.isAfter(died.plusSeconds(1))));
    }

    /** A recurring job that notes every run. */
    @TestConfiguration(proxyBeanMethods = false)
    static class EverySecond {

        @Bean
        RecurringJob everySecondOfADeadNode() {
            return new RecurringJob() {
                @Override
                public String taskName() {
                    return TASK;
                }

                @Override
                public String cron() {
                    return "* * * * * *";
                }

                @Override
                public void run(JobContext context) {
                    RUNS.add(Instant.now());
                }
            };
        }
    }
}
