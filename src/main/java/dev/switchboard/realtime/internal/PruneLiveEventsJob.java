package dev.switchboard.realtime.internal;

import dev.switchboard.platform.JobContext;
import dev.switchboard.platform.RecurringJob;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deletes live events older than the retention (a day by default) every ten minutes: they are
 * kept only so that a reconnecting client can replay what it missed.
 */
@Component
class PruneLiveEventsJob implements RecurringJob {

    private static final Logger log = LoggerFactory.getLogger(PruneLiveEventsJob.class);

    private final LiveEventStore store;
    private final RealtimeSettings settings;
    private final Clock clock;

    PruneLiveEventsJob(LiveEventStore store, RealtimeSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String taskName() {
        return "prune-live-events";
    }

    @Override
    public String cron() {
        return "0 */10 * * * *";
    }

    @Override
    public void run(JobContext context) {
        Instant cutoff = clock.instant().minus(settings.retention());
        long deleted = 0;
        for (UUID organization : store.organizationsWithEventsBefore(cutoff)) {
            deleted += store.deleteBefore(organization, cutoff);
        }
        deleted += store.deletePlatformNoticesBefore(cutoff);
        if (deleted > 0) {
            log.info("Deleted {} live events older than {}", deleted, cutoff);
        }
    }
}
