package dev.switchboard.calls;

import java.util.UUID;

/**
 * A provider event changed a call record. Published inside the transaction that applied the event,
 * once per applied event (a duplicate delivery publishes nothing), so a listener running in that
 * transaction counts each change exactly once.
 *
 * @param previousStatus the status before this event ({@code null} when the event created the record)
 * @param status         the status after it
 * @param disposition    the outcome after it, when known
 */
public record CallChanged(UUID organizationId, UUID callId, UUID campaignId, String direction, String previousStatus,
                          String status, String disposition, String eventType) {

    /** The end states: nothing moves a call out of them. */
    public static boolean isFinal(String status) {
        return "completed".equals(status) || "failed".equals(status) || "cancelled".equals(status);
    }

    /** This event is the one that ended the call (a call ends exactly once). */
    public boolean ended() {
        return isFinal(status) && !isFinal(previousStatus);
    }
}
