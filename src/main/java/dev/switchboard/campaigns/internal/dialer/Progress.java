package dev.switchboard.campaigns.internal.dialer;

import dev.switchboard.campaigns.CampaignCompleted;
import dev.switchboard.realtime.LiveEvents;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A campaign's counters, completion and live progress. Counters change only in the transaction
 * that settles a contact, so each contact is counted once; the campaign completes in the
 * transaction that settles its last contact, once (the status guard lets one transaction win).
 */
@Component
public class Progress {

    /**
     * Where a campaign stands.
     *
     * @param successRate           completed contacts per processed contact, in percent (null before any)
     * @param estimatedCompletionAt from the rate contacts were processed at so far (null when unknown)
     */
    public record View(UUID campaignId, String status, int total, int processed, int completed, int failed, int skipped,
                       int percent, Double successRate, Instant estimatedCompletionAt) {
    }

    private final JdbcClient jdbc;
    private final LiveEvents live;
    private final ApplicationEventPublisher events;

    Progress(JdbcClient jdbc, LiveEvents live, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.live = live;
        this.events = events;
    }

    /** The progress of counters as read, with an estimate of when the rest will be done. */
    public static View view(UUID id, String status, int total, int processed, int completed, int failed, int skipped,
                            Instant startedAt, Instant now) {
        int percent = total == 0 ? 0 : (int) Math.floor(processed * 100.0 / total);
        Double successRate = processed == 0 ? null : Math.round(completed * 1000.0 / processed) / 10.0;
        Instant eta = null;
        if ("processing".equals(status) && startedAt != null && processed > 0 && processed < total) {
            long elapsedMs = Math.max(1, Duration.between(startedAt, now).toMillis());
            double perMs = processed / (double) elapsedMs;
            eta = now.plusMillis(Math.round((total - processed) / perMs));
        }
        return new View(id, status, total, processed, completed, failed, skipped, percent, successRate, eta);
    }

    /** Counts a contact settled: reached ({@code completed}), not reached ({@code failed}) or skipped. */
    void count(UUID organization, UUID campaignId, int completed, int failed, int skipped, int doNotCall, Instant now) {
        counting(organization, campaignId, completed, failed, skipped, doNotCall, now, "").update();
    }

    /**
     * Counts contacts settled as {@link #count} does, then completes the campaign if that was its
     * last contact, as {@link #settle} does; the counting statement returns the campaign's row
     * (locked from then on), so the common case takes one statement instead of three.
     */
    void countAndSettle(UUID organization, UUID campaignId, int completed, int failed, int skipped, int doNotCall,
                        Instant now) {
        settle(counting(organization, campaignId, completed, failed, skipped, doNotCall, now, " returning *")
                .query((rs, n) -> DialerCampaign.map(rs)).optional().orElse(null), now);
    }

    private JdbcClient.StatementSpec counting(UUID organization, UUID campaignId, int completed, int failed, int skipped,
                                              int doNotCall, Instant now, String returning) {
        return jdbc.sql("""
                        update campaigns set processed_count = processed_count + ?, completed_count = completed_count + ?,
                               failed_count = failed_count + ?, skipped_count = skipped_count + ?,
                               do_not_call_count = do_not_call_count + ?, last_activity_at = ?, updated_at = ?
                        where organization_id = ? and id = ?""" + returning)
                .params(completed + failed + skipped, completed, failed, skipped, doNotCall, ts(now), ts(now), organization,
                        campaignId);
    }

    /** Completes the campaign when every contact is processed (once); then tells listeners. Publishes progress. */
    void settle(UUID organization, UUID campaignId, Instant now) {
        settle(DialerCampaign.find(jdbc, organization, campaignId, false), now);
    }

    private void settle(DialerCampaign campaign, Instant now) {
        if (campaign == null) {
            return;
        }
        if (campaign.unfinished() && campaign.processed() >= campaign.totalContacts()) {
            // The status guard lets one transaction complete it.
            DialerCampaign completed = jdbc.sql("""
                            update campaigns set status = 'completed', finished_at = ?, updated_at = ?
                            where organization_id = ? and id = ? and status in ('processing', 'paused')
                              and processed_count >= total_contacts
                            returning *""")
                    .params(ts(now), ts(now), campaign.organizationId(), campaign.id())
                    .query((rs, n) -> DialerCampaign.map(rs)).optional().orElse(null);
            if (completed != null) {
                campaign = completed;
                events.publishEvent(new CampaignCompleted(campaign.organizationId(), campaign.id(), campaign.name(),
                        "completed", campaign.totalContacts(), campaign.processed(), campaign.completed(), campaign.failed(),
                        campaign.skipped(), campaign.createdBy()));
            }
        }
        publish(campaign, now);
    }

    /** Ends the campaign as failed (once), for example when the provider reports its batch failed. */
    void fail(DialerCampaign campaign, String reason, Instant now) {
        boolean failedNow = jdbc.sql("""
                        update campaigns set status = 'failed', failure_reason = ?, finished_at = ?, updated_at = ?
                        where organization_id = ? and id = ? and status in ('processing', 'paused') returning id""")
                .params(reason, ts(now), ts(now), campaign.organizationId(), campaign.id()).query(UUID.class).optional()
                .isPresent();
        if (failedNow) {
            announceFailed(campaign);
        }
        publish(DialerCampaign.find(jdbc, campaign.organizationId(), campaign.id(), false), now);
    }

    /** Tells listeners the campaign ended as failed; call once, where its status became failed. */
    void announceFailed(DialerCampaign campaign) {
        events.publishEvent(new CampaignCompleted(campaign.organizationId(), campaign.id(), campaign.name(), "failed",
                campaign.totalContacts(), campaign.processed(), campaign.completed(), campaign.failed(),
                campaign.skipped(), campaign.createdBy()));
    }

    /** Publishes the campaign's progress to the organization's live streams (delivered if the transaction commits). */
    void publish(DialerCampaign c, Instant now) {
        live.publish(c.organizationId(), LiveEvents.Channel.CAMPAIGNS, "campaign-progress",
                view(c.id(), c.status(), c.totalContacts(), c.processed(), c.completed(), c.failed(), c.skipped(),
                        c.startedAt(), now));
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
