package dev.switchboard.realtime.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How live streams behave on this node.
 *
 * @param heartbeat         how often an idle stream gets a comment line, so that proxies keep it
 *                          open and a vanished client is noticed
 * @param streamTimeout     how long one stream stays open; the client then reconnects by itself
 *                          and replays what it missed
 * @param retention         how long events stay stored for replay
 * @param replayLimit       the most events one reconnect replays; a client further behind is
 *                          told to reload instead
 * @param backlog           the most events waiting for one slow client before its stream is
 *                          closed (it reconnects and replays from the store)
 * @param dispatchLanes     threads that load notified events and hand them to the streams; the
 *                          events of one organization always use the same lane, in order
 * @param dispatchQueue     notified batches waiting per lane before new ones are refused
 * @param reconnectDelay    the first pause before listening again after the database
 *                          connection broke (doubling up to a minute)
 */
@ConfigurationProperties("switchboard.realtime")
record RealtimeSettings(
        Duration heartbeat,
        Duration streamTimeout,
        Duration retention,
        Integer replayLimit,
        Integer backlog,
        Integer dispatchLanes,
        Integer dispatchQueue,
        Duration reconnectDelay) {

    RealtimeSettings {
        heartbeat = positive(heartbeat, Duration.ofSeconds(20), "heartbeat");
        streamTimeout = positive(streamTimeout, Duration.ofMinutes(30), "stream-timeout");
        retention = positive(retention, Duration.ofHours(24), "retention");
        replayLimit = atLeastOne(replayLimit, 1000, "replay-limit");
        backlog = atLeastOne(backlog, 1000, "backlog");
        dispatchLanes = atLeastOne(dispatchLanes, 4, "dispatch-lanes");
        dispatchQueue = atLeastOne(dispatchQueue, 10_000, "dispatch-queue");
        reconnectDelay = positive(reconnectDelay, Duration.ofMillis(500), "reconnect-delay");
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("switchboard.realtime." + name + " must be a positive duration, but was " + value);
        }
        return value;
    }

    private static int atLeastOne(Integer value, int fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value < 1) {
            throw new IllegalArgumentException("switchboard.realtime." + name + " must be at least 1, but was " + value);
        }
        return value;
    }
}
