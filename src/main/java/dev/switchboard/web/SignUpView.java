package dev.switchboard.web;

/**
 * The sign-up page ({@code auth/signup}) creating an organization and its first admin; posts
 * {@code organizationName}, {@code displayName}, {@code email} and {@code password} to
 * {@code POST /signup}. Passwords need at least 10 characters.
 *
 * @param organizationName the value to prefill, or null
 * @param displayName      the value to prefill, or null
 * @param email            the value to prefill, or null
 * @param errors           what was wrong with the last attempt
 */
public record SignUpView(String organizationName, String displayName, String email, FormErrors errors) {

    public SignUpView {
        errors = errors == null ? FormErrors.none() : errors;
    }
}
