package dev.switchboard.web;

import java.time.Instant;
import java.util.List;

/**
 * The members page ({@code settings/members}). Admins change a role with
 * {@code POST /settings/members/{userId}/role} ({@code role}), remove a member with
 * {@code POST /settings/members/{userId}/remove}, invite with {@code POST /settings/invitations}
 * ({@code email}, {@code role}) and revoke with {@code POST /settings/invitations/{id}/revoke}.
 *
 * @param members      the organization's members
 * @param invitations  invitations sent and not yet accepted
 * @param roles        the roles that can be given
 * @param inviteEmail  the invite form's e-mail to prefill (after an error), or null
 * @param inviteRole   the invite form's role to preselect, or null for the first
 * @param inviteErrors what was wrong with the last invitation
 * @param canManage    whether the viewer may change roles, remove and invite (admins only)
 */
public record MembersView(
        List<Member> members,
        List<Invitation> invitations,
        List<SelectOption> roles,
        String inviteEmail,
        String inviteRole,
        FormErrors inviteErrors,
        boolean canManage) {

    /**
     * A member of the organization.
     *
     * @param userId      the user's id
     * @param displayName their name
     * @param email       their e-mail address
     * @param role        their role
     * @param joinedAt    when they joined
     * @param you         whether this is the viewer (who cannot remove or demote themselves here)
     */
    public record Member(String userId, String displayName, String email, String role, Instant joinedAt, boolean you) {
    }

    /**
     * An invitation not yet accepted.
     *
     * @param id        the invitation's id
     * @param email     the invited address
     * @param role      the role offered
     * @param invitedBy the name of the member who sent it
     * @param sentAt    when it was sent
     * @param expiresAt when the link stops working
     */
    public record Invitation(String id, String email, String role, String invitedBy, Instant sentAt, Instant expiresAt) {
    }

    public MembersView {
        members = members == null ? List.of() : List.copyOf(members);
        invitations = invitations == null ? List.of() : List.copyOf(invitations);
        roles = roles == null ? List.of() : List.copyOf(roles);
        inviteErrors = inviteErrors == null ? FormErrors.none() : inviteErrors;
    }
}
