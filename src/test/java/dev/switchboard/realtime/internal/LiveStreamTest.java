package dev.switchboard.realtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** One stream's ordering, de-duplication, filtering and back-pressure, without a server. */
class LiveStreamTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final UUID USER = UUID.randomUUID();

    /** Records what would be written, as the text of each SSE block. */
    static final class RecordingEmitter extends SseEmitter {
        final List<String> written = new CopyOnWriteArrayList<>();

        @Override
        public void send(SseEventBuilder builder) {
            StringBuilder text = new StringBuilder();
            builder.build().forEach(part -> text.append(part.getData()));
            written.add(text.toString());
        }

        List<Long> ids() {
            List<Long> ids = new ArrayList<>();
            for (String block : written) {
                for (String line : block.split("\n")) {
                    if (line.startsWith("id:")) {
                        ids.add(Long.parseLong(line.substring(3).trim()));
                    }
                }
            }
            return ids;
        }
    }

    private final RecordingEmitter emitter = new RecordingEmitter();
    private final List<LiveStream> closed = new ArrayList<>();

    private LiveStream stream(Set<StreamChannel> channels, Executor sender, int backlog) {
        return new LiveStream(new StreamSubscription(ORG, USER, channels), emitter, sender, backlog, closed::add);
    }

    private static LiveEvent event(long id, StreamChannel channel) {
        return event(id, ORG, channel, null);
    }

    private static LiveEvent event(long id, UUID org, StreamChannel channel, UUID user) {
        return LiveEvent.of(id, org, channel, "tick", user, "{\"n\":" + id + "}", Instant.EPOCH);
    }

    @Test
    void replayedEventsComeFirstThenLiveOnesHeldBackMeanwhileWithoutDuplicates() {
        LiveStream stream = stream(EnumSet.of(StreamChannel.CALLS), Runnable::run, 100);
        stream.offer(event(12, StreamChannel.CALLS));
        stream.offer(event(13, StreamChannel.CALLS));

        stream.goLive(List.of(event(11, StreamChannel.CALLS), event(12, StreamChannel.CALLS)));
        stream.offer(event(12, StreamChannel.CALLS));
        stream.offer(event(14, StreamChannel.CALLS));

        assertThat(emitter.ids()).containsExactly(11L, 12L, 13L, 14L);
        assertThat(emitter.written.get(0)).startsWith("retry:3000").contains(":connected");
    }

    @Test
    void aStreamReceivesOnlyItsChannelsItsOrganizationAndItsOwnUserNotices() {
        LiveStream stream = stream(EnumSet.of(StreamChannel.CALLS, StreamChannel.USER), Runnable::run, 100);
        stream.goLive(List.of());
        stream.offer(event(1, StreamChannel.CAMPAIGNS));
        stream.offer(event(2, UUID.randomUUID(), StreamChannel.CALLS, null));
        stream.offer(event(3, ORG, StreamChannel.USER, UUID.randomUUID()));
        stream.offer(event(4, ORG, StreamChannel.USER, USER));
        stream.offer(event(5, null, StreamChannel.PLATFORM, null));
        stream.offer(event(6, StreamChannel.CALLS));

        assertThat(emitter.ids()).containsExactly(4L, 6L);
    }

    @Test
    void theEnvelopeCarriesTheStoredDataAsJson() {
        LiveStream stream = stream(EnumSet.of(StreamChannel.CALLS), Runnable::run, 100);
        stream.goLive(List.of(event(7, StreamChannel.CALLS)));

        assertThat(emitter.written.get(1)).contains("id:7")
                .contains("data:{\"id\":7,\"channel\":\"calls\",\"type\":\"tick\",\"data\":{\"n\":7},\"createdAt\":\"1970-01-01T00:00:00Z\"}");
    }

    @Test
    void aClientThatFallsTooFarBehindIsDisconnectedToReplayLater() {
        List<Runnable> neverRun = new ArrayList<>();
        LiveStream stream = stream(EnumSet.of(StreamChannel.CALLS), neverRun::add, 3);
        stream.goLive(List.of());
        for (long id = 1; id <= 5; id++) {
            stream.offer(event(id, StreamChannel.CALLS));
        }

        assertThat(stream.isClosed()).isTrue();
        assertThat(closed).containsExactly(stream);
        assertThat(neverRun).hasSize(1);
    }

    @Test
    void heartbeatsAreWrittenOnlyWhenIdle() {
        LiveStream stream = stream(EnumSet.of(StreamChannel.CALLS), Runnable::run, 100);
        stream.heartbeat();
        assertThat(emitter.written).hasSize(1);
        stream.goLive(List.of());
        stream.heartbeat();
        assertThat(emitter.written).hasSize(2).last().asString().contains(":heartbeat");
    }
}
