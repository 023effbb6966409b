package dev.switchboard.calls.internal.api;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the provider's analysis says about a call, as stored in {@code calls.analysis}: the summary,
 * the caller's sentiment and whether the call reached its goal. Every field may be null.
 */
public record CallAnalysis(String summary, String sentiment, Boolean successful) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final CallAnalysis NONE = new CallAnalysis(null, null, null);

    static CallAnalysis of(String json) {
        return json == null ? NONE : of(JSON.readTree(json));
    }

    public static CallAnalysis of(JsonNode analysis) {
        if (analysis == null || !analysis.isObject()) {
            return NONE;
        }
        JsonNode successful = analysis.get("successful");
        return new CallAnalysis(text(analysis, "summary"), text(analysis, "sentiment"),
                successful != null && successful.isBoolean() ? successful.asBoolean() : null);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString("");
    }
}
