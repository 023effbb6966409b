package dev.switchboard.calls.internal.reconcile;

import dev.switchboard.agents.VoiceAgentProvider.ProviderCall;
import dev.switchboard.calls.CallChanged;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A provider's own account of a call as the webhook that should have told it: Retell's
 * {@code {"event", "call"}} (for Retell and the sandbox) or Vapi's {@code {"message": …}}. Made
 * only when the provider knows more than the record: the call has no record, has started while
 * the record says it has not, or has ended (or been analyzed) while the record still waits.
 * The inbox key {@code sync:<call id>:<provider status>[:analyzed]} makes each fact count once.
 */
final class ProviderCallEvents {

    /** What to store in the inbox. */
    record Synthetic(String inboxProvider, String eventKey, String eventType, String body) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> ORDER = List.of("pending", "queued", "dialing", "ringing", "in_progress", "analyzing");
    private static final Set<String> RETELL_ENDED = Set.of("ended", "not_connected", "error");
    private static final Set<String> RETELL_ONGOING = Set.of("ongoing");
    private static final Set<String> VAPI_ONGOING = Set.of("in-progress", "forwarding");

    private ProviderCallEvents() {
    }

    /** The event that brings the record up to the provider's state; empty when the record knows as much. */
    static Optional<Synthetic> repairing(String provider, ProviderCall call, String recordStatus) {
        if (call.providerCallId() == null || call.rawJson() == null || call.status() == null) {
            return Optional.empty();
        }
        JsonNode raw = JSON.readTree(call.rawJson());
        boolean vapi = "vapi".equals(provider);
        boolean ended = vapi ? "ended".equals(call.status()) : RETELL_ENDED.contains(call.status());
        boolean ongoing = (vapi ? VAPI_ONGOING : RETELL_ONGOING).contains(call.status());
        boolean analyzed = vapi ? ended : raw.path("call_analysis").isObject();
        if (!needed(recordStatus, ended, ongoing, analyzed)) {
            return Optional.empty();
        }
        String key = "sync:" + call.providerCallId() + ":" + call.status() + (analyzed ? ":analyzed" : "");
        return Optional.of(vapi ? vapi(key, raw, ended) : retell(key, raw, ended, analyzed));
    }

    private static boolean needed(String recordStatus, boolean ended, boolean ongoing, boolean analyzed) {
        if (!ended && !ongoing) {
            return false;
        }
        if (recordStatus == null) {
            return true;
        }
        if (CallChanged.isFinal(recordStatus)) {
            return false;
        }
        if (ended) {
            return !"analyzing".equals(recordStatus) || analyzed;
        }
        return ORDER.indexOf(recordStatus) < ORDER.indexOf("in_progress");
    }

    private static Synthetic retell(String key, JsonNode raw, boolean ended, boolean analyzed) {
        String type = !ended ? "call_started" : analyzed ? "call_analyzed" : "call_ended";
        ObjectNode body = JSON.createObjectNode();
        body.put("event", type);
        body.set("call", raw);
        return new Synthetic("retell", key, type, body.toString());
    }

    private static Synthetic vapi(String key, JsonNode raw, boolean ended) {
        String type = ended ? "end-of-call-report" : "status-update";
        ObjectNode message = JSON.createObjectNode();
        message.put("type", type);
        if (!ended) {
            message.set("status", raw.get("status"));
        }
        for (String field : List.of("endedReason", "startedAt", "endedAt", "cost", "artifact", "analysis")) {
            if (ended && raw.hasNonNull(field)) {
                message.set(field, raw.get(field));
            }
        }
        message.set("call", raw);
        ObjectNode body = JSON.createObjectNode();
        body.set("message", message);
        return new Synthetic("vapi", key, type, body.toString());
    }
}
