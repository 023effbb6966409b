package dev.switchboard.realtime.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The streams open on this node, by organization. Delivering an event only queues it on each
 * interested stream (never blocking on a client); the writes happen on virtual threads, at most
 * one per stream and only while that stream has something to write. Every stream gets a
 * heartbeat comment while idle. On shutdown all streams are ended, so that clients reconnect
 * to another node.
 */
@Component
class LocalStreams implements SmartLifecycle {

    private final RealtimeSettings settings;
    private final Map<UUID, Set<LiveStream>> byOrganization = new ConcurrentHashMap<>();
    private final Set<LiveStream> platform = ConcurrentHashMap.newKeySet();
    private final ExecutorService sender = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("live-send-", 0).factory());
    private final AtomicInteger open = new AtomicInteger();
    private volatile ScheduledExecutorService heartbeats;

    LocalStreams(RealtimeSettings settings, MeterRegistry meters) {
        this.settings = settings;
        Gauge.builder("switchboard.live.streams", open, AtomicInteger::get)
                .description("Live event streams open on this node").register(meters);
    }

    /** Opens a stream, registered at once so that no event committed from now on passes it by. */
    LiveStream open(StreamSubscription subscription) {
        SseEmitter emitter = new SseEmitter(settings.streamTimeout().toMillis());
        LiveStream stream = new LiveStream(subscription, emitter, sender, settings.backlog(), this::unregister);
        if (subscription.hasOrganizationChannels()) {
            byOrganization.compute(subscription.organizationId(), (org, streams) -> {
                Set<LiveStream> set = streams == null ? ConcurrentHashMap.newKeySet() : streams;
                set.add(stream);
                return set;
            });
        }
        if (subscription.platform()) {
            platform.add(stream);
        }
        open.incrementAndGet();
        return stream;
    }

    boolean hasStreams(UUID organizationId) {
        return byOrganization.containsKey(organizationId);
    }

    boolean hasPlatformStreams() {
        return !platform.isEmpty();
    }

    /** Hands an organization's events to its streams here. */
    void deliver(UUID organizationId, List<LiveEvent> events) {
        Set<LiveStream> streams = byOrganization.get(organizationId);
        if (streams == null) {
            return;
        }
        for (LiveStream stream : streams) {
            events.forEach(stream::offer);
        }
    }

    /** Hands platform notices to the platform administrators' streams here. */
    void deliverPlatformNotices(List<LiveEvent> notices) {
        for (LiveStream stream : platform) {
            notices.forEach(stream::offer);
        }
    }

    /** Ends the organization's streams: its clients reconnect and replay what this node could not deliver. */
    void closeOrganization(UUID organizationId) {
        Set<LiveStream> streams = byOrganization.get(organizationId);
        if (streams != null) {
            streams.forEach(LiveStream::close);
        }
    }

    /** Ends the platform administrators' streams: they reconnect and replay. */
    void closePlatformStreams() {
        platform.forEach(LiveStream::close);
    }

    /** Ends every stream here: the clients reconnect and replay from the store. */
    void closeAll() {
        byOrganization.values().forEach(streams -> streams.forEach(LiveStream::close));
        platform.forEach(LiveStream::close);
    }

    /** How many streams are open on this node. */
    int count() {
        return open.get();
    }

    /** Called once per stream, when it ends for whatever reason. */
    private void unregister(LiveStream stream) {
        open.decrementAndGet();
        StreamSubscription subscription = stream.subscription();
        if (subscription.organizationId() != null) {
            byOrganization.computeIfPresent(subscription.organizationId(), (org, streams) -> {
                streams.remove(stream);
                return streams.isEmpty() ? null : streams;
            });
        }
        platform.remove(stream);
    }

    private void heartbeat() {
        byOrganization.values().forEach(streams -> streams.forEach(LiveStream::heartbeat));
        platform.forEach(LiveStream::heartbeat);
    }

    @Override
    public synchronized void start() {
        if (heartbeats == null) {
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "live-heartbeat");
                thread.setDaemon(true);
                return thread;
            });
            long every = settings.heartbeat().toMillis();
            scheduler.scheduleAtFixedRate(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
            heartbeats = scheduler;
        }
    }

    @Override
    public synchronized void stop() {
        closeAll();
        if (heartbeats != null) {
            heartbeats.shutdownNow();
            heartbeats = null;
        }
    }

    @Override
    public boolean isRunning() {
        return heartbeats != null;
    }

    /** Stops before the web server waits for open requests to finish, so streams do not hold shutdown up. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 512;
    }
}
