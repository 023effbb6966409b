package dev.switchboard.calls.internal.live;

import dev.switchboard.calls.CallChanged;
import dev.switchboard.realtime.LiveEvents;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the organization's live streams about every change of a call, on the calls channel as
 * {@code call-changed}. It runs inside the transaction that applied the change, so the event is
 * delivered exactly when the change is committed.
 */
@Component
class CallLiveUpdates {

    static final String TYPE = "call-changed";

    /** What a stream receives: enough to refresh a row or a badge; clients fetch the call for the rest. */
    record CallChange(UUID callId, String status, String previousStatus, String disposition, UUID campaignId) {
    }

    private final LiveEvents live;

    CallLiveUpdates(LiveEvents live) {
        this.live = live;
    }

    @EventListener
    void on(CallChanged change) {
        live.publish(change.organizationId(), LiveEvents.Channel.CALLS, TYPE, new CallChange(change.callId(),
                change.status(), change.previousStatus(), change.disposition(), change.campaignId()));
    }
}
