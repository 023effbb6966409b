package dev.switchboard.sandbox.internal.api;

import dev.switchboard.sandbox.internal.http.ApiException;
import dev.switchboard.sandbox.internal.http.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * The {@code filter_criteria} of list-calls, evaluated against rendered calls: the v2 form (lists
 * of accepted values, {@code {lower_threshold, upper_threshold}} ranges) and the v3 form (typed
 * filters {@code {"type", "op", "value"}}, keyed filters on metadata, dynamic variables and custom
 * analysis data). All conditions must hold.
 */
final class CallQuery {

    private static final Map<String, String[]> FIELDS = Map.ofEntries(
            Map.entry("agent_id", new String[] {"agent_id"}),
            Map.entry("call_id", new String[] {"call_id"}),
            Map.entry("batch_call_id", new String[] {"batch_call_id"}),
            Map.entry("call_status", new String[] {"call_status"}),
            Map.entry("call_type", new String[] {"call_type"}),
            Map.entry("direction", new String[] {"direction"}),
            Map.entry("from_number", new String[] {"from_number"}),
            Map.entry("to_number", new String[] {"to_number"}),
            Map.entry("disconnection_reason", new String[] {"disconnection_reason"}),
            Map.entry("data_storage_setting", new String[] {"data_storage_setting"}),
            Map.entry("start_timestamp", new String[] {"start_timestamp"}),
            Map.entry("end_timestamp", new String[] {"end_timestamp"}),
            Map.entry("duration_ms", new String[] {"duration_ms"}),
            Map.entry("combined_cost", new String[] {"call_cost", "combined_cost"}),
            Map.entry("user_sentiment", new String[] {"call_analysis", "user_sentiment"}),
            Map.entry("call_successful", new String[] {"call_analysis", "call_successful"}),
            Map.entry("in_voicemail", new String[] {"call_analysis", "in_voicemail"}));

    private static final Map<String, String[]> KEYED = Map.of(
            "metadata", new String[] {"metadata"},
            "dynamic_variables", new String[] {"retell_llm_dynamic_variables"},
            "custom_analysis_data", new String[] {"call_analysis", "custom_analysis_data"});

    private CallQuery() {
    }

    /** {@code POST /v2/list-calls}: each field lists the values accepted; ranges use lower/upper thresholds. */
    static Predicate<JsonNode> v2(JsonNode criteria) {
        List<Predicate<JsonNode>> all = new ArrayList<>();
        if (criteria != null && criteria.isObject()) {
            for (Map.Entry<String, JsonNode> entry : criteria.properties()) {
                String[] path = FIELDS.get(entry.getKey());
                JsonNode filter = entry.getValue();
                if (path == null || filter == null || filter.isNull()) {
                    continue;
                }
                if (filter.isArray()) {
                    all.add(call -> {
                        JsonNode value = at(call, path);
                        for (JsonNode accepted : filter) {
                            if (value != null && sameValue(value, accepted)) {
                                return true;
                            }
                        }
                        return false;
                    });
                } else if (filter.isObject()) {
                    Double lower = Json.doubleValue(filter, "lower_threshold");
                    Double upper = Json.doubleValue(filter, "upper_threshold");
                    all.add(call -> {
                        JsonNode value = at(call, path);
                        if (value == null || !value.isNumber()) {
                            return false;
                        }
                        double number = value.asDouble();
                        return (lower == null || number >= lower) && (upper == null || number <= upper);
                    });
                } else {
                    throw ApiException.badRequest("filter_criteria." + entry.getKey() + " must be a list of values");
                }
            }
        }
        return call -> all.stream().allMatch(p -> p.test(call));
    }

    /** {@code POST /v3/list-calls}: typed filters. */
    static Predicate<JsonNode> v3(JsonNode criteria) {
        List<Predicate<JsonNode>> all = new ArrayList<>();
        if (criteria != null && criteria.isObject()) {
            for (Map.Entry<String, JsonNode> entry : criteria.properties()) {
                String name = entry.getKey();
                JsonNode filter = entry.getValue();
                if (filter == null || filter.isNull()) {
                    continue;
                }
                if (name.equals("agent")) {
                    all.add(agents(filter));
                } else if (KEYED.containsKey(name)) {
                    String[] base = KEYED.get(name);
                    if (!filter.isArray()) {
                        throw ApiException.badRequest("filter_criteria." + name + " must be a list of filters with a key");
                    }
                    for (JsonNode keyed : filter) {
                        String key = Json.text(keyed, "key");
                        if (key == null) {
                            throw ApiException.badRequest("filter_criteria." + name + " filters need a key");
                        }
                        all.add(call -> typed(keyed, name, at(at(call, base), key)));
                    }
                } else if (FIELDS.containsKey(name)) {
                    String[] path = FIELDS.get(name);
                    all.add(call -> typed(filter, name, at(call, path)));
                }
            }
        }
        return call -> all.stream().allMatch(p -> p.test(call));
    }

