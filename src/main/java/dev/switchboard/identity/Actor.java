package dev.switchboard.identity;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Who is making the current request, and for which organization.
 *
 * @param userId             the user acting (for an API key: the key's creator, may be null)
 * @param email              the user's e-mail, or the key's name for API keys
 * @param organizationId     the organization acted for; null only for platform administrators
 *                           without one
 * @param role               the member's role; null for API keys (they carry scopes)
 * @param permissions        what this actor may do in the organization
 * @param platformAdmin      whether the actor is a platform administrator (never true while
 *                           impersonating: the impersonated user's rights apply)
 * @param method             how the actor authenticated
 * @param credentialId       the session, token family or API key id
 * @param impersonation      set while a platform administrator acts as this user
 */
public record Actor(
        UUID userId,
        String email,
        UUID organizationId,
        Role role,
        Set<Permission> permissions,
        boolean platformAdmin,
        AuthMethod method,
        UUID credentialId,
        Impersonation impersonation) {

    /** How an actor proved who it is. */
    public enum AuthMethod { SESSION, ACCESS_TOKEN, API_KEY }

    /**
     * A platform administrator acting as another user.
     *
     * @param impersonatorUserId the administrator
     * @param impersonatorEmail  the administrator's e-mail
     * @param reason             the reason given when starting
     * @param endsAt             when the impersonation ends by itself
     */
    public record Impersonation(UUID impersonatorUserId, String impersonatorEmail, String reason, Instant endsAt) {
    }

    public Actor {
        permissions = Set.copyOf(permissions);
    }

    public boolean can(Permission permission) {
        return permissions.contains(permission);
    }

    public boolean impersonated() {
        return impersonation != null;
    }
}
