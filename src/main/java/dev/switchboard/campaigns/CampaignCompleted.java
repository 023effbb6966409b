package dev.switchboard.campaigns;

import java.util.UUID;

/**
 * A campaign reached an end: every contact was processed ({@code completed}) or the provider
 * reported its batch failed ({@code failed}). Published once per campaign, inside the transaction
 * that settled it, so a listener there (or after commit) sees it exactly once.
 *
 * @param status    {@code completed} or {@code failed}
 * @param total     contacts in the campaign
 * @param processed contacts with a final outcome (called and settled, or skipped)
 * @param completed contacts reached (answered or voicemail)
 * @param failed    contacts not reached after every attempt allowed
 * @param skipped   contacts not called (do-not-call list)
 * @param createdBy the user who created the campaign, or null
 */
public record CampaignCompleted(UUID organizationId, UUID campaignId, String name, String status, int total,
                                int processed, int completed, int failed, int skipped, UUID createdBy) {
}
