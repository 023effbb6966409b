package dev.switchboard.realtime;

import java.util.UUID;

/**
 * Personal notices on the live streams, next to the organization-wide channels of
 * {@link LiveEvents}. Like those, a notice is stored for replay and delivered only if the
 * transaction it is published in commits (a notice published outside any transaction is
 * committed at once).
 */
public interface LiveNotices {

    /**
     * A notice for one member of an organization, delivered only to that user's streams that
     * subscribe to the {@code user} channel.
     *
     * @param type short kebab-case name, such as {@code export-ready}
     * @param data a small JSON-serializable value (ids and counters, never secrets)
     */
    void toUser(UUID organizationId, UUID userId, String type, Object data);

    /**
     * A notice for platform administrators, delivered only to streams of platform
     * administrators that subscribe to the {@code platform} channel; it belongs to no
     * organization.
     */
    void toPlatformAdmins(String type, Object data);
}
