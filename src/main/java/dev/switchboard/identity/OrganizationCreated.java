package dev.switchboard.identity;

import java.util.UUID;

/**
 * An organization was created (at sign-up). Published inside the creating transaction, so a
 * listener's work (scheduling a job, say) commits or rolls back with the organization.
 */
public record OrganizationCreated(UUID organizationId, String name) {
}
