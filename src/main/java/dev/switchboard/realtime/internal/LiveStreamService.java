package dev.switchboard.realtime.internal;

import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Opens a stream without a gap or a duplicate between what was missed and what is live: the
 * stream is registered first (live events are held back), then the store is read after the
 * client's last event id, then the stream goes live, skipping live events the replay contained.
 */
@Component
class LiveStreamService {

    private final LocalStreams streams;
    private final LiveEventStore store;
    private final RealtimeSettings settings;
    private final Clock clock;

    LiveStreamService(LocalStreams streams, LiveEventStore store, RealtimeSettings settings, Clock clock) {
        this.streams = streams;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /** @param lastEventId the last event the client received, or null to start from now */
    SseEmitter open(StreamSubscription subscription, Long lastEventId) {
        LiveStream stream = streams.open(subscription);
        try {
            stream.goLive(lastEventId == null ? List.of() : replay(subscription, lastEventId));
        } catch (RuntimeException e) {
            stream.close();
            throw e;
        }
        return stream.emitter();
    }

    private List<LiveEvent> replay(StreamSubscription subscription, long lastEventId) {
        List<LiveEvent> missed = store.after(subscription, lastEventId, settings.replayLimit());
        if (missed.size() <= settings.replayLimit()) {
            return missed;
        }
        return List.of(LiveEvent.replayTruncated(store.latestId(subscription), clock.instant()));
    }
}
