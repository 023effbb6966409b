package dev.switchboard.realtime.internal;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What one stream receives: the channels it asked for, within the organization and for the
 * user it was opened by. Both come from the authenticated actor, never from the request.
 *
 * @param organizationId the actor's organization; null only for a platform administrator
 *                       without one (who may then subscribe to {@code platform} only)
 * @param userId         the signed-in user, or null for an API key
 */
record StreamSubscription(UUID organizationId, UUID userId, Set<StreamChannel> channels) {

    StreamSubscription {
        channels = Set.copyOf(channels);
    }

    boolean platform() {
        return channels.contains(StreamChannel.PLATFORM);
    }

    boolean hasOrganizationChannels() {
        return channels.stream().anyMatch(StreamChannel::organizationScoped);
    }

    Set<String> organizationChannelNames() {
        return channels.stream().filter(StreamChannel::organizationScoped).map(StreamChannel::wireName)
                .collect(Collectors.toSet());
    }

    /**
     * Whether this stream receives {@code event}. The registry hands a stream only its own
     * organization's events; the organization is checked here again all the same.
     */
    boolean wants(LiveEvent event) {
        if (!channels.contains(event.channel())) {
            return false;
        }
        if (event.channel() == StreamChannel.PLATFORM) {
            return event.organizationId() == null;
        }
        if (organizationId == null || !organizationId.equals(event.organizationId())) {
            return false;
        }
        return event.channel() != StreamChannel.USER || (userId != null && userId.equals(event.userId()));
    }

    static Set<StreamChannel> organizationChannels() {
        return EnumSet.of(StreamChannel.ORGANIZATION, StreamChannel.CALLS, StreamChannel.CAMPAIGNS);
    }
}
