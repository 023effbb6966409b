package dev.switchboard.sandbox.internal.faults;

import dev.switchboard.sandbox.internal.http.ApiException;
import dev.switchboard.sandbox.internal.http.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One injected fault: what goes wrong, how often, and where.
 *
 * @param type              {@code error_500}, {@code rate_limit_429}, {@code slow}, {@code hang},
 *                          {@code connection_reset}, {@code drop} or {@code duplicate_shuffle}
 * @param probability       chance per request, event or call (0..1)
 * @param onApi             whether it hits API requests
 * @param onWebhooks        whether it hits webhook deliveries
 * @param path              only API paths starting with this (all when {@code null})
 * @param method            only this HTTP method (all when {@code null})
 * @param events            only these webhook events (all when empty)
 * @param delayMs           how long {@code slow} waits, or {@code hang} holds the connection
 * @param retryAfterSeconds the {@code Retry-After} of {@code rate_limit_429}
 * @param statusCode        the status of {@code error_500} (500, or any 5xx)
 */
public record FaultRule(Type type, double probability, boolean onApi, boolean onWebhooks, String path, String method,
        List<String> events, long delayMs, long retryAfterSeconds, int statusCode) {

    /** The kinds of fault. */
    public enum Type {
        ERROR_500(true, false), RATE_LIMIT_429(true, false), SLOW(true, true), HANG(true, false),
        CONNECTION_RESET(true, false), DROP(false, true), DUPLICATE_SHUFFLE(false, true);

        final boolean api;
        final boolean webhooks;

        Type(boolean api, boolean webhooks) {
            this.api = api;
            this.webhooks = webhooks;
        }

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static FaultRule parse(JsonNode json, int index) {
        String where = "faults[" + index + "]";
        if (json == null || !json.isObject()) {
            throw ApiException.badRequest(where + " must be an object such as {\"type\": \"error_500\", \"probability\": 0.2}");
        }
        String typeName = Json.text(json, "type");
        Type type;
        try {
            type = Type.valueOf(typeName == null ? "" : typeName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(where + ".type must be one of error_500, rate_limit_429, slow, hang, "
                    + "connection_reset, drop, duplicate_shuffle, but was " + typeName);
        }
        Double probability = Json.doubleValue(json, "probability");
        double p = probability == null ? 1.0 : probability;
        if (!(p >= 0 && p <= 1)) {
            throw ApiException.badRequest(where + ".probability must be between 0 and 1");
        }
        String target = Json.text(json, "target");
        boolean onApi;
        boolean onWebhooks;
        if (target == null) {
            onApi = type.api;
            onWebhooks = type.webhooks && !type.api;
        } else {
            switch (target) {
                case "api" -> {
                    onApi = true;
                    onWebhooks = false;
                }
                case "webhooks" -> {
                    onApi = false;
                    onWebhooks = true;
                }
                case "both" -> {
                    onApi = true;
                    onWebhooks = true;
                }
                default -> throw ApiException.badRequest(where + ".target must be api, webhooks or both");
            }
        }
        if (onApi && !type.api || onWebhooks && !type.webhooks) {
            throw ApiException.badRequest(where + ": " + type.wireName() + " applies to "
                    + (type.api ? "api" : "webhooks") + " only");
        }
        List<String> events = new ArrayList<>();
        JsonNode eventList = json.get("events");
        if (eventList != null && eventList.isArray()) {
            eventList.forEach(e -> events.add(e.asString()));
        }
        Long delay = Json.longValue(json, "delay_ms");
        long delayMs = delay != null ? delay : type == Type.HANG ? 600_000 : 2_000;
        if (delayMs < 0) {
            throw ApiException.badRequest(where + ".delay_ms must not be negative");
        }
        Long retryAfter = Json.longValue(json, "retry_after_seconds");
        Long status = Json.longValue(json, "status_code");
        int statusCode = status == null ? 500 : status.intValue();
        if (statusCode < 500 || statusCode > 599) {
            throw ApiException.badRequest(where + ".status_code must be a 5xx status");
        }
        String method = Json.text(json, "method");
        return new FaultRule(type, p, onApi, onWebhooks, Json.text(json, "path"),
                method == null ? null : method.toUpperCase(Locale.ROOT), List.copyOf(events), delayMs,
                retryAfter == null ? 1 : Math.max(0, retryAfter), statusCode);
    }

    boolean matchesRequest(String requestMethod, String requestPath) {
        return onApi && (path == null || requestPath.startsWith(path)) && (method == null || method.equals(requestMethod));
    }

    boolean matchesEvent(String event) {
        return onWebhooks && (events.isEmpty() || events.contains(event));
    }

    ObjectNode toJson() {
        ObjectNode json = Json.object().put("type", type.wireName()).put("probability", probability)
                .put("target", onApi && onWebhooks ? "both" : onApi ? "api" : "webhooks");
        if (path != null) {
            json.put("path", path);
        }
        if (method != null) {
            json.put("method", method);
        }
        if (!events.isEmpty()) {
            ArrayNode list = json.putArray("events");
            events.forEach(list::add);
        }
        if (type == Type.SLOW || type == Type.HANG) {
            json.put("delay_ms", delayMs);
        }
        if (type == Type.RATE_LIMIT_429) {
            json.put("retry_after_seconds", retryAfterSeconds);
        }
        if (type == Type.ERROR_500) {
            json.put("status_code", statusCode);
        }
        return json;
    }
}
