package dev.switchboard.platform;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * Encodes and decodes the opaque cursors of list endpoints. A cursor names the position
 * after the last item of a page, here as (timestamp, id) for lists ordered newest first.
 */
public final class Cursors {

    /** A decoded (timestamp, id) position. */
    public record TimeAndId(Instant time, UUID id) {
    }

    private Cursors() {
    }

    public static String encode(Instant time, UUID id) {
        String raw = time.toString() + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor from a request; a tampered or foreign cursor answers 400. */
    public static TimeAndId decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            return new TimeAndId(Instant.parse(raw.substring(0, bar)), UUID.fromString(raw.substring(bar + 1)));
        } catch (IllegalArgumentException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw ApiProblem.badRequest("invalid-cursor",
                    "The cursor is not valid. Use the nextCursor value of the previous page as it was given.")
                    .field("cursor", "not a cursor issued by this endpoint");
        }
    }

    /** Checks a requested page size: 1 to {@code max}, default {@code fallback}. */
    public static int limit(Integer requested, int fallback, int max) {
        if (requested == null) {
            return fallback;
        }
        if (requested < 1 || requested > max) {
            throw ApiProblem.validation("limit", "must be between 1 and " + max);
        }
        return requested;
    }
}
