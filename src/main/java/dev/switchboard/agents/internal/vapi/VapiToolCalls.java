package dev.switchboard.agents.internal.vapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vapi's {@code tool-calls} server message and the answer it waits for, as the server SDK
 * defines them (ServerMessageToolCalls, ToolCall, ToolCallFunction, ServerMessageResponseToolCalls,
 * ToolCallResult). A request is {@code {"message": {"type": "tool-calls", "toolCallList": [{"id",
 * "type": "function", "function": {"name", "arguments"}}], "toolWithToolCallList": [...],
 * "call": {...}}}}; arguments arrive as a JSON string in the SDK's type but as an object in
 * Vapi's examples, and older messages put {@code name}/{@code arguments} on the call itself, so
 * all of these are read. The answer is {@code {"results": [{"toolCallId", "name", "result" |
 * "error"}]}}, each result a single line of text (Vapi adds it to the conversation as is).
 */
final class VapiToolCalls {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private VapiToolCalls() {
    }

    /** A parsed {@code tool-calls} message: the Vapi call it belongs to and the calls to run. */
    record ToolCallRequest(String callId, String assistantId, Map<String, String> metadata, List<ToolCall> toolCalls) {
    }

    /** One function call the model asked for. */
    record ToolCall(String id, String name, Map<String, Object> arguments) {
    }

    /** The outcome of one tool call: exactly one of {@code result} and {@code error}. */
    record ToolResult(String toolCallId, String name, String result, String error) {

        static ToolResult success(ToolCall call, String result) {
            return new ToolResult(call.id(), call.name(), singleLine(result), null);
        }

        static ToolResult failure(ToolCall call, String error) {
            return new ToolResult(call.id(), call.name(), null, singleLine(error));
        }
    }

    /** Reads a server message; fails with {@link IllegalArgumentException} when it is not a readable tool-calls message. */
    static ToolCallRequest parse(byte[] rawBody) {
        JsonNode root;
        try {
            root = JSON.readTree(rawBody);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("The Vapi server message is not JSON", e);
        }
        JsonNode message = root.path("message");
        if (!"tool-calls".equals(VapiVoiceAgentProvider.text(message, "type"))) {
            throw new IllegalArgumentException("The Vapi server message is not a tool-calls message");
        }
        List<ToolCall> calls = new ArrayList<>();
        if (message.path("toolCallList").isArray() && !message.path("toolCallList").isEmpty()) {
            message.path("toolCallList").forEach(call -> calls.add(toolCall(call, null)));
        } else {
            message.path("toolWithToolCallList").forEach(tool -> calls.add(toolCall(tool.path("toolCall"), tool)));
        }
        if (calls.isEmpty()) {
            throw new IllegalArgumentException("The Vapi tool-calls message lists no tool calls");
        }
        JsonNode call = message.path("call");
        Map<String, String> metadata = new LinkedHashMap<>();
        call.path("assistantOverrides").path("metadata").properties()
                .forEach(entry -> metadata.put(entry.getKey(), entry.getValue().asString()));
        return new ToolCallRequest(VapiVoiceAgentProvider.text(call, "id"), VapiVoiceAgentProvider.text(call, "assistantId"),
                metadata, List.copyOf(calls));
    }

    private static ToolCall toolCall(JsonNode call, JsonNode tool) {
        String id = VapiVoiceAgentProvider.text(call, "id");
        JsonNode function = call.path("function");
        String name = firstText(function, call, "name");
        if (name == null && tool != null) {
            name = VapiVoiceAgentProvider.text(tool.path("function"), "name");
        }
        if (id == null || name == null) {
            throw new IllegalArgumentException("A Vapi tool call has no id or no function name");
        }
        JsonNode arguments = function.has("arguments") ? function.get("arguments") : call.path("arguments");
        return new ToolCall(id, name, arguments(arguments, name));
    }

    private static Map<String, Object> arguments(JsonNode arguments, String name) {
        if (arguments == null || arguments.isMissingNode() || arguments.isNull()) {
            return Map.of();
        }
        try {
            JsonNode object = arguments.isString()
                    ? (arguments.asString().isBlank() ? JSON.createObjectNode() : JSON.readTree(arguments.asString()))
                    : arguments;
            if (!object.isObject()) {
                throw new IllegalArgumentException("The arguments of tool call " + name + " are not a JSON object");
            }
            return JSON.convertValue(object, OBJECT);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("The arguments of tool call " + name + " are not JSON", e);
        }
    }

    private static String firstText(JsonNode preferred, JsonNode fallback, String field) {
        String value = VapiVoiceAgentProvider.text(preferred, field);
        return value != null ? value : VapiVoiceAgentProvider.text(fallback, field);
    }

    /** The answer Vapi expects for the results of one tool-calls message. */
    static String respond(List<ToolResult> results) {
        List<Map<String, String>> entries = new ArrayList<>();
        for (ToolResult result : results) {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("toolCallId", result.toolCallId());
            if (result.name() != null) {
                entry.put("name", result.name());
            }
            if (result.error() != null) {
                entry.put("error", result.error());
            } else {
                entry.put("result", result.result() == null ? "" : result.result());
            }
            entries.add(entry);
        }
        return JSON.writeValueAsString(Map.of("results", entries));
    }

    /** Vapi reads results as one line: line breaks and runs of spaces become single spaces. */
    static String singleLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").trim();
    }
}
