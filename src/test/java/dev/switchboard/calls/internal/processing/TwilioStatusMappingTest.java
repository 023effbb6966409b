package dev.switchboard.calls.internal.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Twilio's CallStatus values as Switchboard's status and disposition. */
class TwilioStatusMappingTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    void progressStatusesMoveTheCallWithoutEndingIt() {
        assertThat(parse("queued").status()).isEqualTo("queued");
        assertThat(parse("ringing").status()).isEqualTo("ringing");
        CallEvent answered = parse("in-progress");
        assertThat(answered.status()).isEqualTo("in_progress");
        assertThat(answered.disposition()).isNull();
        assertThat(answered.endedAt()).isNull();
    }

    @Test
    void endStatusesEndTheCallWithTheirOutcome() {
        assertThat(parse("completed")).extracting(CallEvent::status, CallEvent::disposition).containsExactly("completed", "answered");
        assertThat(parse("busy")).extracting(CallEvent::status, CallEvent::disposition).containsExactly("completed", "busy");
        assertThat(parse("no-answer")).extracting(CallEvent::status, CallEvent::disposition).containsExactly("completed", "no_answer");
        assertThat(parse("failed")).extracting(CallEvent::status, CallEvent::disposition).containsExactly("failed", "failed");
        assertThat(parse("canceled")).extracting(CallEvent::status, CallEvent::disposition).containsExactly("cancelled", "cancelled");
    }

    @Test
    void durationDirectionAndTimestampAreRead() {
        CallEvent event = CallEvent.parse("twilio", "CallSid=CA1&CallStatus=completed&CallDuration=42&Direction=outbound-api"
                + "&From=%2B14155550100&To=%2B14155550101&Timestamp=Fri%2C+20+Nov+2026+10%3A05%3A00+%2B0000", RECEIVED);
        assertThat(event.providerCallId()).isEqualTo("CA1");
        assertThat(event.durationSeconds()).isEqualTo(42);
        assertThat(event.direction()).isEqualTo("outbound");
        assertThat(event.fromNumber()).isEqualTo("+14155550100");
        assertThat(event.endedAt()).isEqualTo(Instant.parse("2026-11-20T10:05:00Z"));
        assertThat(event.type()).isEqualTo("twilio_completed");
    }

    private static CallEvent parse(String callStatus) {
        return CallEvent.parse("twilio", "CallSid=CA1&CallStatus=" + callStatus + "&Direction=inbound", RECEIVED);
    }
}
