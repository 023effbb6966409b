package dev.switchboard.campaigns.internal.campaign;

import dev.switchboard.agents.AgentUsage;
import dev.switchboard.platform.TenantScope;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An agent is in use while a campaign calls with it (running, or scheduled to). A pending or paused
 * campaign does not hold it: starting or resuming one checks that its agent still exists.
 */
@Component
class CampaignAgentUsage implements AgentUsage {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    CampaignAgentUsage(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public List<String> usesOf(UUID agentId) {
        UUID organization = TenantScope.requireOrganization();
        return tx.execute(s -> jdbc.sql("""
                        select 'campaign "' || name || '" (' || status || ')' from campaigns
                        where organization_id = ? and agent_id = ? and status in ('scheduled', 'processing')
                        order by created_at""")
                .params(organization, agentId).query(String.class).list());
    }
}
