package dev.switchboard.identity;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A member's role in an organization. This is the one permission matrix of Switchboard:
 * a viewer reads; a manager also runs campaigns and manages agents; an administrator may do
 * everything in the organization, including members, numbers, integrations and billing.
 */
public enum Role {
    ADMIN(EnumSet.allOf(Permission.class)),
    MANAGER(EnumSet.of(Permission.ORGANIZATION_READ, Permission.CAMPAIGNS_RUN, Permission.AGENTS_MANAGE)),
    VIEWER(EnumSet.of(Permission.ORGANIZATION_READ));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = Set.copyOf(permissions);
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    public boolean allows(Permission permission) {
        return permissions.contains(permission);
    }

    /** The database and API spelling: {@code admin}, {@code manager}, {@code viewer}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromCode(String code) {
        String wanted = code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.name().equals(wanted)).findFirst();
    }
}
