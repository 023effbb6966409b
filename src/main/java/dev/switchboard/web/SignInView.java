package dev.switchboard.web;

/**
 * The sign-in page ({@code auth/signin}); posts {@code email} and {@code password} to
 * {@code POST /signin}.
 *
 * @param email      the address to prefill (after a failed attempt), or null
 * @param errors     what was wrong with the last attempt
 * @param signUpOpen whether self-service sign-up is offered (shows the "Create an organization" link)
 */
public record SignInView(String email, FormErrors errors, boolean signUpOpen) {

    public SignInView {
        errors = errors == null ? FormErrors.none() : errors;
    }
}
