package dev.switchboard.identity;

import java.util.UUID;

/**
 * Writes the audit trail. Entries recorded inside a transaction commit or roll back with it,
 * so the log never claims an action that did not happen.
 */
public interface AuditLog {

    /** Records an entry in the current organization's audit log. */
    void record(AuditEntry entry);

    /** Records an entry in {@code organizationId}'s audit log, for work outside a request scope. */
    void recordFor(UUID organizationId, AuditEntry entry);

    /** Records an entry in the platform audit log (platform administration, unknown accounts). */
    void recordPlatform(AuditEntry entry, UUID subjectOrganizationId);
}
