package dev.switchboard.calls.internal.usage;

import dev.switchboard.calls.CallChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Bills a call when it ends, in the transaction and tenant scope that applied the ending event,
 * so the bill commits exactly when the call's end does (and is retried with it).
 */
@Component
class BillEndedCalls {

    private final UsageLedger ledger;

    BillEndedCalls(UsageLedger ledger) {
        this.ledger = ledger;
    }

    @EventListener
    void on(CallChanged change) {
        if (change.ended()) {
            ledger.bill(change.organizationId(), change.callId());
        }
    }
}
