package dev.switchboard.telephony;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Number bookkeeping for other modules' background work (no user acting): provisioning a
 * number for a new organization, and reading which numbers use which agents.
 */
public interface NumberRegistry {

    /** A number of the organization in scope, with its agents. */
    record NumberAgents(UUID phoneNumberId, String e164, String provider, UUID inboundAgentId, UUID outboundAgentId) {
    }

    /** Adds a number to the inventory and assigns it to {@code organizationId}; primary when it has none. */
    UUID registerAndAssign(UUID organizationId, String e164, String displayName, String provider);

    /** Whether the organization has a number of {@code provider} already. */
    boolean hasNumberOf(UUID organizationId, String provider);

    /** The organization's numbers with their agents (in the organization's scope). */
    List<NumberAgents> numbersOf(UUID organizationId);

    Optional<NumberAgents> number(UUID organizationId, UUID phoneNumberId);
}
