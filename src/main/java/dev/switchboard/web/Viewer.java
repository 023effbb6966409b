package dev.switchboard.web;

import java.time.ZoneId;
import java.util.Locale;

/**
 * The signed-in user as the layout shows them: in the user menu, the top bar and for the
 * platform-admin part of the sidebar.
 *
 * @param email            the user's e-mail address; required
 * @param displayName      the user's name; falls back to the e-mail address when blank
 * @param organizationName the name of the organization the user is working in
 * @param role             the user's role in that organization ({@code admin}, {@code manager},
 *                         {@code viewer})
 * @param platformAdmin    whether the user administers the whole installation (shows the
 *                         "Platform admin" section)
 * @param timeZone         the zone times are shown in (the organization's); UTC when null
 */
public record Viewer(
        String email,
        String displayName,
        String organizationName,
        String role,
        boolean platformAdmin,
        ZoneId timeZone) {

    public Viewer {
        if (email == null || email.isBlank()) {
            throw new IllegalArgumentException("a viewer needs an e-mail address");
        }
        if (displayName == null || displayName.isBlank()) {
            displayName = email;
        }
        if (timeZone == null) {
            timeZone = ZoneId.of("UTC");
        }
    }

    /** One or two letters for the avatar: the initials of the first and last word of the name. */
    public String initials() {
        String[] words = displayName.trim().split("\\s+");
        String first = words[0].substring(0, 1);
        String last = words.length > 1 ? words[words.length - 1].substring(0, 1) : "";
        return (first + last).toUpperCase(Locale.ROOT);
    }

    /** The first letter of the organization's name, for its avatar. */
    public String organizationInitial() {
        return organizationName == null || organizationName.isBlank()
                ? "?" : organizationName.strip().substring(0, 1).toUpperCase(Locale.ROOT);
    }

    /** Whether the user may change the organization's settings and members. */
    public boolean isOrganizationAdmin() {
        return "admin".equalsIgnoreCase(role);
    }
}
