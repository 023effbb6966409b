package dev.switchboard.messaging;

import java.util.List;
import java.util.UUID;

/**
 * E-mails about campaigns to the organization's notification recipients (its admins unless it
 * chose others), each event at most once per campaign and recipient. Call inside the
 * transaction that records the event, in the organization's tenant scope: the mails are queued
 * only if it commits.
 */
public interface CampaignNotices {

    /** @param path the campaign's page, relative to Switchboard's public URL, such as {@code /campaigns/…} */
    record Campaign(UUID id, String name, String path) {
    }

    /** One line of a campaign's statistics, such as "Success rate" and "42.0%". */
    record Figure(String label, String value) {
    }

    void started(Campaign campaign, long contacts);

    /** @param exportPath the campaign's CSV export, relative to Switchboard's public URL */
    void completed(Campaign campaign, List<Figure> figures, String exportPath);

    /**
     * @param reason   what went wrong, for people: "The voice provider refused the API key."
     * @param whatToDo how to fix it: "Reconnect the provider in Settings › Integrations, then resume."
     */
    void failed(Campaign campaign, String reason, String whatToDo);
}
