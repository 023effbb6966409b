package dev.switchboard.sandbox.internal.telephony;

import dev.switchboard.sandbox.internal.conversation.Conversation;
import dev.switchboard.sandbox.internal.conversation.ToolOutcome;
import dev.switchboard.sandbox.internal.http.Json;
import dev.switchboard.sandbox.internal.webhooks.DeliveryLog;
import dev.switchboard.sandbox.internal.webhooks.WebhookSender;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One simulated outbound phone call. Mutable state is guarded by the owning account's monitor.
 * Its status goes {@code registered} → {@code ongoing} → {@code ended} when someone (or a machine)
 * picks up, or {@code registered} → {@code not_connected} when the call never connects.
 */
public final class Call {

    private final String id;
    final Account account;
    final long sequence;
    final long createdAt;
    final String fromNumber;
    final String toNumber;
    final String agentId;
    final ObjectNode agent;
    final ObjectNode llm;
    final Map<String, String> dynamicVariables;
    final Map<String, String> allVariables;
    final JsonNode metadata;
    final BatchCall batch;
    final CallPlan plan;

    String status = "registered";
    Long startTimestamp;
    Long endTimestamp;
    Long durationMs;
    String disconnectionReason;
    Conversation conversation;
    ObjectNode transcript;
    ObjectNode analysis;
    ObjectNode cost;
    String recordingUrl;
    int utterances;
    CompletableFuture<ToolOutcome> tool;
    ToolOutcome toolOutcome;

    final DeliveryLog deliveries = new DeliveryLog();
    Boolean shuffleWebhooks;
    final List<WebhookSender.Outgoing> heldWebhooks = new ArrayList<>();

    Call(String id, Account account, long sequence, long createdAt, String fromNumber, String toNumber, String agentId,
            ObjectNode agent, ObjectNode llm, Map<String, String> dynamicVariables, Map<String, String> allVariables,
            JsonNode metadata, BatchCall batch, CallPlan plan) {
        this.id = id;
        this.account = account;
        this.sequence = sequence;
        this.createdAt = createdAt;
        this.fromNumber = fromNumber;
        this.toNumber = toNumber;
        this.agentId = agentId;
        this.agent = agent;
        this.llm = llm;
        this.dynamicVariables = dynamicVariables;
        this.allVariables = allVariables;
        this.metadata = metadata;
        this.batch = batch;
        this.plan = plan;
    }

    public String id() {
        return id;
    }

    public Account account() {
        return account;
    }

    public DeliveryLog deliveries() {
        return deliveries;
    }

    /** Start time, or creation time while the call has not started; lists sort on it. */
    public long sortTimestamp() {
        return startTimestamp != null ? startTimestamp : createdAt;
    }

    /** Number of utterances in the transcript, for the recording; 0 when there is no recording. */
    public int recordedUtterances() {
        return recordingUrl == null ? 0 : Math.max(1, utterances);
    }

    /** How much of the call a JSON rendering shows. */
    public enum View {
        /** What {@code call_started} carries: no transcript, no analysis. */
        STARTED,
        /** What {@code call_ended} carries: everything but {@code call_analysis}. */
        ENDED,
        /** get-call, list-calls v2, {@code call_analyzed}: everything known. */
        FULL,
        /** list-calls v3 items: everything but the transcripts. */
        LIST
    }

    /** The call in Retell's {@code PhoneCallResponse} shape; under the account's monitor. */
    public ObjectNode toJson(View view) {
        ObjectNode json = Json.object();
        json.put("call_type", "phone_call");
        json.put("call_id", id);
        json.put("agent_id", agentId);
        Long version = Json.longValue(agent, "version");
        json.put("agent_version", version == null ? 0 : version);
        String agentName = Json.text(agent, "agent_name");
        if (agentName != null) {
            json.put("agent_name", agentName);
        }
        json.put("call_status", status);
        json.put("direction", "outbound");
        json.put("from_number", fromNumber);
        json.put("to_number", toNumber);
        if (metadata != null && !metadata.isNull()) {
            json.set("metadata", metadata.deepCopy());
        }
        if (!dynamicVariables.isEmpty()) {
            json.set("retell_llm_dynamic_variables", Json.fromMap(dynamicVariables));
        }
        if (batch != null) {
            json.put("batch_call_id", batch.id());
        }
        json.put("data_storage_setting", "everything");
        json.put("opt_in_signed_url", false);
        if (startTimestamp != null) {
            json.put("start_timestamp", startTimestamp);
        }
        if (view == View.STARTED) {
            return json;
        }
        if (endTimestamp != null) {
            json.put("end_timestamp", endTimestamp);
            json.put("duration_ms", durationMs);
        }
        if (transcript != null && view != View.LIST) {
            json.put("transcript", transcript.get("transcript").asString());
            json.set("transcript_object", transcript.get("transcript_object").deepCopy());
            json.set("transcript_with_tool_calls", transcript.get("transcript_with_tool_calls").deepCopy());
        }
        if (recordingUrl != null) {
            json.put("recording_url", recordingUrl);
            json.put("recording_multi_channel_url", recordingUrl);
        }
        if (disconnectionReason != null) {
            json.put("disconnection_reason", disconnectionReason);
        }
        if (endTimestamp != null) {
            json.set("collected_dynamic_variables", Json.fromMap(allVariables));
        }
        if (cost != null) {
            json.set("call_cost", cost.deepCopy());
        }
        if (analysis != null && view != View.ENDED) {
            json.set("call_analysis", analysis.deepCopy());
        }
        return json;
    }
}
