package dev.switchboard.agents;

import java.util.List;
import java.util.UUID;

/**
 * Tells whether something still relies on an agent, so it is not deleted from under it.
 * Implemented by the modules that use agents (campaigns: running campaigns).
 */
public interface AgentUsage {

    /** Human-readable names of what uses the agent now (for example running campaign names). */
    List<String> usesOf(UUID agentId);
}
