package dev.switchboard.platform;

import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Work that runs on a cron schedule, contributed by any module as a Spring bean. Each run happens
 * on exactly one node. Recurring jobs belong to no organization: one that works per organization
 * iterates them itself (through a narrow lookup) and opens each one's {@link TenantScope}.
 *
 * <p>A failed run is logged and the job simply runs again at its next scheduled time.
 */
public interface RecurringJob {

    /** The stable name of this task. */
    String taskName();

    /**
     * When to run, in six fields as in Spring's {@code @Scheduled}: second, minute, hour, day of
     * month, month, day of week; for example {@code "0 0 3 * * *"} for 03:00 every day.
     */
    String cron();

    /** The time zone {@link #cron()} is read in; UTC unless overridden. */
    default ZoneId zone() {
        return ZoneOffset.UTC;
    }

    /** Does one run. */
    void run(JobContext context) throws Exception;
}
