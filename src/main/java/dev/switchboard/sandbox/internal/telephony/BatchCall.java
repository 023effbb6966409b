package dev.switchboard.sandbox.internal.telephony;

import dev.switchboard.sandbox.internal.http.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A batch call: tasks dialled from one number once {@code trigger_timestamp} has passed and while
 * the calling window is open, never taking the slots of {@code reserved_concurrency}. State is
 * guarded by the owning account's monitor.
 */
public final class BatchCall {

    /** One task: a number to call with its variables and the agent it gets. */
    public record Task(String toNumber, Map<String, String> variables, String agentId, ObjectNode agent,
            ObjectNode llm, JsonNode metadata) {
    }

    private final String id;
    final String name;
    final String fromNumber;
    final long scheduledTimestamp;
    final int reservedConcurrency;
    final CallTimeWindow window;
    final List<Task> tasks;
    final long createdAt;
    final List<Call> calls = new ArrayList<>();
    int dispatched;
    int active;
    int peakActive;
    long wakeAt;

    public BatchCall(String id, String name, String fromNumber, long scheduledTimestamp, int reservedConcurrency,
            CallTimeWindow window, List<Task> tasks, long createdAt) {
        this.id = id;
        this.name = name;
        this.fromNumber = fromNumber;
        this.scheduledTimestamp = scheduledTimestamp;
        this.reservedConcurrency = reservedConcurrency;
        this.window = window;
        this.tasks = List.copyOf(tasks);
        this.createdAt = createdAt;
    }

    public String id() {
        return id;
    }

    boolean hasWaitingTasks() {
        return dispatched < tasks.size();
    }

    /** When tasks may next be dialled: now, the trigger time, or the next opening of the window. */
    long eligibleAt(long now) {
        long at = Math.max(now, scheduledTimestamp);
        return window == null ? at : window.nextOpening(Instant.ofEpochMilli(at)).toEpochMilli();
    }

    /** Retell's {@code BatchCallResponse}. */
    public ObjectNode toJson() {
        ObjectNode json = Json.object().put("batch_call_id", id).put("name", name).put("from_number", fromNumber)
                .put("scheduled_timestamp", scheduledTimestamp).put("total_task_count", tasks.size());
        if (window != null) {
            json.set("call_time_window", window.toJson());
        }
        return json;
    }

    /** The sandbox's progress view ({@code GET /sandbox/batch-calls/{id}}); under the account's monitor. */
    public ObjectNode progress(long now) {
        ObjectNode json = toJson();
        json.put("reserved_concurrency", reservedConcurrency);
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        Map<String, Integer> byReason = new LinkedHashMap<>();
        ArrayNode ids = Json.array();
        for (Call call : calls) {
            byStatus.merge(call.status, 1, Integer::sum);
            if (call.disconnectionReason != null) {
                byReason.merge(call.disconnectionReason, 1, Integer::sum);
            }
            ids.add(call.id());
        }
        int finished = byStatus.getOrDefault("ended", 0) + byStatus.getOrDefault("not_connected", 0);
        boolean analyzed = calls.stream().allMatch(c -> c.analysis != null);
        String state = dispatched == 0 && now < eligibleAt(now) ? "scheduled"
                : finished == tasks.size() && analyzed ? "completed" : "in_progress";
        json.put("status", state);
        ObjectNode counts = json.putObject("counts");
        counts.put("pending", tasks.size() - dispatched);
        counts.put("registered", byStatus.getOrDefault("registered", 0));
        counts.put("ongoing", byStatus.getOrDefault("ongoing", 0));
        counts.put("ended", byStatus.getOrDefault("ended", 0));
        counts.put("not_connected", byStatus.getOrDefault("not_connected", 0));
        ObjectNode reasons = json.putObject("disconnection_reasons");
        byReason.forEach(reasons::put);
        json.put("current_concurrency", active);
        json.put("max_concurrency_observed", peakActive);
        if (hasWaitingTasks()) {
            json.put("next_dispatch_timestamp", eligibleAt(now));
        }
        json.set("call_ids", ids);
        return json;
    }
}
