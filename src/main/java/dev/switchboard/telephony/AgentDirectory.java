package dev.switchboard.telephony;

import java.util.UUID;

/** Tells whether an agent id names an agent of the organization in scope (implemented by the agents module). */
public interface AgentDirectory {

    boolean belongsToOrganization(UUID agentId);
}
