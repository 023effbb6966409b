package dev.switchboard.realtime;

import java.util.UUID;

/**
 * Publishes an event to the organization's live streams (Server-Sent Events), on every server
 * node. Call inside a transaction: the event is stored for replay and delivered only if that
 * transaction commits.
 *
 * <p>Browser pages receive each event as a DOM event {@code live-<type>} on {@code document.body}
 * (for example {@code live-call-changed}), so an htmx element refreshes itself with
 * {@code hx-trigger="live-call-changed from:body"}.
 */
public interface LiveEvents {

    /** The organization's channels; a subscriber picks the ones it wants. */
    enum Channel { ORGANIZATION, CALLS, CAMPAIGNS }

    /**
     * @param type short kebab-case name, such as {@code call-changed} or {@code campaign-progress}
     * @param data a small JSON-serializable value (ids and counters, never secrets)
     */
    void publish(UUID organizationId, Channel channel, String type, Object data);
}
