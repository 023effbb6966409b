package dev.switchboard.realtime.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client's open stream. Events are queued here and written by a short-lived sender task,
 * one at a time and in order, so a slow client delays nobody else; a client that falls more
 * than {@code backlog} events behind is disconnected and catches up by replay when it
 * reconnects.
 *
 * <p>A stream starts out replaying: live events that arrive meanwhile are held back and, once
 * the replay is queued, added after it unless the replay already contained them. Live copies of
 * replayed events are recognised for a while longer, because a notification may arrive after
 * the replay that already read its event.
 */
final class LiveStream {

    private static final MediaType UTF8_TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);
    private static final long RECONNECT_MILLIS = 3_000;
    private static final long DEDUPLICATION_NANOS = Duration.ofMinutes(1).toNanos();

    /** An event to write, or a comment line when {@code event} is null. */
    private record Outgoing(LiveEvent event, String comment, boolean announceRetry) {
    }

    private final StreamSubscription subscription;
    private final SseEmitter emitter;
    private final Executor sender;
    private final int backlog;
    private final Consumer<LiveStream> onClosed;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Outgoing> pending = new ArrayDeque<>();
    private List<LiveEvent> heldBack = new ArrayList<>();
    private Set<Long> replayed = Set.of();
    private long replayedAt;
    private boolean sending;
    private boolean closed;

    LiveStream(StreamSubscription subscription, SseEmitter emitter, Executor sender, int backlog,
               Consumer<LiveStream> onClosed) {
        this.subscription = subscription;
        this.emitter = emitter;
        this.sender = sender;
        this.backlog = backlog;
        this.onClosed = onClosed;
        emitter.onCompletion(this::ended);
        emitter.onError(e -> ended());
        emitter.onTimeout(this::close);
        // The first line commits the response, so the client knows at once that it is subscribed.
        withLock(() -> enqueue(new Outgoing(null, "connected", true)));
    }

    StreamSubscription subscription() {
        return subscription;
    }

    SseEmitter emitter() {
        return emitter;
    }

    /** A live event for this stream's organization (or a platform notice). */
    void offer(LiveEvent event) {
        if (!subscription.wants(event)) {
            return;
        }
        withLock(() -> {
            if (closed) {
                return;
            }
            if (heldBack != null) {
                heldBack.add(event);
                if (heldBack.size() > backlog) {
                    closeLocked();
                }
                return;
            }
            if (isReplayedCopy(event.id())) {
                return;
            }
            enqueue(new Outgoing(event, null, false));
        });
    }

    /** Ends the replay: queues the replayed events, then the live ones held back meanwhile. */
    void goLive(List<LiveEvent> replay) {
        withLock(() -> {
            if (closed || heldBack == null) {
                return;
            }
            Set<Long> ids = new HashSet<>();
            for (LiveEvent event : replay) {
                ids.add(event.id());
                enqueue(new Outgoing(event, null, false));
            }
            List<LiveEvent> held = heldBack;
            heldBack = null;
            replayed = ids;
            replayedAt = System.nanoTime();
            for (LiveEvent event : held) {
                if (!ids.contains(event.id())) {
                    enqueue(new Outgoing(event, null, false));
                }
            }
        });
    }

    /** A comment line that keeps idle connections open and reveals clients that are gone. */
    void heartbeat() {
        withLock(() -> {
            if (!closed && heldBack == null && pending.isEmpty()) {
                enqueue(new Outgoing(null, "heartbeat", false));
            }
        });
    }

    /** Ends the stream; an EventSource client reconnects by itself and replays what it missed. */
    void close() {
        withLock(this::closeLocked);
    }

    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    private boolean isReplayedCopy(long id) {
        if (replayed.isEmpty()) {
            return false;
        }
        if (System.nanoTime() - replayedAt > DEDUPLICATION_NANOS) {
            replayed = Set.of();
            return false;
        }
        return replayed.contains(id);
    }

    /** Called with the lock held. */
    private void enqueue(Outgoing outgoing) {
        if (closed) {
            return;
        }
        if (pending.size() >= backlog) {
            closeLocked();
            return;
        }
        pending.add(outgoing);
        if (!sending) {
            sending = true;
            sender.execute(this::drain);
        }
    }

    private void drain() {
        while (true) {
            Outgoing next;
            lock.lock();
            try {
                next = closed ? null : pending.poll();
                if (next == null) {
                    sending = false;
                    return;
                }
            } finally {
                lock.unlock();
            }
            if (!write(next)) {
                close();
                return;
            }
        }
    }

    private boolean write(Outgoing outgoing) {
        SseEmitter.SseEventBuilder line = SseEmitter.event();
        if (outgoing.announceRetry()) {
            line.reconnectTime(RECONNECT_MILLIS);
        }
        if (outgoing.event() == null) {
            line.comment(outgoing.comment());
        } else {
            line.id(Long.toString(outgoing.event().id())).data(outgoing.event().envelope(), UTF8_TEXT);
        }
        try {
            emitter.send(line);
            return true;
        } catch (IOException | IllegalStateException gone) {
            // The client went away (or the stream already completed): nothing more to write.
            return false;
        }
    }

    private void closeLocked() {
        if (closed) {
            return;
        }
        closed = true;
        pending.clear();
        heldBack = null;
        onClosed.accept(this);
        try {
            emitter.complete();
        } catch (RuntimeException alreadyDone) {
            // completing twice, or after the container gave up on the request, changes nothing
        }
    }

    private void ended() {
        withLock(() -> {
            if (!closed) {
                closed = true;
                pending.clear();
                heldBack = null;
                onClosed.accept(this);
            }
        });
    }

    private void withLock(Runnable work) {
        lock.lock();
        try {
            work.run();
        } finally {
            lock.unlock();
        }
    }
}
