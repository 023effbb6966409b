package dev.switchboard.sandbox.internal.webhooks;

import dev.switchboard.sandbox.internal.http.Json;
import tools.jackson.databind.node.ObjectNode;

/**
 * One line of a call's webhook delivery log.
 *
 * @param event      {@code call_started}, {@code call_ended} or {@code call_analyzed}
 * @param attempt    1 for the first try
 * @param url        where it went ({@code null} when there was nowhere to send it)
 * @param sentAt     unix ms of the attempt
 * @param statusCode the receiver's HTTP status, or {@code null} when no answer came
 * @param error      what went wrong without an answer (refused, timed out…)
 * @param outcome    {@code delivered}, {@code retrying}, {@code failed}, {@code dropped} (fault injection) or {@code skipped}
 * @param durationMs how long the attempt took
 */
public record DeliveryAttempt(String event, int attempt, String url, long sentAt, Integer statusCode, String error,
        String outcome, long durationMs) {

    public ObjectNode toJson() {
        ObjectNode json = Json.object().put("event", event).put("attempt", attempt);
        if (url != null) {
            json.put("url", url);
        }
        json.put("sent_at", sentAt);
        if (statusCode != null) {
            json.put("status_code", statusCode);
        }
        if (error != null) {
            json.put("error", error);
        }
        return json.put("outcome", outcome).put("duration_ms", durationMs);
    }
}
