package dev.switchboard.platform;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The organization the current thread works for. Every database transaction opened while a
 * scope is active tells PostgreSQL the organization ({@code app.organization_id}), so row-level
 * security shows and accepts only that organization's rows. Without a scope no tenant row is
 * visible at all.
 *
 * <p>Requests get their scope from the authentication filter; jobs and webhooks open one
 * explicitly with {@link #callAs(UUID, Supplier)} after a narrow lookup of the organization.
 */
public final class TenantScope {

    private static final ThreadLocal<UUID> ORGANIZATION = new ThreadLocal<>();
    private static final ThreadLocal<Boolean> CROSS_ORGANIZATION_READ = new ThreadLocal<>();

    private TenantScope() {
    }

    /** The organization of the current scope, if any. */
    public static Optional<UUID> currentOrganization() {
        return Optional.ofNullable(ORGANIZATION.get());
    }

    /** The organization of the current scope; fails when work runs outside any organization. */
    public static UUID requireOrganization() {
        UUID id = ORGANIZATION.get();
        if (id == null) {
            throw new IllegalStateException("No organization in scope for this work");
        }
        return id;
    }

    /** Runs {@code work} for {@code organizationId}, restoring the previous scope afterwards. */
    public static <T> T callAs(UUID organizationId, Supplier<T> work) {
        UUID previous = ORGANIZATION.get();
        ORGANIZATION.set(organizationId);
        try {
            return work.get();
        } finally {
            restore(previous);
        }
    }

    /** Runs {@code work} for {@code organizationId}, restoring the previous scope afterwards. */
    public static void runAs(UUID organizationId, Runnable work) {
        callAs(organizationId, () -> {
            work.run();
            return null;
        });
    }

    /**
     * Opens the scope for the rest of a request; the caller must {@link #clear()} it. Used by
     * the request filters only.
     */
    public static void enter(UUID organizationId) {
        ORGANIZATION.set(organizationId);
    }

    /** Leaves any scope on this thread. */
    public static void clear() {
        ORGANIZATION.remove();
        CROSS_ORGANIZATION_READ.remove();
    }

    /**
     * Runs read-only {@code work} that may see every organization's rows. This is the mechanism
     * behind the platform administrator's audited path and must not be called from anywhere
     * else (an architecture test enforces it).
     */
    public static <T> T readAcrossOrganizations(Supplier<T> work) {
        Boolean previous = CROSS_ORGANIZATION_READ.get();
        CROSS_ORGANIZATION_READ.set(Boolean.TRUE);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CROSS_ORGANIZATION_READ.remove();
            } else {
                CROSS_ORGANIZATION_READ.set(previous);
            }
        }
    }

    /** Whether the current work is an audited cross-organization read. */
    public static boolean isCrossOrganizationRead() {
        return Boolean.TRUE.equals(CROSS_ORGANIZATION_READ.get());
    }

    private static void restore(UUID previous) {
        if (previous == null) {
            ORGANIZATION.remove();
        } else {
            ORGANIZATION.set(previous);
        }
    }
}