    private static Predicate<JsonNode> agents(JsonNode filter) {
        if (!filter.isArray()) {
            throw ApiException.badRequest("filter_criteria.agent must be a list of {agent_id, version}");
        }
        return call -> {
            for (JsonNode agent : filter) {
                if (!Json.text(call, "agent_id").equals(Json.text(agent, "agent_id"))) {
                    continue;
                }
                JsonNode versions = agent.get("version");
                if (versions == null || !versions.isArray() || versions.isEmpty()) {
                    return true;
                }
                for (JsonNode version : versions) {
                    if (version.asLong(-1) == call.get("agent_version").asLong(-2)) {
                        return true;
                    }
                }
            }
            return false;
        };
    }

    private static boolean typed(JsonNode filter, String name, JsonNode value) {
        String type = Json.text(filter, "type");
        String op = Json.text(filter, "op");
        JsonNode expected = filter.get("value");
        if (type == null || op == null) {
            throw ApiException.badRequest("filter_criteria." + name + " needs a type and an op: v3 filters look like "
                    + "{\"type\": \"string\", \"op\": \"eq\", \"value\": …}; lists of values are the v2 form, for "
                    + "POST /v2/list-calls");
        }
        boolean present = value != null && !value.isNull();
        switch (type) {
            case "present" -> {
                return op.equals("pr") == present;
            }
            case "enum" -> {
                if (!present || expected == null || !expected.isArray()) {
                    return false;
                }
                for (JsonNode accepted : expected) {
                    if (sameValue(value, accepted)) {
                        return true;
                    }
                }
                return false;
            }
            case "boolean" -> {
                return present && expected != null && value.asString().equals(expected.asString());
            }
            case "range" -> {
                if (!present || !value.isNumber() || expected == null || !expected.isArray() || expected.size() != 2) {
                    return false;
                }
                double number = value.asDouble();
                return number >= expected.get(0).asDouble() && number <= expected.get(1).asDouble();
            }
            case "number" -> {
                if (!present || !value.isNumber() || expected == null) {
                    return false;
                }
                int cmp = Double.compare(value.asDouble(), expected.asDouble());
                return switch (op) {
                    case "eq" -> cmp == 0;
                    case "ne" -> cmp != 0;
                    case "gt" -> cmp > 0;
                    case "ge" -> cmp >= 0;
                    case "lt" -> cmp < 0;
                    case "le" -> cmp <= 0;
                    default -> throw ApiException.badRequest("filter_criteria." + name + ": unknown number op " + op);
                };
            }
            case "string" -> {
                String text = present && value.isValueNode() ? value.asString() : null;
                String want = expected == null ? "" : expected.asString();
                if (op.equals("ne")) {
                    return text == null || !text.equals(want);
                }
                if (text == null) {
                    return false;
                }
                return switch (op) {
                    case "eq" -> text.equals(want);
                    case "sw" -> text.startsWith(want);
                    case "ew" -> text.endsWith(want);
                    case "co" -> text.contains(want);
                    default -> throw ApiException.badRequest("filter_criteria." + name + ": unknown string op " + op);
                };
            }
            default -> throw ApiException.badRequest("filter_criteria." + name + ": unknown filter type " + type);
        }
    }

    private static boolean sameValue(JsonNode value, JsonNode accepted) {
        if (value.isNumber() && accepted.isNumber()) {
            return value.asDouble() == accepted.asDouble();
        }
        return value.isValueNode() && accepted.isValueNode() && value.asString().equals(accepted.asString());
    }

    private static JsonNode at(JsonNode node, String... path) {
        JsonNode current = node;
        for (String step : path) {
            if (current == null || !current.isObject()) {
                return null;
            }
            current = current.get(step);
        }
        return current;
    }
}
