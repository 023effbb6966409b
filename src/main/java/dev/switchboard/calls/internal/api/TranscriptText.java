package dev.switchboard.calls.internal.api;

import dev.switchboard.platform.ApiProblem;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * A call's transcript as plain text: a short header, then one line per turn with its time from
 * the start of the call and who spoke ("[01:05] Caller: ...").
 */
public final class TranscriptText {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx", Locale.ENGLISH);

    private TranscriptText() {
    }

    /** The text of {@code call}'s transcript; 404 when it has none yet. */
    public static String of(CallService.Call call, ZoneId zone) {
        boolean hasTurns = call.transcriptTurns() != null && call.transcriptTurns().isArray()
                && !call.transcriptTurns().isEmpty();
        if (!hasTurns && (call.transcript() == null || call.transcript().isBlank())) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "no-transcript", "No transcript",
                    "This call has no transcript (yet): it appears a few seconds after an answered call ends.");
        }
        StringBuilder out = new StringBuilder();
        out.append("Call ").append(call.id()).append("\r\n");
        out.append("From ").append(orNone(call.fromNumber())).append(" to ").append(orNone(call.toNumber()))
                .append(" (").append(call.direction()).append(")\r\n");
        if (call.startedAt() != null) {
            out.append("Started ").append(WHEN.format(call.startedAt().atZone(zone))).append("\r\n");
        }
        if (call.durationSeconds() != null) {
            out.append("Duration ").append(clock(call.durationSeconds())).append("\r\n");
        }
        out.append("\r\n");
        if (!hasTurns) {
            out.append(call.transcript().strip().replace("\r\n", "\n").replace("\n", "\r\n")).append("\r\n");
            return out.toString();
        }
        for (JsonNode turn : call.transcriptTurns()) {
            JsonNode start = turn.get("start");
            if (start != null && start.isNumber()) {
                out.append('[').append(clock((int) Math.floor(start.asDouble()))).append("] ");
            }
            out.append(speaker(turn.path("speaker").asString(""))).append(": ")
                    .append(turn.path("text").asString("").strip()).append("\r\n");
        }
        return out.toString();
    }

    /** "agent" and "user" as a reader says them. */
    public static String speaker(String role) {
        return switch (role.toLowerCase(Locale.ROOT)) {
            case "agent" -> "Agent";
            case "user" -> "Caller";
            case "" -> "Unknown";
            default -> Character.toUpperCase(role.charAt(0)) + role.substring(1);
        };
    }

    /** 65 → "01:05", 3725 → "1:02:05". */
    public static String clock(int seconds) {
        int h = seconds / 3600;
        int m = seconds % 3600 / 60;
        int s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%02d:%02d", m, s);
    }

    private static String orNone(String value) {
        return value == null ? "unknown" : value;
    }
}
