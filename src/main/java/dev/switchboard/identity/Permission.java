package dev.switchboard.identity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What an actor may do inside an organization. Roles grant sets of permissions
 * ({@link Role#permissions()}); API keys carry a subset as scopes, named by {@link #scope()}.
 */
public enum Permission {
    /** See the organization's agents, calls, campaigns, numbers and dashboards. */
    ORGANIZATION_READ("organization:read"),
    /** Start, pause and cancel campaigns, place calls, import contact lists. */
    CAMPAIGNS_RUN("campaigns:run"),
    /** Create, change and delete AI agents. */
    AGENTS_MANAGE("agents:manage"),
    /** Invite and remove members, change their roles. */
    MEMBERS_MANAGE("members:manage"),
    /** Manage phone numbers and their agents. */
    NUMBERS_MANAGE("numbers:manage"),
    /** Connect providers and manage their credentials. */
    INTEGRATIONS_MANAGE("integrations:manage"),
    /** Change billing settings such as the rate per minute. */
    BILLING_MANAGE("billing:manage"),
    /** Change the organization's name, time zone and defaults. */
    SETTINGS_MANAGE("settings:manage"),
    /** Create, rotate and revoke API keys. */
    API_KEYS_MANAGE("api-keys:manage"),
    /** Read the audit log. */
    AUDIT_READ("audit:read"),
    /** Delete call recordings (shared links to them stop working). */
    RECORDINGS_DELETE("recordings:delete");

    private final String scope;

    Permission(String scope) {
        this.scope = scope;
    }

    /** The API-key scope string for this permission, such as {@code campaigns:run}. */
    public String scope() {
        return scope;
    }

    /** The permission named by an API-key scope string. */
    public static Optional<Permission> fromScope(String scope) {
        String wanted = scope == null ? "" : scope.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.scope.equals(wanted)).findFirst();
    }
}
