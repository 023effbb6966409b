package dev.switchboard.realtime.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.Actors;
import dev.switchboard.identity.Permission;
import dev.switchboard.platform.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live streams: {@code /api/v1/events} for integrations (access token or API key) and
 * {@code /live} for the browser pages (session cookie); both answer the same stream. The
 * organization is always the caller's own.
 */
@RestController
@Tag(name = "Live events")
class LiveStreamController {

    private final LiveStreamService service;

    LiveStreamController(LiveStreamService service) {
        this.service = service;
    }

    @GetMapping("/api/v1/events")
    @Operation(summary = "Server-Sent Events of your organization on the chosen channels (organization, calls, campaigns, "
            + "user; platform for platform administrators), replaying what was missed after Last-Event-ID")
    SseEmitter events(@Parameter(description = "Comma-separated channels; default: every organization channel you may read")
                      @RequestParam(required = false) String channels,
                      @Parameter(description = "Replay events after this id (what EventSource sends when it reconnects)")
                      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventIdHeader,
                      @Parameter(description = "The same as the Last-Event-ID header, for clients that cannot set headers")
                      @RequestParam(required = false) String lastEventId) {
        return open(channels, lastEventIdHeader, lastEventId);
    }

    @GetMapping("/live")
    @Operation(hidden = true)
    SseEmitter live(@RequestParam(required = false) String channels,
                    @RequestHeader(name = "Last-Event-ID", required = false) String lastEventIdHeader,
                    @RequestParam(required = false) String lastEventId) {
        return open(channels, lastEventIdHeader, lastEventId);
    }

    private SseEmitter open(String channels, String lastEventIdHeader, String lastEventIdParameter) {
        Actor actor = Actors.require();
        StreamSubscription subscription = subscription(actor, channels);
        Long after = lastEventId(lastEventIdHeader != null && !lastEventIdHeader.isBlank() ? lastEventIdHeader : lastEventIdParameter);
        return service.open(subscription, after);
    }

    static StreamSubscription subscription(Actor actor, String requested) {
        Set<StreamChannel> channels = requested == null || requested.isBlank() ? defaults(actor) : parse(requested);
        if (channels.contains(StreamChannel.PLATFORM) && !actor.platformAdmin()) {
            throw ApiProblem.forbidden("Only platform administrators may subscribe to the 'platform' channel.");
        }
        boolean organizationWide = channels.stream().anyMatch(StreamChannel::organizationScoped);
        if (organizationWide && actor.organizationId() == null) {
            throw ApiProblem.badRequest("no-organization", "You are not working in an organization, so only the "
                    + "'platform' channel is available. Switch to an organization to follow its events.")
                    .field("channels", "only 'platform' is available without an organization");
        }
        if (channels.contains(StreamChannel.USER) && (actor.userId() == null || actor.method() == Actor.AuthMethod.API_KEY)) {
            throw ApiProblem.badRequest("invalid-channel", "The 'user' channel carries notices for a signed-in user; "
                    + "an API key cannot subscribe to it. Leave it out, or use an access token.")
                    .field("channels", "'user' needs a signed-in user");
        }
        if (organizationWide) {
            Actors.requirePermission(Permission.ORGANIZATION_READ);
        }
        return new StreamSubscription(actor.organizationId(), actor.userId(), channels);
    }

    private static Set<StreamChannel> defaults(Actor actor) {
        if (actor.organizationId() == null) {
            if (actor.platformAdmin()) {
                return EnumSet.of(StreamChannel.PLATFORM);
            }
            throw ApiProblem.badRequest("no-organization", "You are not working in an organization, so there are no "
                    + "events to follow. Switch to an organization first.");
        }
        Set<StreamChannel> channels = StreamSubscription.organizationChannels();
        if (actor.userId() != null && actor.method() != Actor.AuthMethod.API_KEY) {
            channels.add(StreamChannel.USER);
        }
        return channels;
    }

    private static Set<StreamChannel> parse(String requested) {
        Set<StreamChannel> channels = EnumSet.noneOf(StreamChannel.class);
        for (String name : requested.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            channels.add(StreamChannel.fromWireName(name).orElseThrow(() -> ApiProblem.badRequest("invalid-channel",
                            "There is no channel '" + quoted(name) + "'. Choose from: " + StreamChannel.allWireNames() + ".")
                    .field("channels", "unknown channel '" + quoted(name) + "'")));
        }
        if (channels.isEmpty()) {
            throw ApiProblem.badRequest("invalid-channel", "Name at least one channel, such as channels=calls. Choose from: "
                    + StreamChannel.allWireNames() + ".").field("channels", "no channel named");
        }
        return channels;
    }

    /** A value from the request, shortened for an error message. */
    private static String quoted(String value) {
        String trimmed = value.trim();
        return trimmed.length() <= 40 ? trimmed : trimmed.substring(0, 40) + "…";
    }

    private static Long lastEventId(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(value.trim());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ApiProblem.badRequest("invalid-last-event-id", "Last-Event-ID must be the id of an event received from "
                + "this stream (a whole number), but was '" + quoted(value) + "'. Leave it out to start from now.")
                .field("Last-Event-ID", "not an event id");
    }
}
