package dev.switchboard.realtime.internal;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stored event as streams deliver it. {@link #envelope()} is the JSON written as the SSE
 * {@code data} line, made once per event however many streams receive it.
 *
 * @param organizationId null for a platform notice
 * @param userId         the user a {@code user} channel notice is for
 */
record LiveEvent(long id, UUID organizationId, StreamChannel channel, String type, UUID userId, String envelope) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What a client receives: the data is the stored JSON, written as it is. */
    record Envelope(long id, String channel, String type, @JsonRawValue String data, Instant createdAt) {
    }

    static LiveEvent of(long id, UUID organizationId, StreamChannel channel, String type, UUID userId, String data,
                        Instant createdAt) {
        String envelope = JSON.writeValueAsString(new Envelope(id, channel.wireName(), type, data, createdAt));
        return new LiveEvent(id, organizationId, channel, type, userId, envelope);
    }

    /** Tells a client that it is too far behind for a replay and should load its page afresh. */
    static LiveEvent replayTruncated(long lastStoredId, Instant now) {
        String envelope = JSON.writeValueAsString(new Envelope(lastStoredId, "organization", "replay-truncated",
                "{\"reason\":\"More events were missed than a reconnect replays; load the current state again.\"}", now));
        return new LiveEvent(lastStoredId, null, StreamChannel.ORGANIZATION, "replay-truncated", null, envelope);
    }
}
