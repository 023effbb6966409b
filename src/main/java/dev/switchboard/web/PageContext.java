package dev.switchboard.web;

import java.util.List;

/**
 * What the page layouts need on every page, besides the page's own view record: the page title,
 * which sidebar entry is active, who is looking, and the request-scoped extras (organization
 * switcher, impersonation banner, CSRF field, flash messages).
 *
 * <p>Templates receive it as the parameter {@code page}. Pages of the signed-out layout
 * ({@code layout/auth}) use only {@code title}, {@code csrf} and {@code flashes}; build those
 * with {@link #signedOut(String, CsrfField)}.
 *
 * @param title         the page title, shown in the browser tab as "title · Switchboard"; required
 * @param activeNav     the sidebar entry to highlight, one of the {@link Nav} constants; may be null
 * @param viewer        the signed-in user; null on signed-out pages
 * @param organizations the organizations the viewer can switch to, the current one included; the
 *                      switcher appears when there are two or more
 * @param impersonation the running impersonation, or null when the viewer acts as themselves
 * @param csrf          the CSRF token to embed in forms and htmx requests, or null when CSRF
 *                      protection is off
 * @param flashes       one-shot messages from the previous request (after a redirect)
 */
public record PageContext(
        String title,
        String activeNav,
        Viewer viewer,
        List<OrganizationChoice> organizations,
        Impersonation impersonation,
        CsrfField csrf,
        List<Flash> flashes) {

    public PageContext {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("a page needs a title");
        }
        organizations = organizations == null ? List.of() : List.copyOf(organizations);
        flashes = flashes == null ? List.of() : List.copyOf(flashes);
    }

    /** The context of a signed-out page (sign-in, sign-up, password reset, invitation, errors). */
    public static PageContext signedOut(String title, CsrfField csrf) {
        return new PageContext(title, null, null, List.of(), null, csrf, List.of());
    }

    /** This context with another title and active sidebar entry, everything else kept. */
    public PageContext withPage(String newTitle, String newActiveNav) {
        return new PageContext(newTitle, newActiveNav, viewer, organizations, impersonation, csrf, flashes);
    }

    /** This context with the given flash messages instead of its own. */
    public PageContext withFlashes(List<Flash> newFlashes) {
        return new PageContext(title, activeNav, viewer, organizations, impersonation, csrf, newFlashes);
    }

    /** Whether the sidebar entry {@code nav} (a {@link Nav} constant) is the active one. */
    public boolean isActive(String nav) {
        return nav.equals(activeNav);
    }

    /** Whether the active entry lies in the section {@code prefix} (for example {@code "settings/"}). */
    public boolean isActiveSection(String prefix) {
        return activeNav != null && activeNav.startsWith(prefix);
    }

    /** Whether the organization switcher is worth showing. */
    public boolean canSwitchOrganization() {
        return organizations.size() > 1;
    }
}
