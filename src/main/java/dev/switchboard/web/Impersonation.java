package dev.switchboard.web;

/**
 * A platform admin acting as another user. While it runs, every page shows a banner naming the
 * user, the reason and the time left, with a Stop button posting to
 * {@code POST /admin/impersonation/stop}.
 *
 * @param userDisplayName  the name of the user being impersonated
 * @param userEmail        their e-mail address
 * @param reason           the reason the admin gave when starting
 * @param minutesRemaining whole minutes until it ends by itself (computed from the injected clock)
 */
public record Impersonation(String userDisplayName, String userEmail, String reason, long minutesRemaining) {
}
