package dev.switchboard.web;

/**
 * The sidebar entries, as the values of {@link PageContext#activeNav()}. Entries below a section
 * share its prefix, so {@link PageContext#isActiveSection(String)} can open that section.
 */
public final class Nav {

    public static final String DASHBOARD = "dashboard";
    public static final String AGENTS = "agents";
    public static final String CAMPAIGNS = "campaigns";
    public static final String CONTACT_LISTS = "contact-lists";
    public static final String DO_NOT_CALL = "do-not-call";
    public static final String CALLS = "calls";
    public static final String PHONE_NUMBERS = "phone-numbers";

    public static final String SETTINGS = "settings/";
    public static final String SETTINGS_ORGANIZATION = "settings/organization";
    public static final String SETTINGS_MEMBERS = "settings/members";
    public static final String SETTINGS_API_KEYS = "settings/api-keys";
    public static final String SETTINGS_INTEGRATIONS = "settings/integrations";
    public static final String SETTINGS_NOTIFICATIONS = "settings/notifications";
    public static final String SETTINGS_AUDIT_LOG = "settings/audit-log";

    public static final String ADMIN = "admin/";
    public static final String ADMIN_ORGANIZATIONS = "admin/organizations";
    public static final String ADMIN_USERS = "admin/users";
    public static final String ADMIN_JOBS = "admin/jobs";
    public static final String ADMIN_OUTBOX = "admin/outbox";

    private Nav() {
    }
}
