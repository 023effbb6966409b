package dev.switchboard.campaigns.internal.campaign;

import dev.switchboard.web.Pagination;
import dev.switchboard.web.SelectOption;
import java.util.List;

/** What the campaign pages show. */
public final class CampaignPages {

    private CampaignPages() {
    }

    /** The list ({@code app/campaigns}), with the creation form's choices when the viewer may create. */
    public record ListView(List<CampaignService.Campaign> campaigns, Pagination pagination, boolean canRun,
                           List<SelectOption> agents, List<SelectOption> contactLists, String timeZone,
                           boolean providerBatches) {
    }

    /** One campaign's live page ({@code app/campaign}). */
    public record DetailView(CampaignService.Campaign campaign, List<CallLine> calls, boolean canRun) {
    }

    /** A call of the campaign as its live page lists it. */
    public record CallLine(java.util.UUID id, String toNumber, String contactName, String status, String disposition,
                           Integer durationSeconds, java.sql.Timestamp createdAt) {
    }

    /** A badge tone per status. */
    public static String tone(String status) {
        return switch (status) {
            case "completed" -> "success";
            case "failed" -> "danger";
            case "processing" -> "info";
            case "paused", "scheduled" -> "warning";
            default -> "neutral";
        };
    }

    /** A status as people read it. */
    public static String label(String status) {
        return Character.toUpperCase(status.charAt(0)) + status.substring(1);
    }
}
