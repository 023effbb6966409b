package dev.switchboard.agents.internal.definition;

import dev.switchboard.platform.ApiProblem;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A conversation flow: nodes (start, say, ask, branch, tool, transfer, end) joined by edges.
 * Validated as a whole: one start, known node types with their fields, edges between existing
 * nodes, every node reachable from the start, and every path able to end.
 */
public final class ConversationFlows {

    static final Set<String> TYPES = Set.of("start", "say", "ask", "branch", "tool", "transfer", "end");

    private ConversationFlows() {
    }

    /** Validates {@code flow}; {@code toolNames} are the agent's tools a tool node may call. */
    public static void validate(JsonNode flow, Set<String> toolNames) {
        if (flow == null || flow.isNull()) {
            return;
        }
        ApiProblem problem = ApiProblem.validation("The conversation flow is not valid; correct the fields listed.");
        if (!flow.isObject() || !flow.path("nodes").isArray() || !flow.path("edges").isArray()) {
            throw problem.field("conversationFlow", "must be an object with a 'nodes' list and an 'edges' list");
        }
        Map<String, String> typeById = new HashMap<>();
        String start = null;
        int index = 0;
        for (JsonNode node : flow.get("nodes")) {
            String at = "conversationFlow.nodes[" + index++ + "]";
            String id = node.path("id").asString("");
            String type = node.path("type").asString("");
            if (id.isBlank()) {
                problem.field(at + ".id", "is required");
                continue;
            }
            if (typeById.containsKey(id)) {
                problem.field(at + ".id", "'" + id + "' is used by another node");
            }
            if (!TYPES.contains(type)) {
                problem.field(at + ".type", "must be one of start, say, ask, branch, tool, transfer, end");
                continue;
            }
            typeById.put(id, type);
            switch (type) {
                case "start" -> {
                    if (start != null) {
                        problem.field(at + ".type", "a flow has exactly one start node");
                    }
                    start = id;
                }
                case "say", "ask" -> requireText(problem, node, at, "text");
                case "branch" -> {
                    String on = node.path("on").asString("");
                    if (!on.equals("intent") && !on.equals("variable")) {
                        problem.field(at + ".on", "must be 'intent' or 'variable'");
                    }
                }
                case "tool" -> {
                    String tool = node.path("tool").asString("");
                    if (!toolNames.contains(tool)) {
                        problem.field(at + ".tool", "must name one of the agent's tools" + (toolNames.isEmpty() ? " (it has none)"
                                : ": " + String.join(", ", toolNames)));
                    }
                }
                case "transfer" -> {
                    String number = node.path("number").asString("");
                    if (!number.matches("\\+[1-9][0-9]{6,14}")) {
                        problem.field(at + ".number", "must be an E.164 number such as +14155551234");
                    }
                }
                default -> {
                }
            }
        }
        if (start == null && !typeById.isEmpty()) {
            problem.field("conversationFlow.nodes", "needs one node of type 'start'");
        }
        Map<String, List<String>> next = new HashMap<>();
        index = 0;
        for (JsonNode edge : flow.get("edges")) {
            String at = "conversationFlow.edges[" + index++ + "]";
            String from = edge.path("from").asString("");
            String to = edge.path("to").asString("");
            if (!typeById.containsKey(from)) {
                problem.field(at + ".from", "'" + from + "' is not a node of this flow");
            }
            if (!typeById.containsKey(to)) {
                problem.field(at + ".to", "'" + to + "' is not a node of this flow");
            }
            if ("branch".equals(typeById.get(from)) && edge.path("when").asString("").isBlank()) {
                problem.field(at + ".when", "is required on edges leaving a branch: the intent or value that takes this path");
            }
            next.computeIfAbsent(from, k -> new java.util.ArrayList<>()).add(to);
        }
        if (problem.errors().isEmpty() && start != null) {
            Set<String> reached = new HashSet<>();
            ArrayDeque<String> queue = new ArrayDeque<>(List.of(start));
            while (!queue.isEmpty()) {
                String id = queue.poll();
                if (reached.add(id)) {
                    queue.addAll(next.getOrDefault(id, List.of()));
                }
            }
            typeById.keySet().stream().filter(id -> !reached.contains(id)).sorted().forEach(id ->
                    problem.field("conversationFlow.nodes", "node '" + id + "' cannot be reached from the start"));
            typeById.forEach((id, type) -> {
                if (!type.equals("end") && !type.equals("transfer") && next.getOrDefault(id, List.of()).isEmpty()) {
                    problem.field("conversationFlow.edges", "node '" + id + "' leads nowhere; connect it to another node or an end");
                }
            });
        }
        if (!problem.errors().isEmpty()) {
            throw problem;
        }
    }

    private static void requireText(ApiProblem problem, JsonNode node, String at, String field) {
        if (node.path(field).asString("").isBlank()) {
            problem.field(at + "." + field, "is required");
        }
    }
}
