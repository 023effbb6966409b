package dev.switchboard.campaigns.internal.dialer;

import dev.switchboard.campaigns.CampaignStarted;
import dev.switchboard.campaigns.internal.compliance.Compliance;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What campaign state changes ask of the dialer. Call inside the transaction that changed the
 * campaign's status, with its row locked.
 */
@Service
public class Dialer {

    private final JdbcClient jdbc;
    private final Attempts attempts;
    private final Progress progress;
    private final Compliance compliance;
    private final Pacing pacing;
    private final Batches batches;
    private final ScheduledStarts starts;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Dialer(JdbcClient jdbc, Attempts attempts, Progress progress, Compliance compliance, Pacing pacing, Batches batches,
           ScheduledStarts starts, Clock clock, ApplicationEventPublisher events) {
        this.batches = batches;
        this.starts = starts;
        this.events = events;
        this.jdbc = jdbc;
        this.attempts = attempts;
        this.progress = progress;
        this.compliance = compliance;
        this.pacing = pacing;
        this.clock = clock;
    }

    /**
     * Starts calling a campaign just set to processing: writes one attempt per contact (each
     * with its callee's time zone), skips the ones on the do-not-call list and schedules the pacer
     * (or, in provider-batch mode, the submission of the batches).
     *
     * @return the number of contacts
     */
    public int begin(UUID organization, UUID campaignId) {
        Instant now = clock.instant();
        DialerCampaign campaign = DialerCampaign.find(jdbc, organization, campaignId, true);
        String zone = jdbc.sql("select time_zone from organizations where id = ?").param(organization).query(String.class).single();
        attempts.materialize(campaign, zone, now);
        int total = jdbc.sql("select count(*) from campaign_attempts where organization_id = ? and campaign_id = ? and attempt = 1")
                .params(organization, campaignId).query(Integer.class).single();
        jdbc.sql("update campaigns set total_contacts = ?, started_at = ?, last_activity_at = ?, updated_at = ? where organization_id = ? and id = ?")
                .params(total, Attempts.ts(now), Attempts.ts(now), Attempts.ts(now), organization, campaignId).update();
        events.publishEvent(new CampaignStarted(organization, campaignId, campaign.name(), total));
        if (compliance.rulesFor(organization).honorDoNotCall()) {
            int skipped = attempts.skipDoNotCall(campaign, now);
            progress.count(organization, campaignId, 0, 0, skipped, skipped, now);
        }
        progress.settle(organization, campaignId, now);
        kick(campaign, now);
        return total;
    }

    /**
     * The campaign was just set to scheduled, or its start time moved from {@code previousStartAt}
     * (null when it was not scheduled): it starts at {@code startAt}, to the second, on one node.
     */
    public void scheduled(UUID organization, UUID campaignId, Instant startAt, Instant previousStartAt) {
        if (previousStartAt != null && !previousStartAt.equals(startAt)) {
            starts.cancel(campaignId, previousStartAt);
        }
        starts.at(organization, campaignId, startAt);
    }

    /** The campaign resumed: dial again at once. */
    public void resumed(UUID organization, UUID campaignId) {
        kick(DialerCampaign.find(jdbc, organization, campaignId, false), clock.instant());
    }

    /** Keeps a running campaign's dialling going: its pacer, or the submission of its remaining batches. */
    void kick(DialerCampaign campaign, Instant now) {
        if (campaign.providerBatch()) {
            batches.kick(campaign.organizationId(), campaign.id(), now);
        } else {
            pacing.kick(campaign.organizationId(), campaign.id(), now);
        }
    }

    /** The campaign was paused: publish it (calls in flight end normally and are still counted). */
    public void paused(UUID organization, UUID campaignId) {
        progress.publish(DialerCampaign.find(jdbc, organization, campaignId, false), clock.instant());
    }

    /** The campaign was cancelled: nothing more is dialled; calls in flight end normally and are counted. */
    public void cancelled(UUID organization, UUID campaignId) {
        Instant now = clock.instant();
        DialerCampaign campaign = DialerCampaign.find(jdbc, organization, campaignId, true);
        starts.cancel(campaignId, campaign.startAt());
        attempts.cancelPending(campaign, now);
        progress.publish(campaign, now);
    }
}
