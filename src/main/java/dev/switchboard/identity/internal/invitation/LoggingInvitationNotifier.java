package dev.switchboard.identity.internal.invitation;

import dev.switchboard.identity.Role;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Stands in until invitations are e-mailed: records that an invitation was made, without the
 * link, which is a credential. The invited person gets no message yet; the administrator sees
 * the invitation in the pending list.
 */
@Component
class LoggingInvitationNotifier implements InvitationNotifier {

    private static final Logger log = LoggerFactory.getLogger(LoggingInvitationNotifier.class);

    @Override
    public void invitationCreated(String email, String organizationName, String inviterName, Role role, String acceptUrl,
                                  Instant expiresAt) {
        log.info("Invitation for {} to join {} as {} (invited by {}, expires {}) was not e-mailed: no mailer is set up yet",
                email, organizationName, role.code(), inviterName, expiresAt);
    }
}
