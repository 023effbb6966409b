package dev.switchboard.telephony;

import java.util.List;
import java.util.UUID;

/**
 * Tells whether an agent id names an agent of the organization in scope, and which agents it
 * has (implemented by the agents module).
 */
public interface AgentDirectory {

    /**
     * An agent as a number's agent selects offer it.
     *
     * @param id     the agent's id
     * @param name   its name
     * @param status draft, active or inactive
     */
    record AgentChoice(UUID id, String name, String status) {
    }

    boolean belongsToOrganization(UUID agentId);

    /** The agents of the organization in scope, by name. */
    List<AgentChoice> choices();
}
