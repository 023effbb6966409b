package dev.switchboard.sandbox.internal.webhooks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The webhook deliveries of one call, in order. Events of a call are sent one after another
 * (each with its retries), so a receiver sees them in the order they happened; calls do not wait
 * for each other.
 */
public final class DeliveryLog {

    private final List<DeliveryAttempt> attempts = new ArrayList<>();
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

    public synchronized List<DeliveryAttempt> attempts() {
        return List.copyOf(attempts);
    }

    synchronized void record(DeliveryAttempt attempt) {
        attempts.add(attempt);
    }

    synchronized void then(Runnable delivery, java.util.concurrent.Executor executor) {
        tail = tail.thenRunAsync(delivery, executor).exceptionally(e -> null);
    }
}
