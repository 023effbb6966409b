package dev.switchboard.calls.internal.processing;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Vapi server messages ({@code {"message": {"type", "call", …}}}, as {@code @vapi-ai/server-sdk}
 * types them) as {@link CallEvent}s: {@code status-update} moves the status ({@code queued},
 * {@code ringing}, {@code in-progress}, {@code forwarding}, {@code ended}); {@code end-of-call-report}
 * ends the call with its {@code endedReason}, cost (USD), artifact (transcript, messages,
 * recording) and analysis. Other message types only mark the timeline.
 */
final class VapiCallEvents {

    static final String PROVIDER = "vapi";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final BigDecimal CENTS_PER_DOLLAR = BigDecimal.valueOf(100);

    private VapiCallEvents() {
    }

    static CallEvent parse(String rawBody, Instant receivedAt) {
        JsonNode message = JSON.readTree(rawBody).path("message");
        String type = message.path("type").asString("");
        JsonNode call = message.path("call");
        boolean report = "end-of-call-report".equals(type);
        String reason = firstText(message, call, "endedReason");
        String disposition = disposition(reason);
        String status = switch (type) {
            case "status-update" -> status(CallEvent.text(message, "status"), disposition);
            case "end-of-call-report" -> CallEvent.finalStatus(disposition, false);
            default -> null;
        };
        boolean inbound = "inboundPhoneCall".equals(CallEvent.text(call, "type"));
        boolean outbound = "outboundPhoneCall".equals(CallEvent.text(call, "type"));
        String customer = firstText(message.path("customer"), call.path("customer"), "number");
        String ours = firstText(message.path("phoneNumber"), call.path("phoneNumber"), "number");
        Instant started = instant(firstText(message, call, "startedAt"));
        Instant ended = instant(firstText(message, call, "endedAt"));
        JsonNode artifact = message.has("artifact") ? message.path("artifact") : call.path("artifact");
        JsonNode analysis = message.has("analysis") ? message.path("analysis") : call.path("analysis");
        JsonNode metadata = metadata(call);
        Instant occurredAt = message.path("timestamp").isNumber() ? Instant.ofEpochMilli(message.path("timestamp").asLong())
                : report && ended != null ? ended : receivedAt;
        return new CallEvent(type, CallEvent.text(call, "id"), CallEvent.text(call, "assistantId"),
                inbound ? "inbound" : outbound ? "outbound" : null,
                inbound ? customer : ours, inbound ? ours : customer, null,
                metadata == null ? null : CallEvent.text(metadata, "switchboardCallId"),
                metadata == null ? null : CallEvent.text(metadata, "campaignId"),
                status, status == null ? null : disposition, status == null ? null : reason,
                started, "ended".equals(CallEvent.text(message, "status")) || report ? ended : null,
                duration(message, started, ended), cost(message, call),
                report ? transcript(message, artifact) : null,
                report ? turns(artifact.path("messages")) : null,
                report ? recordingUrl(message, artifact) : null,
                report && analysis.isObject() && !analysis.isEmpty() ? analysis(analysis) : null,
                CallEvent.objectText(call.path("assistantOverrides").get("variableValues")),
                CallEvent.objectText(metadata), occurredAt, PROVIDER);
    }

    /** Vapi's {@code endedReason} as Switchboard's disposition; a connected call that hung up is "answered". */
    static String disposition(String endedReason) {
        if (endedReason == null || endedReason.isBlank()) {
            return null;
        }
        String r = endedReason.toLowerCase(Locale.ROOT);
        return switch (r) {
            case "customer-did-not-answer" -> "no_answer";
            case "customer-busy" -> "busy";
            case "voicemail" -> "voicemail";
            case "manually-canceled" -> "cancelled";
            case "twilio-reported-customer-misdialed" -> "invalid_number";
            default -> r.contains("error") || r.contains("failed") || r.contains("fault") ? "failed" : "answered";
        };
    }

