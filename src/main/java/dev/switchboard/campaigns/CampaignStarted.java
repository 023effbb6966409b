package dev.switchboard.campaigns;

import java.util.UUID;

/**
 * A campaign began calling (at once on start, or when its scheduled time came). Published once
 * per campaign, inside the transaction that started it and before any {@link CampaignCompleted}.
 *
 * @param totalContacts the contacts it will call or skip
 */
public record CampaignStarted(UUID organizationId, UUID campaignId, String name, int totalContacts) {
}
