package dev.switchboard.identity.internal.admin;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.Actors;
import dev.switchboard.identity.AuditEntry;
import dev.switchboard.identity.AuditLog;
import dev.switchboard.identity.internal.account.Memberships;
import dev.switchboard.identity.internal.account.Users;
import dev.switchboard.identity.internal.credentials.Sessions;
import dev.switchboard.platform.ApiProblem;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * A platform administrator acting as a user, to see what they see: only in a browser session,
 * only with a stated reason, for at most an hour, audited at start, at every change made, and
 * at the end. While impersonating, the administrator has the user's rights and no others.
 */
@Service
public class ImpersonationService {

    public static final int MAX_MINUTES = 60;

    /** A request to act as a user. */
    public record Start(UUID userId, UUID organizationId, String reason, Integer minutes) {
    }

    private final Users users;
    private final Memberships memberships;
    private final Sessions sessions;
    private final AuditLog audit;

    ImpersonationService(Users users, Memberships memberships, Sessions sessions, AuditLog audit) {
        this.users = users;
        this.memberships = memberships;
        this.sessions = sessions;
        this.audit = audit;
    }

    public Sessions.Issued start(Start command, String ip, String userAgent) {
        Actor admin = PlatformAdminService.requireAdmin();
        if (admin.method() != Actor.AuthMethod.SESSION) {
            throw ApiProblem.badRequest("impersonation-needs-session",
                    "Impersonation works in a signed-in browser session only. Use the Users page of platform administration.");
        }
        String reason = command.reason() == null ? "" : command.reason().trim();
        if (reason.length() < 5 || reason.length() > 500) {
            throw ApiProblem.validation("reason", "is required: say why you need to act as this user (5 to 500 characters)");
        }
        int minutes = command.minutes() == null ? 30 : command.minutes();
        if (minutes < 1 || minutes > MAX_MINUTES) {
            throw ApiProblem.validation("minutes", "must be between 1 and " + MAX_MINUTES);
        }
        if (command.userId() == null) {
            throw ApiProblem.validation("userId", "is required");
        }
        if (command.userId().equals(admin.userId())) {
            throw ApiProblem.badRequest("impersonate-self", "You cannot impersonate yourself.");
        }
        Users.User target = users.byId(command.userId()).orElseThrow(() -> ApiProblem.notFound("User " + command.userId()));
        List<Memberships.OrganizationMembership> all = memberships.of(target.id());
        UUID organization = command.organizationId() != null ? command.organizationId()
                : all.stream().findFirst().map(Memberships.OrganizationMembership::organizationId).orElseThrow(() ->
                        ApiProblem.conflict("no-organization", target.email() + " belongs to no organization, so there is nothing to see as them."));
        if (all.stream().noneMatch(m -> m.organizationId().equals(organization))) {
            throw ApiProblem.validation("organizationId", "is not one of the user's organizations");
        }
        Sessions.Issued issued = sessions.createImpersonation(target.id(), organization, admin.userId(), reason,
                admin.credentialId(), Duration.ofMinutes(minutes), ip, userAgent);
        AuditEntry entry = new AuditEntry("impersonation.started", "user", target.id().toString(),
                Map.of("reason", reason, "minutes", minutes, "administrator", admin.email(), "user", target.email()));
        audit.recordPlatform(entry, organization);
        audit.recordFor(organization, entry);
        return issued;
    }

    /** Ends the current impersonation; answers whether there was one. */
    public boolean stop() {
        Actor actor = Actors.require();
        if (!actor.impersonated()) {
            return false;
        }
        sessions.revoke(actor.credentialId());
        AuditEntry entry = new AuditEntry("impersonation.ended", "user", actor.userId().toString(),
                Map.of("administrator", actor.impersonation().impersonatorEmail(), "user", actor.email()));
        audit.recordPlatform(entry, actor.organizationId());
        audit.recordFor(actor.organizationId(), entry);
        return true;
    }
}
