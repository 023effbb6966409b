package dev.switchboard.platform.internal.jobs;

import dev.switchboard.platform.JobHandler;
import dev.switchboard.platform.RecurringJob;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The PostgreSQL-backed job scheduler: one per node, all nodes sharing {@code scheduled_tasks};
 * db-scheduler's optimistic locking makes each execution run on one node only.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JobsSettings.class)
class JobsConfiguration {

    @Bean
    TaskFactory jobTaskFactory(JsonMapper json, JobsSettings settings, ParkedJobRepository parked) {
        return new TaskFactory(json, settings.defaultRetryPolicy(), parked, () -> ThreadLocalRandom.current().nextDouble());
    }

    @Bean
    SchedulerLifecycle jobScheduler(DataSource dataSource, JobsSettings settings, Clock clock, TaskFactory tasks,
            ObjectProvider<JobHandler<?>> handlers, ObjectProvider<RecurringJob> recurring) {
        // Built here, so that invalid tasks (duplicate names, bad cron) fail start-up.
        JobSchedulers.TaskSet taskSet = JobSchedulers.tasks(tasks, handlers.orderedStream().toList(),
                recurring.orderedStream().toList());
        return new SchedulerLifecycle(() -> JobSchedulers.build(nodeName(), dataSource, settings, clock, taskSet));
    }

    /** The host name plus a random suffix, so that two nodes on one host are told apart. */
    private static String nodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "node";
        }
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return (host.length() > 40 ? host.substring(0, 40) : host) + "-" + suffix;
    }
}
