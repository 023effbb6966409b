package dev.switchboard.sandbox.internal.http;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What a handler answers: JSON, raw bytes (recordings) or nothing (204).
 */
public record ApiResponse(int status, JsonNode json, byte[] raw, String contentType, Map<String, String> headers) {

    public static ApiResponse ok(JsonNode json) {
        return new ApiResponse(200, json, null, "application/json", Map.of());
    }

    public static ApiResponse created(JsonNode json) {
        return new ApiResponse(201, json, null, "application/json", Map.of());
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null, null, null, Map.of());
    }

    public static ApiResponse bytes(String contentType, byte[] body) {
        return new ApiResponse(200, null, body, contentType, Map.of());
    }

    public static ApiResponse error(int status, String message) {
        return new ApiResponse(status, Json.object().put("status", "error").put("message", message), null,
                "application/json", Map.of());
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put(name, value);
        return new ApiResponse(status, json, raw, contentType, Map.copyOf(all));
    }
}
