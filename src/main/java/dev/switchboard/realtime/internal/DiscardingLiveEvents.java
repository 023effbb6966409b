package dev.switchboard.realtime.internal;

import dev.switchboard.realtime.LiveEvents;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Placeholder until the streams exist: events are dropped. */
@Component
class DiscardingLiveEvents implements LiveEvents {

    @Override
    public void publish(UUID organizationId, Channel channel, String type, Object data) {
    }
}
