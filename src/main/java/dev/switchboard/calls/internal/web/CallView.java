package dev.switchboard.calls.internal.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One call ({@code app/call}): its details, transcript, recording and timeline.
 *
 * @param recording          what the recording tab shows
 * @param sharedLink         a link just made for sharing the recording, shown once; or null
 * @param sharedUntil        when that link stops working
 * @param canDeleteRecording whether the viewer may delete the recording
 */
public record CallView(Details details, List<Turn> turns, String transcript, Recording recording, List<Event> timeline,
                       String sharedLink, Instant sharedUntil, boolean canDeleteRecording) {

    /** The facts of the call. */
    public record Details(String id, String direction, String status, String disposition, String fromNumber,
                          String toNumber, String contactName, String crmId, String agentId, String agentName,
                          String campaignId, String provider, String providerCallId, Instant createdAt, Instant startedAt,
                          Instant endedAt, Integer durationSeconds, BigDecimal costCents, String disconnectionReason,
                          String summary, String sentiment, Boolean successful, boolean needsReview) {
    }

    /** One turn of the transcript: who spoke, when (from the start of the call) and what. */
    public record Turn(String speaker, boolean agent, String at, String text) {
    }

    /**
     * The recording: {@code state} is {@code available} (then {@code src} plays it), {@code deleted},
     * {@code pending} or {@code none}.
     */
    public record Recording(String state, String src, Instant deletedAt) {

        public boolean available() {
            return "available".equals(state);
        }
    }

    /** One provider event received for the call. */
    public record Event(String type, Instant occurredAt, Instant receivedAt) {
    }

    public CallView {
        turns = turns == null ? List.of() : List.copyOf(turns);
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
    }
}
