package dev.switchboard.calls.internal.processing;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one provider event says about a call, mapped to Switchboard's words: a Retell-format
 * webhook ({@code call_started}, {@code call_ended}, {@code call_analyzed}…), a Vapi server
 * message ({@link VapiCallEvents}) or a Twilio status callback ({@link TwilioCallEvents}). Every
 * field may be null: the applier only merges what an event knows, so events can arrive in any
 * order and any number of times.
 *
 * @param status      the status this event proves the call reached
 * @param disposition the outcome, when the event tells it
 * @param provider    the provider whose call this is when the event says so (null for Retell-format
 *                    events, whose provider is the agent's)
 */
record CallEvent(String type, String providerCallId, String providerAgentId, String direction, String fromNumber,
                 String toNumber, String providerBatchId, String switchboardCallId, String campaignId,
                 String status, String disposition, String disconnectionReason, Instant startedAt, Instant endedAt,
                 Integer durationSeconds, java.math.BigDecimal costCents, String transcript, String transcriptTurns,
                 String recordingUrl, String analysis, String dynamicVariables, String metadata, Instant occurredAt, String provider) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Reasons meaning the call never reached anyone because something broke. */
    private static final Set<String> FAILURES = Set.of("dial_failed", "concurrency_limit_reached", "no_valid_payment",
            "scam_detected", "registered_call_timeout");

    /** Reads an inbox event in its provider's format: {@code vapi}, {@code twilio}, else Retell's. */
    static CallEvent parse(String provider, String rawBody, Instant receivedAt) {
        return switch (provider == null ? "" : provider) {
            case VapiCallEvents.PROVIDER -> VapiCallEvents.parse(rawBody, receivedAt);
            case TwilioCallEvents.PROVIDER -> TwilioCallEvents.parse(rawBody, receivedAt);
            default -> parse(rawBody, receivedAt);
        };
    }

    /** Reads a Retell-format webhook. */
    static CallEvent parse(String rawBody, Instant receivedAt) {
        JsonNode event = JSON.readTree(rawBody);
        String type = event.path("event").asString(event.path("event_type").asString(""));
        JsonNode call = event.path("call");
        String reason = text(call, "disconnection_reason");
        JsonNode analysisNode = call.get("call_analysis");
        boolean analyzed = "call_analyzed".equals(type) && analysisNode != null && analysisNode.isObject();
        boolean inVoicemail = analyzed && analysisNode.path("in_voicemail").asBoolean(false);
        String disposition = disposition(reason, inVoicemail);
        Instant started = millis(call, "start_timestamp");
        Instant ended = millis(call, "end_timestamp");
        boolean ends = "call_ended".equals(type) || "call_analyzed".equals(type);
        String status = switch (type) {
            case "call_started" -> "in_progress";
            case "call_ended", "call_analyzed" -> finalStatus(type, disposition);
            default -> null;
        };
        Long durationMs = call.hasNonNull("duration_ms") ? call.get("duration_ms").asLong() : null;
        JsonNode cost = call.path("call_cost").get("combined_cost");
        JsonNode metadata = call.get("metadata");
        return new CallEvent(type, text(call, "call_id"), text(call, "agent_id"), text(call, "direction"),
                text(call, "from_number"), text(call, "to_number"), text(call, "batch_call_id"),
                metadata == null ? null : text(metadata, "switchboardCallId"),
                metadata == null ? null : text(metadata, "campaignId"),
                status, disposition, reason, started, ends ? ended : null,
                durationMs == null ? null : (int) Math.round(durationMs / 1000.0),
                cost == null || !cost.isNumber() ? null : cost.decimalValue(),
                ends ? text(call, "transcript") : null,
                ends ? turns(call.get("transcript_object")) : null,
                text(call, "recording_url"),
                analyzed ? analysis(analysisNode) : null,
                objectText(call.get("retell_llm_dynamic_variables")),
                objectText(metadata),
                switch (type) {
                    case "call_started" -> started != null ? started : receivedAt;
                    case "call_ended", "call_analyzed" -> ended != null ? ended : receivedAt;
                    default -> receivedAt;
                }, null);
    }

    /** The same event, about the call the provider knows as {@code providerCallId}. */
    CallEvent about(String callId, String agentId) {
        return new CallEvent(type, callId, agentId, direction, fromNumber, toNumber, providerBatchId, switchboardCallId,
                campaignId, status, disposition, disconnectionReason, startedAt, endedAt, durationSeconds, costCents,
                transcript, transcriptTurns, recordingUrl, analysis, dynamicVariables, metadata, occurredAt, provider);
    }

    /**
     * Retell's disconnection reason as Switchboard's disposition. A call that reached voicemail is
     * "voicemail" whichever way it was told; any other hang-up of a connected call is "answered".
     */
    static String disposition(String reason, boolean inVoicemail) {
        if (inVoicemail) {
            return "voicemail";
        }
        if (reason == null) {
            return null;
        }
        String r = reason.toLowerCase(Locale.ROOT);
        return switch (r) {
            case "dial_no_answer" -> "no_answer";
            case "dial_busy" -> "busy";
            case "voicemail_reached" -> "voicemail";
            case "invalid_destination" -> "invalid_number";
            default -> r.startsWith("error") || FAILURES.contains(r) ? "failed" : "answered";
        };
    }

    /**
     * A connected call waits for its analysis ("analyzing") after call_ended; a call that never
     * connected has nothing to analyze and ends at once: "failed" when something broke,
     * otherwise "completed" (no answer, busy and voicemail are outcomes, not failures).
     */
    private static String finalStatus(String type, String disposition) {
        return finalStatus(disposition, "call_ended".equals(type));
    }

    /**
     * The status a call ends in, from its disposition; {@code analysisFollows} when the provider
     * sends its analysis in a later event, so a connected call waits for it.
     */
    static String finalStatus(String disposition, boolean analysisFollows) {
        if ("failed".equals(disposition) || "invalid_number".equals(disposition)) {
            return "failed";
        }
        if ("cancelled".equals(disposition)) {
            return "cancelled";
        }
        if (analysisFollows && ("answered".equals(disposition) || disposition == null)) {
            return "analyzing";
        }
        return "completed";
    }

    private static String analysis(JsonNode node) {
        ObjectNode out = JSON.createObjectNode();
        copy(node, "call_summary", out, "summary");
        copy(node, "user_sentiment", out, "sentiment");
        copy(node, "call_successful", out, "successful");
        copy(node, "in_voicemail", out, "inVoicemail");
        JsonNode custom = node.get("custom_analysis_data");
        out.set("custom", custom == null || custom.isNull() ? JSON.createObjectNode() : custom.deepCopy());
        return out.toString();
    }

    static void copy(JsonNode from, String name, ObjectNode to, String as) {
        JsonNode value = from.get(name);
        if (value != null && !value.isNull()) {
            to.set(as, value.deepCopy());
        }
    }

    /** Turns as speaker, text and the first and last word's times in seconds. */
    private static String turns(JsonNode transcriptObject) {
        if (transcriptObject == null || !transcriptObject.isArray()) {
            return null;
        }
        ArrayNode out = JSON.createArrayNode();
        for (JsonNode utterance : transcriptObject) {
            ObjectNode turn = out.addObject();
            turn.put("speaker", utterance.path("role").asString(""));
            turn.put("text", utterance.path("content").asString(""));
            JsonNode words = utterance.path("words");
            if (words.isArray() && !words.isEmpty()) {
                turn.set("start", words.get(0).get("start"));
                turn.set("end", words.get(words.size() - 1).get("end"));
            }
        }
        return out.toString();
    }

    static String objectText(JsonNode node) {
        return node == null || !node.isObject() ? null : node.toString();
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        String s = value.asString("");
        return s.isBlank() ? null : s;
    }

    private static Instant millis(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isNumber() ? null : Instant.ofEpochMilli(value.asLong());
    }
}
