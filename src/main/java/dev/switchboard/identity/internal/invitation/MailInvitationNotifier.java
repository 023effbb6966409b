package dev.switchboard.identity.internal.invitation;

import dev.switchboard.identity.Role;
import dev.switchboard.platform.Mailer;
import dev.switchboard.platform.OutgoingMail;
import dev.switchboard.platform.TenantScope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Component;

/** E-mails the invitation through the outbox, so it is delivered even if SMTP is down now. */
@Component
class MailInvitationNotifier implements InvitationNotifier {

    private final Mailer mailer;
    private final Clock clock;

    MailInvitationNotifier(Mailer mailer, Clock clock) {
        this.mailer = mailer;
        this.clock = clock;
    }

    @Override
    public void invitationCreated(String email, String organizationName, String inviterName, Role role, String acceptUrl,
                                  Instant expiresAt) {
        // Rounded to whole hours so the mail reads "7 days", not "167 hours 59 minutes".
        long hours = Math.max(1, Math.round(Duration.between(clock.instant(), expiresAt).toMinutes() / 60.0));
        mailer.send(OutgoingMail.invitation(email, TenantScope.currentOrganization().orElse(null), organizationName,
                inviterName, role.code(), acceptUrl, Duration.of(hours, ChronoUnit.HOURS)));
    }
}
