package dev.switchboard.calls.internal.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.agents.VoiceAgentProvider.ProviderCall;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which provider calls become synthetic events, and what those events say. */
class ReconciliationEventsTest {

    @Test
    void anAnalyzedRetellCallRepairsARecordStillQueued() {
        var event = ProviderCallEvents.repairing("sandbox", retell("ended", true), "queued").orElseThrow();
        assertThat(event.inboxProvider()).isEqualTo("retell");
        assertThat(event.eventType()).isEqualTo("call_analyzed");
        assertThat(event.eventKey()).isEqualTo("sync:call_1:ended:analyzed");
        assertThat(event.body()).startsWith("{\"event\":\"call_analyzed\",\"call\":{\"call_id\":\"call_1\"");
    }

    @Test
    void anEndedCallNotYetAnalyzedEndsARecordButDoesNotRepeatWhileItWaitsForAnalysis() {
        assertThat(ProviderCallEvents.repairing("retell", retell("ended", false), "in_progress").orElseThrow().eventType())
                .isEqualTo("call_ended");
        assertThat(ProviderCallEvents.repairing("retell", retell("ended", false), "analyzing")).isEmpty();
        assertThat(ProviderCallEvents.repairing("retell", retell("ended", true), "analyzing")).isPresent();
    }

    @Test
    void nothingIsMadeForFinalRecordsOrCallsThatHaveNotStarted() {
        assertThat(ProviderCallEvents.repairing("retell", retell("ended", true), "completed")).isEmpty();
        assertThat(ProviderCallEvents.repairing("retell", retell("registered", false), "queued")).isEmpty();
        assertThat(ProviderCallEvents.repairing("retell", retell("ongoing", false), "in_progress")).isEmpty();
        assertThat(ProviderCallEvents.repairing("retell", retell("ongoing", false), "queued").orElseThrow().eventType())
                .isEqualTo("call_started");
    }

    @Test
    void anEndedVapiCallBecomesAnEndOfCallReport() {
        String raw = "{\"id\":\"v1\",\"status\":\"ended\",\"endedReason\":\"customer-busy\",\"cost\":0.01,\"assistantId\":\"a1\"}";
        var event = ProviderCallEvents.repairing("vapi", new ProviderCall("v1", "a1", "ended", "outbound", null, null,
                Instant.now(), Instant.now(), "customer-busy", null, raw), null).orElseThrow();
        assertThat(event.inboxProvider()).isEqualTo("vapi");
        assertThat(event.eventType()).isEqualTo("end-of-call-report");
        assertThat(event.body()).contains("\"type\":\"end-of-call-report\"").contains("\"endedReason\":\"customer-busy\"")
                .contains("\"call\":{\"id\":\"v1\"");
    }

    private static ProviderCall retell(String status, boolean analyzed) {
        String raw = "{\"call_id\":\"call_1\",\"call_status\":\"" + status + "\",\"agent_id\":\"agent_1\""
                + (analyzed ? ",\"call_analysis\":{\"call_summary\":\"Done\"}" : "") + "}";
        return new ProviderCall("call_1", "agent_1", status, "outbound", null, null, Instant.now(), null, null, null, raw);
    }
}
