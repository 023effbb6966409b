package dev.switchboard.web;

/**
 * One organization in the switcher of the top bar.
 *
 * @param id      the organization's id, posted as {@code organizationId} to
 *                {@code POST /session/organization}
 * @param name    its name
 * @param role    the viewer's role in it
 * @param current whether the viewer is working in it now
 */
public record OrganizationChoice(String id, String name, String role, boolean current) {

    /** The first letter of the name, for the organization's avatar. */
    public String initial() {
        return name == null || name.isBlank() ? "?" : name.strip().substring(0, 1).toUpperCase(java.util.Locale.ROOT);
    }
}
