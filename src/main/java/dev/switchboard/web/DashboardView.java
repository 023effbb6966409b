package dev.switchboard.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The dashboard ({@code app/dashboard}): today's and this month's calls, minutes and success
 * rate, the campaigns running now with their progress, and the latest calls. It refreshes itself
 * when a call or a campaign changes.
 *
 * @param callsToday        calls placed or received since local midnight
 * @param callsThisMonth    calls since the 1st; 0 with no campaigns shows the first-steps empty state
 * @param minutesThisMonth  billable call minutes since the 1st
 * @param costThisMonth     what those minutes cost, formatted ("$12.40")
 * @param successRate       calls the analysis marked successful, in percent of analyzed calls; null before any
 * @param totalCampaigns    campaigns ever created
 * @param activeCampaigns   campaigns running, paused or scheduled, most recent first
 * @param recentCalls       the latest calls, newest first
 * @param usagePeriod       the month the figures cover ("March 2026")
 * @param minutesTotal      call minutes since the organization was created
 */
public record DashboardView(long callsToday, long callsThisMonth, long minutesThisMonth, String costThisMonth,
                            Double successRate, long totalCampaigns, long activeCampaignCount,
                            List<Campaign> activeCampaigns, List<Call> recentCalls, String usagePeriod, long minutesTotal) {

    public DashboardView {
        activeCampaigns = List.copyOf(activeCampaigns);
        recentCalls = List.copyOf(recentCalls);
    }

    public record Campaign(UUID id, String name, String status, int totalContacts, int processed, int completed,
                           int failed, int percent) {
    }

    public record Call(UUID id, String direction, String number, String contactName, String status, String disposition,
                       Integer durationSeconds, Instant at) {
    }
}
