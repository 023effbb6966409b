package dev.switchboard.sandbox.internal.faults;

import dev.switchboard.sandbox.internal.http.ApiException;
import dev.switchboard.sandbox.internal.http.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The faults injected into one sandbox account, set with {@code POST /sandbox/faults} and cleared
 * with {@code DELETE /sandbox/faults}. Draws come from a seeded random, so a seeded sandbox fails
 * the same requests every run (given the same order of requests).
 */
public final class FaultPlan {

    /** No faults. */
    public static final FaultPlan NONE = new FaultPlan(List.of(), 0);

    private final List<FaultRule> rules;
    private final SplittableRandom random;

    private FaultPlan(List<FaultRule> rules, long seed) {
        this.rules = rules;
        this.random = new SplittableRandom(seed);
    }

    /** Reads {@code {"faults": [rule, …]}}, a bare list of rules, or one rule. */
    public static FaultPlan parse(JsonNode body, long seed) {
        JsonNode list = body.isArray() ? body : body.has("faults") ? body.get("faults") : null;
        List<FaultRule> rules = new ArrayList<>();
        if (list == null) {
            rules.add(FaultRule.parse(body, 0));
        } else if (!list.isArray()) {
            throw ApiException.badRequest("faults must be an array of fault objects");
        } else {
            for (int i = 0; i < list.size(); i++) {
                rules.add(FaultRule.parse(list.get(i), i));
            }
        }
        return new FaultPlan(List.copyOf(rules), seed);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The API fault this request suffers, or {@code null}: at most one, the first rule that fires. */
    public FaultRule forRequest(String method, String path) {
        for (FaultRule rule : rules) {
            if (rule.matchesRequest(method, path) && fires(rule.probability())) {
                return rule;
            }
        }
        return null;
    }

    /** Whether this event is never sent. */
    public boolean drops(String event) {
        return webhookFault(FaultRule.Type.DROP, event) != null;
    }

    /** The extra wait before this event is sent (zero normally). */
    public long delayMs(String event) {
        FaultRule slow = webhookFault(FaultRule.Type.SLOW, event);
        return slow == null ? 0 : slow.delayMs();
    }

    /** Whether a call's events are all sent three times, in shuffled order (drawn once per call). */
    public boolean duplicatesAndShuffles() {
        return webhookFault(FaultRule.Type.DUPLICATE_SHUFFLE, null) != null;
    }

    public ObjectNode toJson() {
        ObjectNode json = Json.object();
        ArrayNode list = json.putArray("faults");
        rules.forEach(rule -> list.add(rule.toJson()));
        return json;
    }

    private FaultRule webhookFault(FaultRule.Type type, String event) {
        for (FaultRule rule : rules) {
            if (rule.type() == type && (event == null ? rule.onWebhooks() : rule.matchesEvent(event))
                    && fires(rule.probability())) {
                return rule;
            }
        }
        return null;
    }

    private synchronized boolean fires(double probability) {
        return probability >= 1 || random.nextDouble() < probability;
    }
}
