package dev.switchboard.realtime.internal;

import dev.switchboard.realtime.LiveEvents;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The channels a stream subscribes to, by the names clients use in {@code ?channels=}. */
enum StreamChannel {
    ORGANIZATION("organization"),
    CALLS("calls"),
    CAMPAIGNS("campaigns"),
    /** Notices for the signed-in user only. */
    USER("user"),
    /** Notices for platform administrators; belongs to no organization. */
    PLATFORM("platform");

    private final String wireName;

    StreamChannel(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    boolean organizationScoped() {
        return this != PLATFORM;
    }

    static StreamChannel of(LiveEvents.Channel channel) {
        return switch (channel) {
            case ORGANIZATION -> ORGANIZATION;
            case CALLS -> CALLS;
            case CAMPAIGNS -> CAMPAIGNS;
        };
    }

    static Optional<StreamChannel> fromWireName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.wireName.equals(wanted)).findFirst();
    }

    static String allWireNames() {
        return Arrays.stream(values()).map(StreamChannel::wireName).collect(Collectors.joining(", "));
    }
}
