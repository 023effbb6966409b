package dev.switchboard.web;

/**
 * The page choosing a new password from an e-mailed link ({@code auth/reset-password}); posts
 * {@code token}, {@code password} and {@code passwordConfirmation} to {@code POST /password/reset}.
 *
 * @param token      the token of the link, sent back in a hidden field
 * @param tokenValid false when the link is expired or already used: the page then offers a new link
 * @param errors     what was wrong with the last attempt
 */
public record ResetPasswordView(String token, boolean tokenValid, FormErrors errors) {

    public ResetPasswordView {
        errors = errors == null ? FormErrors.none() : errors;
    }
}
