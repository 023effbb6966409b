/**
 * Outbound campaigns: contact lists (CSV/XLSX import) called by an agent at a chosen pace within
 * calling hours, with the organization's do-not-call list, retries, live progress and exports.
 * The API is {@link dev.switchboard.campaigns.ContactLists}, {@link dev.switchboard.campaigns.DoNotCall}
 * and the {@link dev.switchboard.campaigns.CampaignCompleted} event.
 */
package dev.switchboard.campaigns;
