package dev.switchboard.web;

/**
 * The "forgot password" page ({@code auth/forgot-password}); posts {@code email} to
 * {@code POST /password/forgot}.
 *
 * @param email  the value to prefill, or null
 * @param sent   whether a request was just accepted: shows the "check your inbox" message,
 *               whether or not the address belongs to an account
 * @param errors what was wrong with the last attempt
 */
public record ForgotPasswordView(String email, boolean sent, FormErrors errors) {

    public ForgotPasswordView {
        errors = errors == null ? FormErrors.none() : errors;
    }
}
