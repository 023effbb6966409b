package dev.switchboard.web;

/**
 * The page an invitation link opens ({@code auth/accept-invitation}); posts to
 * {@code POST /invitations/accept} with {@code token}, plus {@code displayName} and
 * {@code password} for a new account.
 *
 * @param token            the invitation token, sent back in a hidden field
 * @param organizationName the inviting organization
 * @param role             the role the invitee will have
 * @param invitedBy        the name of the member who sent the invitation
 * @param email            the invited address
 * @param mode             what the invitee has to do
 * @param displayName      the name to prefill for a new account, or null
 * @param errors           what was wrong with the last attempt
 */
public record AcceptInvitationView(
        String token,
        String organizationName,
        String role,
        String invitedBy,
        String email,
        Mode mode,
        String displayName,
        FormErrors errors) {

    /** Who is opening the invitation, which decides what the page asks. */
    public enum Mode {
        /** No account has this address: ask for a name and a password. */
        NEW_ACCOUNT,
        /** The invitee is signed in with the invited address: a single Accept button. */
        SIGNED_IN,
        /** An account has this address but nobody is signed in: send them to sign in first. */
        SIGN_IN_REQUIRED,
        /** The invitation expired or was revoked: say so and who to ask. */
        EXPIRED
    }

    public AcceptInvitationView {
        errors = errors == null ? FormErrors.none() : errors;
    }
}
