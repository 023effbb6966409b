package dev.switchboard.sandbox.internal.conversation;

import dev.switchboard.sandbox.internal.http.Json;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fills a custom tool's JSON-schema {@code parameters} the way the model would after talking with
 * the person: constants as given, values from the call's variables where a name matches, and
 * plausible values otherwise.
 */
final class ToolArgs {

    private ToolArgs() {
    }

    static ObjectNode fill(JsonNode parameters, Map<String, String> variables, String personNumber, LocalDate today,
            SplittableRandom random) {
        ObjectNode args = Json.object();
        JsonNode properties = parameters == null ? null : parameters.get("properties");
        if (properties == null || !properties.isObject()) {
            return args;
        }
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            args.set(property.getKey(), value(property.getKey(), property.getValue(), variables, personNumber, today,
                    random, 0));
        }
        return args;
    }

    private static JsonNode value(String name, JsonNode schema, Map<String, String> variables, String personNumber,
            LocalDate today, SplittableRandom random, int depth) {
        if (schema != null && schema.has("const")) {
            JsonNode constant = schema.get("const");
            return constant.isString() ? Json.MAPPER.getNodeFactory().stringNode(
                    Templates.render(constant.stringValue(), variables)) : constant.deepCopy();
        }
        String type = schema == null ? "string" : Json.text(schema, "type");
        JsonNode choices = schema == null ? null : schema.get("enum");
        if (choices != null && choices.isArray() && !choices.isEmpty()) {
            return choices.get(random.nextInt(choices.size())).deepCopy();
        }
        var nodes = Json.MAPPER.getNodeFactory();
        String key = name.toLowerCase(Locale.ROOT);
        String known = variables.get(name);
        if (type == null) {
            type = "string";
        }
        switch (type) {
            case "object" -> {
                if (depth > 3) {
                    return Json.object();
                }
                ObjectNode nested = Json.object();
                JsonNode properties = schema.get("properties");
                if (properties != null && properties.isObject()) {
                    for (Map.Entry<String, JsonNode> p : properties.properties()) {
                        nested.set(p.getKey(), value(p.getKey(), p.getValue(), variables, personNumber, today, random,
                                depth + 1));
                    }
                }
                return nested;
            }
            case "array" -> {
                ArrayNode items = Json.array();
                if (depth <= 3) {
                    items.add(value(name, schema.get("items"), variables, personNumber, today, random, depth + 1));
                }
                return items;
            }
            case "integer" -> {
                return nodes.numberNode(known != null && known.matches("-?\\d+") ? Long.parseLong(known)
                        : 1 + random.nextInt(key.contains("size") || key.contains("guests") ? 6 : 3));
            }
            case "number" -> {
                if (known != null) {
                    try {
                        return nodes.numberNode(Double.parseDouble(known));
                    } catch (NumberFormatException e) {
                        // fall through to a made-up value
                    }
                }
                return nodes.numberNode(1 + random.nextInt(3));
            }
            case "boolean" -> {
                return nodes.booleanNode(known != null ? Boolean.parseBoolean(known) : true);
            }
            default -> {
                return nodes.stringNode(known != null ? known : text(key, variables, personNumber, today, random));
            }
        }
    }

    private static String text(String key, Map<String, String> variables, String personNumber, LocalDate today,
            SplittableRandom random) {
        String first = Templates.firstName(variables);
        if (key.contains("phone") || key.contains("number") && !key.contains("guest")) {
            return personNumber;
        }
        if (key.contains("email")) {
            String email = variables.get("email");
            return email != null ? email : (first == null ? "caller" : first.toLowerCase(Locale.ROOT)) + "@example.com";
        }
        if (key.contains("first") && key.contains("name")) {
            return first != null ? first : "Alex";
        }
        if (key.contains("last") && key.contains("name")) {
            String last = variables.get("last_name");
            return last != null ? last : "Morgan";
        }
        if (key.contains("name")) {
            String full = variables.get("name");
            return full != null ? full : first != null ? first : "Alex Morgan";
        }
        if (key.contains("date") || key.equals("day")) {
            return today.plusDays(1 + random.nextInt(5)).toString();
        }
        if (key.contains("time") || key.contains("slot") || key.contains("hour")) {
            return String.format(Locale.ROOT, "%02d:%s", 9 + random.nextInt(8), random.nextBoolean() ? "00" : "30");
        }
        if (key.contains("timezone") || key.contains("time_zone")) {
            return "America/Los_Angeles";
        }
        if (key.contains("reason") || key.contains("note") || key.contains("summary") || key.contains("description")) {
            return "Requested during the call";
        }
        if (key.contains("service")) {
            String service = variables.get("service");
            return service != null ? service : "Consultation";
        }
        return "yes";
    }
}
