package dev.switchboard.identity.internal.invitation;

import dev.switchboard.identity.Role;
import java.time.Instant;

/**
 * Tells an invited person about their invitation (by e-mail, once a mailer exists). Called
 * once per invitation, after the invitation is committed, so that no message announces an
 * invitation that was rolled back. Implementations must not log {@code acceptUrl}: it holds
 * the secret token that lets its holder join the organization.
 */
public interface InvitationNotifier {

    /**
     * @param email            the invited address
     * @param organizationName the organization they are invited to
     * @param inviterName      who invited them, as a person would name them
     * @param role             the role they will get
     * @param acceptUrl        the page that shows and accepts the invitation
     * @param expiresAt        when the invitation stops working
     */
    void invitationCreated(String email, String organizationName, String inviterName, Role role, String acceptUrl,
                           Instant expiresAt);
}
