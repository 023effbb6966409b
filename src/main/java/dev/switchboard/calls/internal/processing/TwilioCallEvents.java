package dev.switchboard.calls.internal.processing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Twilio voice webhooks and status callbacks (form posts: {@code CallSid}, {@code CallStatus},
 * {@code Direction}, {@code From}, {@code To}, {@code CallDuration}, {@code Timestamp}…) as
 * {@link CallEvent}s. The call they name is Twilio's leg; processing links it to the AI call the
 * leg was connected to. {@code CallStatus}: queued, ringing, in-progress, then one of completed,
 * busy, no-answer, failed or canceled.
 */
final class TwilioCallEvents {

    static final String PROVIDER = "twilio";

    private TwilioCallEvents() {
    }

    static CallEvent parse(String formBody, Instant receivedAt) {
        Map<String, String> p = form(formBody);
        String callStatus = p.getOrDefault("CallStatus", "").toLowerCase(Locale.ROOT);
        String disposition = disposition(callStatus);
        String status = switch (callStatus) {
            case "queued" -> "queued";
            case "ringing" -> "ringing";
            case "in-progress" -> "in_progress";
            case "" -> null;
            default -> disposition == null ? null : CallEvent.finalStatus(disposition, false);
        };
        boolean ended = disposition != null;
        String direction = p.get("Direction");
        Instant at = timestamp(p.get("Timestamp"), receivedAt);
        return new CallEvent("twilio_" + (callStatus.isEmpty() ? "event" : callStatus.replace('-', '_')), p.get("CallSid"),
                null, direction == null ? null : direction.startsWith("outbound") ? "outbound" : "inbound",
                p.get("From"), p.get("To"), null, null, null, status, disposition, ended ? "twilio_" + callStatus : null,
                null, ended ? at : null, duration(p.get("CallDuration")), null, null, null, p.get("RecordingUrl"), null,
                null, null, at, PROVIDER);
    }

    /** The outcome an end status tells; null while the call is not over. */
    static String disposition(String callStatus) {
        return switch (callStatus) {
            case "completed" -> "answered";
            case "busy" -> "busy";
            case "no-answer" -> "no_answer";
            case "failed" -> "failed";
            case "canceled" -> "cancelled";
            default -> null;
        };
    }

    /** A form-encoded body as its parameters (the first value of each). */
    static Map<String, String> form(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        if (body == null || body.isBlank()) {
            return params;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(name, value);
        }
        return params;
    }

    private static Integer duration(String seconds) {
        try {
            return seconds == null ? null : Integer.valueOf(seconds.trim());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    /** Twilio's {@code Timestamp} is RFC 1123 ("Tue, 10 Nov 2026 09:00:00 +0000"). */
    private static Instant timestamp(String value, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException notRfc1123) {
            return fallback;
        }
    }
}
