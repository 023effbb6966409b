package dev.switchboard.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import dev.switchboard.testing.SecondNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Two server nodes on one database share the job queue: every one-off job runs on one node
 * only, both nodes take work, and each run of a recurring job happens once across the nodes.
 */
@SwitchboardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Import(JobsAcrossNodesTest.CountingJobs.class)
class JobsAcrossNodesTest {

    /** Runs of the test's jobs: the nodes that ran each one-off job, and "node due-time" for each recurring run. */
    static final Map<String, Queue<String>> ONE_OFF_RUNS = new ConcurrentHashMap<>();
    static final Queue<String> RECURRING_RUNS = new ConcurrentLinkedQueue<>();

    @Autowired Jobs jobs;
    @Autowired TestDatabase database;
    @Autowired Environment environment;
    ConfigurableApplicationContext secondNode;

    @BeforeAll
    void aSecondNodeOnTheSameDatabase() {
        secondNode = SecondNode.start(database, environment, List.of(CountingJobs.class), "--switchboard.test.node=second");
    }

    @AfterAll
    void stopTheSecondNode() {
        if (secondNode != null) {
            secondNode.close();
        }
    }

    @Test
    void everyJobRunsOnceAndBothNodesTakeWork() {
        Jobs second = secondNode.getBean(Jobs.class);
        List<String> ids = IntStream.range(0, 300).mapToObj(i -> "once-" + i).toList();
        for (int i = 0; i < ids.size(); i++) {
            // Half the jobs are scheduled through each node; either may run any of them.
            (i % 2 == 0 ? jobs : second).schedule(JobRequest.of(CountingJob.TASK, ids.get(i), new CountingJob.Payload(ids.get(i))));
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> ids.stream().allMatch(ONE_OFF_RUNS::containsKey));
        // Give a duplicate run, if there were one, the time to happen.
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);

        List<String> twice = ids.stream().filter(id -> ONE_OFF_RUNS.get(id).size() != 1).toList();
        assertThat(twice).as("jobs that ran more than once").isEmpty();
        Map<String, Long> perNode = ONE_OFF_RUNS.values().stream().map(Queue::peek)
                .collect(Collectors.groupingBy(n -> n, Collectors.counting()));
        assertThat(perNode).as("runs per node").containsOnlyKeys("first", "second");
    }

    @Test
    void eachRunOfARecurringJobHappensOnOneNode() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> RECURRING_RUNS.stream().map(r -> r.substring(r.indexOf(' ') + 1)).distinct().count() >= 6);

        List<String> runs = new ArrayList<>(RECURRING_RUNS);
        Map<String, Long> perDueTime = runs.stream().map(r -> r.substring(r.indexOf(' ') + 1))
                .collect(Collectors.groupingBy(t -> t, Collectors.counting()));
        assertThat(perDueTime.values()).as("runs per due time: " + runs).allMatch(n -> n == 1);
    }

    /** The counting jobs of one node, named after it. */
    @TestConfiguration(proxyBeanMethods = false)
    static class CountingJobs {

        @Bean
        CountingJob nodeCountingJob(Environment environment) {
            return new CountingJob(node(environment));
        }

        @Bean
        RecurringJob nodeEverySecond(Environment environment) {
            String node = node(environment);
            return new RecurringJob() {
                @Override
                public String taskName() {
                    return "test-every-second";
                }

                @Override
                public String cron() {
                    return "* * * * * *";
                }

                @Override
                public void run(JobContext context) {
                    RECURRING_RUNS.add(node + " " + context.scheduledFor());
                }
            };
        }

        private static String node(Environment environment) {
            return environment.getProperty("switchboard.test.node", "first");
        }
    }

    record CountingJob(String node) implements JobHandler<CountingJob.Payload> {

        static final String TASK = "test-count-once";

        record Payload(String id) {
        }

        @Override
        public String taskName() {
            return TASK;
        }

        @Override
        public Class<Payload> payloadType() {
            return Payload.class;
        }

        @Override
        public void run(Payload payload, JobContext context) throws InterruptedException {
            // Long enough that both nodes' workers are busy at once.
            Thread.sleep(20);
            ONE_OFF_RUNS.computeIfAbsent(payload.id(), id -> new ConcurrentLinkedQueue<>()).add(node);
        }
    }
}
