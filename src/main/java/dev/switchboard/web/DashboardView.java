package dev.switchboard.web;

import java.util.List;

/**
 * The dashboard ({@code app/dashboard}): the state of calls and campaigns and this period's usage.
 *
 * @param callsThisMonth     calls placed or received this period; 0 shows the "No calls yet" card
 * @param activeCampaigns    campaigns running now; with {@code totalCampaigns} 0 shows "No campaigns yet"
 * @param totalCampaigns     campaigns ever created
 * @param usagePeriod        the billing period the usage covers ("March 2026")
 * @param usage              the usage counters of that period
 * @param minutesTotal       call minutes used since the organization was created
 */
public record DashboardView(
        long callsThisMonth,
        long activeCampaigns,
        long totalCampaigns,
        String usagePeriod,
        List<UsageMeter> usage,
        long minutesTotal) {

    public DashboardView {
        usage = usage == null ? List.of() : List.copyOf(usage);
    }
}
