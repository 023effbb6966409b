package dev.switchboard.campaigns.internal.dialer;

import dev.switchboard.campaigns.internal.compliance.Compliance;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What follows the end of an attempt: another attempt when the outcome is one the campaign
 * retries and attempts remain, otherwise the contact is counted processed. Runs in the
 * transaction that ended the attempt, with the campaign's row locked.
 */
@Component
class Settlement {

    /** Outcomes that reached the contact (a person or their voicemail). */
    static final Set<String> REACHED = Set.of("answered", "voicemail");

    private final Attempts attempts;
    private final Progress progress;
    private final Compliance compliance;
    private final Pacing pacing;

    Settlement(Attempts attempts, Progress progress, Compliance compliance, Pacing pacing) {
        this.attempts = attempts;
        this.progress = progress;
        this.compliance = compliance;
        this.pacing = pacing;
    }

    /** The outcome of a finished call: its disposition, else what its final status says. */
    static String outcomeOf(String status, String disposition) {
        if (disposition != null) {
            return disposition;
        }
        return switch (status) {
            case "failed" -> "failed";
            case "cancelled" -> "cancelled";
            default -> "answered";
        };
    }

    /** Settles an ended attempt (null: it was settled before, nothing to do). */
    void ended(DialerCampaign campaign, Attempts.Ended ended, String outcome, Instant now) {
        if (ended == null) {
            return;
        }
        // The organization's rules are read only when the campaign itself would try again.
        boolean retry = campaign.retryOn().contains(outcome) && ended.attempt() < campaign.maxAttempts()
                && campaign.unfinished()
                && ended.attempt() < compliance.rulesFor(campaign.organizationId()).maxAttempts()
                && attempts.retry(campaign, ended, now.plus(Duration.ofMinutes(campaign.retryDelayMinutes())), now);
        if (retry) {
            progress.settle(campaign.organizationId(), campaign.id(), now);
        } else {
            boolean reached = REACHED.contains(outcome);
            progress.countAndSettle(campaign.organizationId(), campaign.id(), reached ? 1 : 0, reached ? 0 : 1, 0, 0, now);
        }
        if (campaign.dialing()) {
            pacing.kick(campaign.organizationId(), campaign.id(), now);
        }
    }
}
