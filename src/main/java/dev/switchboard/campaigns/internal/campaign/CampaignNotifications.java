package dev.switchboard.campaigns.internal.campaign;

import dev.switchboard.campaigns.CampaignCompleted;
import dev.switchboard.campaigns.CampaignStarted;
import dev.switchboard.messaging.CampaignNotices;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * E-mails the organization's recipients when a campaign starts, completes or fails. Runs inside
 * the transaction that changed the campaign, so a mail is queued exactly when the change commits.
 */
@Component
class CampaignNotifications {

    private final CampaignNotices notices;
    private final CampaignReports reports;
    private final JdbcClient jdbc;

    CampaignNotifications(CampaignNotices notices, CampaignReports reports, JdbcClient jdbc) {
        this.notices = notices;
        this.reports = reports;
        this.jdbc = jdbc;
    }

    @EventListener
    void started(CampaignStarted event) {
        notices.started(campaign(event.campaignId(), event.name()), event.totalContacts());
    }

    @EventListener
    void ended(CampaignCompleted event) {
        CampaignNotices.Campaign campaign = campaign(event.campaignId(), event.name());
        if ("failed".equals(event.status())) {
            String reason = jdbc.sql("select failure_reason from campaigns where organization_id = ? and id = ?")
                    .params(event.organizationId(), event.campaignId()).query(String.class).optional()
                    .filter(r -> !r.isBlank()).orElse("The campaign stopped on an error.");
            notices.failed(campaign, reason, whatToDo(reason, event));
            return;
        }
        notices.completed(campaign, figures(event), "/api/v1/campaigns/" + event.campaignId() + "/export.csv");
    }

    private List<CampaignNotices.Figure> figures(CampaignCompleted event) {
        CampaignReports.CampaignStats stats = reports.stats(event.campaignId());
        List<CampaignNotices.Figure> figures = new ArrayList<>();
        figures.add(new CampaignNotices.Figure("Contacts", String.format(Locale.ENGLISH, "%,d", event.total())));
        figures.add(new CampaignNotices.Figure("Reached", String.format(Locale.ENGLISH, "%,d", event.completed())));
        figures.add(new CampaignNotices.Figure("Not reached", String.format(Locale.ENGLISH, "%,d", event.failed())));
        if (event.skipped() > 0) {
            figures.add(new CampaignNotices.Figure("Skipped (do not call)", String.format(Locale.ENGLISH, "%,d", event.skipped())));
        }
        figures.add(new CampaignNotices.Figure("Calls", String.format(Locale.ENGLISH, "%,d", stats.totalCalls())));
        figures.add(new CampaignNotices.Figure("Successful", String.format(Locale.ENGLISH, "%,d (%.1f%%)",
                stats.successfulCalls(), stats.successRate())));
        figures.add(new CampaignNotices.Figure("Answered", String.format(Locale.ENGLISH, "%.1f%%", stats.completionRate())));
        figures.add(new CampaignNotices.Figure("Callback requests", String.format(Locale.ENGLISH, "%,d", stats.callbackRequests())));
        figures.add(new CampaignNotices.Figure("Average duration", String.format(Locale.ENGLISH, "%.0f s",
                stats.averageDurationSeconds())));
        BigDecimal cost = stats.totalCostCents() == null ? BigDecimal.ZERO
                : stats.totalCostCents().divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
        figures.add(new CampaignNotices.Figure("Provider cost", "$" + cost.toPlainString()));
        return figures;
    }

    private static String whatToDo(String reason, CampaignCompleted event) {
        String lower = reason.toLowerCase(Locale.ROOT);
        if (lower.contains("primary") || lower.contains("phone number")) {
            return "Assign an active primary phone number with an outbound agent in Phone Numbers, then create the "
                    + "campaign again for the contacts not yet called.";
        }
        if (lower.contains("key") || lower.contains("credential") || lower.contains("provider")) {
            return "Check the voice provider's connection in Settings › Integrations, then create the campaign again "
                    + "for the contacts not yet called.";
        }
        return "Open the campaign to see which contacts were called (" + event.processed() + " of " + event.total()
                + "), fix the cause, and create a new campaign for the rest.";
    }

    private static CampaignNotices.Campaign campaign(java.util.UUID id, String name) {
        return new CampaignNotices.Campaign(id, name, "/campaigns/" + id);
    }
}
