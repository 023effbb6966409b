package dev.switchboard.campaigns;

import java.util.List;
import java.util.UUID;

/** The organization's campaigns at a glance, for other modules' pages (the dashboard). Reads {@code TenantScope}. */
public interface CampaignFigures {

    /** A campaign that is running, paused or waiting for its start time, with its progress. */
    record Active(UUID id, String name, String status, int totalContacts, int processed, int completed, int failed,
                  int percent) {
    }

    /** @param active the active campaigns, most recently started first, at most the limit asked */
    record Overview(long total, long activeCount, List<Active> active) {
    }

    Overview overview(int limit);
}
