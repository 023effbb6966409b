/**
 * Outbound campaigns: contact lists called by an agent at a chosen pace within calling hours.
 * For now only the Campaigns page, which lists none until campaigns can be created.
 */
package dev.switchboard.campaigns;