    /** A status update; an ended call waits for its end-of-call report when it was connected. */
    private static String status(String vapiStatus, String disposition) {
        if (vapiStatus == null) {
            return null;
        }
        return switch (vapiStatus) {
            case "scheduled", "queued" -> "queued";
            case "ringing" -> "ringing";
            case "in-progress", "forwarding" -> "in_progress";
            case "ended" -> CallEvent.finalStatus(disposition, true);
            default -> null;
        };
    }

    private static JsonNode metadata(JsonNode call) {
        JsonNode own = call.get("metadata");
        if (own != null && own.isObject() && !own.isEmpty()) {
            return own;
        }
        JsonNode overrides = call.path("assistantOverrides").get("metadata");
        return overrides != null && overrides.isObject() ? overrides : null;
    }

    private static Integer duration(JsonNode message, Instant started, Instant ended) {
        JsonNode seconds = message.get("durationSeconds");
        if (seconds != null && seconds.isNumber()) {
            return (int) Math.round(seconds.asDouble());
        }
        return started != null && ended != null && !ended.isBefore(started)
                ? (int) Math.round(Duration.between(started, ended).toMillis() / 1000.0) : null;
    }

    private static BigDecimal cost(JsonNode message, JsonNode call) {
        JsonNode cost = message.has("cost") ? message.get("cost") : call.get("cost");
        return cost == null || !cost.isNumber() ? null : cost.decimalValue().multiply(CENTS_PER_DOLLAR);
    }

    private static String transcript(JsonNode message, JsonNode artifact) {
        String text = CallEvent.text(artifact, "transcript");
        return text != null ? text : CallEvent.text(message, "transcript");
    }

    private static String recordingUrl(JsonNode message, JsonNode artifact) {
        String url = CallEvent.text(artifact, "recordingUrl");
        if (url == null) {
            url = CallEvent.text(artifact.path("recording").path("mono"), "combinedUrl");
        }
        if (url == null) {
            url = CallEvent.text(artifact.path("recording"), "stereoUrl");
        }
        return url != null ? url : CallEvent.text(message, "recordingUrl");
    }

    /** The conversation's turns: the assistant ("bot") as the agent, the caller as the user; system and tool messages left out. */
    private static String turns(JsonNode messages) {
        if (!messages.isArray() || messages.isEmpty()) {
            return null;
        }
        ArrayNode out = JSON.createArrayNode();
        for (JsonNode m : messages) {
            String role = m.path("role").asString("");
            String speaker = switch (role) {
                case "bot", "assistant" -> "agent";
                case "user" -> "user";
                default -> null;
            };
            if (speaker == null) {
                continue;
            }
            ObjectNode turn = out.addObject();
            turn.put("speaker", speaker);
            turn.put("text", m.path("message").asString(m.path("content").asString("")));
            if (m.path("secondsFromStart").isNumber()) {
                double start = m.path("secondsFromStart").asDouble();
                turn.put("start", start);
                if (m.path("duration").isNumber()) {
                    turn.put("end", start + m.path("duration").asDouble() / 1000.0);
                }
            }
        }
        return out.isEmpty() ? null : out.toString();
    }

    private static String analysis(JsonNode node) {
        ObjectNode out = JSON.createObjectNode();
        CallEvent.copy(node, "summary", out, "summary");
        JsonNode success = node.get("successEvaluation");
        if (success != null && !success.isNull()) {
            String verdict = success.asString("").toLowerCase(Locale.ROOT);
            out.put("successful", success.isBoolean() ? success.asBoolean() : "true".equals(verdict) || "pass".equals(verdict));
        }
        JsonNode custom = node.get("structuredData");
        out.set("custom", custom == null || !custom.isObject() ? JSON.createObjectNode() : custom.deepCopy());
        return out.toString();
    }

    private static String firstText(JsonNode preferred, JsonNode fallback, String field) {
        String value = CallEvent.text(preferred, field);
        return value != null ? value : CallEvent.text(fallback, field);
    }

    private static Instant instant(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return Instant.parse(iso);
        } catch (DateTimeParseException notIso) {
            return null;
        }
    }
}
