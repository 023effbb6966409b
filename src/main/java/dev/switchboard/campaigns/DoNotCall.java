package dev.switchboard.campaigns;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/**
 * The organization's do-not-call list: numbers no campaign may call. Numbers are E.164. Call
 * inside the organization's tenant scope ({@code TenantScope}); each method joins the caller's
 * transaction or opens its own. Every change is written to the organization's audit log.
 */
public interface DoNotCall {

    /** How a number came onto the list. */
    enum Source {
        /** Added by a user, one at a time. */
        MANUAL,
        /** From an uploaded file of numbers. */
        IMPORT,
        /** Through the public API. */
        API,
        /** From a call, for instance a callee who asked not to be called again. */
        CALL;

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Whether {@code e164} is on the organization's list. */
    boolean isBlocked(UUID organizationId, String e164);

    /** The numbers among {@code e164s} that are on the organization's list. */
    Set<String> blocked(UUID organizationId, Collection<String> e164s);

    /**
     * Puts {@code e164} on the organization's list, audited as {@code donotcall.added}.
     *
     * @param reason why, shown on the do-not-call page (at most 500 characters), or null
     * @return true when the number was added, false when it was already on the list (the
     *         original entry, its source and reason are kept)
     * @throws IllegalArgumentException when {@code e164} is not an E.164 number
     */
    boolean add(UUID organizationId, String e164, Source source, String reason);
}
