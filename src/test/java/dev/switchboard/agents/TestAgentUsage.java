package dev.switchboard.agents;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Stands in for the modules that will use agents (campaigns): a test marks an agent as used,
 * and deleting it must then be refused. Picked up by every test context; uses nothing unless a
 * test marks an agent.
 */
@Component
public class TestAgentUsage implements AgentUsage {

    private static final Map<UUID, String> USED = new ConcurrentHashMap<>();

    public static void markUsed(UUID agentId, String by) {
        USED.put(agentId, by);
    }

    @Override
    public List<String> usesOf(UUID agentId) {
        String by = USED.get(agentId);
        return by == null ? List.of() : List.of(by);
    }
}
