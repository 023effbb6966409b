package dev.switchboard.realtime.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Turns notifications into deliveries on this node: the notified events are loaded from the
 * store (only for organizations with streams here) and handed to the local streams. A fixed
 * number of lanes do the loading, each with a bounded queue; one organization always uses the
 * same lane, so its events reach its streams in the order they were notified. When a lane is
 * full, the affected streams are ended instead: their clients reconnect and replay, so an
 * overload delays events but never loses them.
 */
@Component
class LiveEventDispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LiveEventDispatcher.class);

    /** A notification: the organization (null for a platform notice) and the event id. */
    record Notified(UUID organizationId, long eventId) {

        /** Reads a payload {@code <organization id>:<event id>} or {@code platform:<event id>}; null if malformed. */
        static Notified parse(String payload) {
            int colon = payload == null ? -1 : payload.lastIndexOf(':');
            if (colon < 1) {
                return null;
            }
            try {
                long id = Long.parseLong(payload.substring(colon + 1));
                String key = payload.substring(0, colon);
                return new Notified(LiveEventStore.PLATFORM_KEY.equals(key) ? null : UUID.fromString(key), id);
            } catch (IllegalArgumentException malformed) {
                return null;
            }
        }
    }

    private final LiveEventStore store;
    private final LocalStreams streams;
    private final ThreadPoolExecutor[] lanes;

    LiveEventDispatcher(LiveEventStore store, LocalStreams streams, RealtimeSettings settings) {
        this.store = store;
        this.streams = streams;
        this.lanes = new ThreadPoolExecutor[settings.dispatchLanes()];
        for (int i = 0; i < lanes.length; i++) {
            String name = "live-dispatch-" + i;
            lanes[i] = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                    new ArrayBlockingQueue<>(settings.dispatchQueue()), runnable -> {
                        Thread thread = new Thread(runnable, name);
                        thread.setDaemon(true);
                        return thread;
                    });
        }
    }

    /** Called by the listener with each batch of notifications it received. */
    void dispatch(List<Notified> batch) {
        Map<UUID, List<Long>> byOrganization = new LinkedHashMap<>();
        List<Long> platformNotices = new ArrayList<>();
        for (Notified notified : batch) {
            if (notified.organizationId() == null) {
                platformNotices.add(notified.eventId());
            } else if (streams.hasStreams(notified.organizationId())) {
                byOrganization.computeIfAbsent(notified.organizationId(), org -> new ArrayList<>()).add(notified.eventId());
            }
        }
        byOrganization.forEach((org, ids) -> submit(org, () -> streams.deliver(org, store.load(org, ids)),
                () -> streams.closeOrganization(org)));
        if (!platformNotices.isEmpty() && streams.hasPlatformStreams()) {
            submit(null, () -> streams.deliverPlatformNotices(store.loadPlatformNotices(platformNotices)),
                    streams::closePlatformStreams);
        }
    }

    private void submit(UUID organizationId, Runnable delivery, Runnable fallBackToReplay) {
        ThreadPoolExecutor lane = lanes[Math.floorMod(organizationId == null ? 0 : organizationId.hashCode(), lanes.length)];
        Runnable guarded = () -> {
            try {
                delivery.run();
            } catch (RuntimeException e) {
                log.warn("Could not deliver live events of {}; its streams reconnect and replay", key(organizationId), e);
                fallBackToReplay.run();
            }
        };
        try {
            lane.execute(guarded);
        } catch (RejectedExecutionException full) {
            log.warn("Live event delivery is overloaded; the streams of {} reconnect and replay", key(organizationId));
            fallBackToReplay.run();
        }
    }

    private static String key(UUID organizationId) {
        return organizationId == null ? "platform administrators" : "organization " + organizationId;
    }

    @Override
    public void destroy() {
        for (ThreadPoolExecutor lane : lanes) {
            lane.shutdownNow();
        }
    }
}
