package dev.switchboard.identity;

import java.util.Map;

/**
 * Something sensitive that happened, for the audit log. The actor, impersonator, IP address,
 * user agent and request id are added from the current request.
 *
 * @param action     a dotted verb such as {@code member.role_changed}
 * @param targetType the kind of object acted on, such as {@code user} or {@code api_key}
 * @param targetId   its id
 * @param details    small, non-secret facts (old and new values, reasons)
 */
public record AuditEntry(String action, String targetType, String targetId, Map<String, ?> details) {

    public AuditEntry {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static AuditEntry of(String action, String targetType, Object targetId) {
        return new AuditEntry(action, targetType, targetId == null ? null : targetId.toString(), Map.of());
    }

    public AuditEntry with(Map<String, ?> moreDetails) {
        return new AuditEntry(action, targetType, targetId, moreDetails);
    }
}
