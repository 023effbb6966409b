package dev.switchboard.campaigns.internal.dialer;

import dev.switchboard.platform.JobContext;
import dev.switchboard.platform.JobHandler;
import java.time.Clock;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts a scheduled campaign at its start time, instead of at the watchdog's next minute. The
 * start it was scheduled for must still be the campaign's (or the campaign's time has come
 * anyway): a campaign rescheduled, started, cancelled or gone is left alone, so a stale or
 * repeated run does nothing, and the start itself happens once (guarded by the scheduled status).
 */
@Component
class StartScheduledCampaignJob implements JobHandler<ScheduledStarts.Payload> {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final DialerWatchdog watchdog;
    private final Clock clock;

    StartScheduledCampaignJob(JdbcClient jdbc, TransactionTemplate tx, DialerWatchdog watchdog, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.watchdog = watchdog;
        this.clock = clock;
    }

    @Override
    public String taskName() {
        return ScheduledStarts.TASK;
    }

    @Override
    public Class<ScheduledStarts.Payload> payloadType() {
        return ScheduledStarts.Payload.class;
    }

    @Override
    public void run(ScheduledStarts.Payload payload, JobContext context) {
        DialerCampaign campaign = tx.execute(s -> DialerCampaign.find(jdbc, context.organizationId(), payload.campaignId(),
                false));
        if (campaign == null || !"scheduled".equals(campaign.status())) {
            return;
        }
        Instant startAt = campaign.startAt();
        // Nodes' clocks differ by a little: the start this job was made for is due when it runs.
        boolean due = startAt == null || startAt.toEpochMilli() == payload.startAtMillis() || !startAt.isAfter(clock.instant());
        if (due) {
            watchdog.startScheduled(context.organizationId(), payload.campaignId());
        }
    }
}
