package dev.switchboard.calls.internal.processing;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * How many provider webhooks this node is accepting right now. Accepting comes first: a provider
 * waits for the answer (and retries when it is slow), while an accepted event is safe in the inbox
 * and can be applied a moment later. Processing reads this to step aside while accepting is busy.
 */
@Component
public class IngestionLoad {

    private final AtomicInteger accepting = new AtomicInteger();

    /** A webhook is being accepted; pair with {@link #finished()}. */
    public void started() {
        accepting.incrementAndGet();
    }

    /** A webhook started with {@link #started()} is answered. */
    public void finished() {
        accepting.decrementAndGet();
    }

    /** Webhooks being accepted at this moment. */
    public int inFlight() {
        return accepting.get();
    }
}
