package dev.switchboard.agents.internal.numbers;

import dev.switchboard.identity.OrganizationCreated;
import dev.switchboard.platform.JobRequest;
import dev.switchboard.platform.Jobs;
import dev.switchboard.platform.TenantScope;
import dev.switchboard.telephony.AgentDirectory;
import dev.switchboard.telephony.NumberAgentsChanged;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where agents meet phone numbers: vouches for agent ids of the organization, gives every new
 * organization a sandbox number when it runs on the sandbox, and keeps the provider's copy of
 * each number pointing at the right agents. Listeners run inside the transaction that
 * published the event, so the jobs they schedule commit with it.
 */
@Component
class AgentNumbers implements AgentDirectory {

    private final JdbcClient jdbc;
    private final Jobs jobs;
    private final TransactionTemplate tx;
    private final boolean provisionSandboxNumbers;

    AgentNumbers(JdbcClient jdbc, Jobs jobs, TransactionTemplate tx,
                 @Value("${switchboard.sandbox.provision-numbers:true}") boolean provisionSandboxNumbers) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.tx = tx;
        this.provisionSandboxNumbers = provisionSandboxNumbers;
    }

    @Override
    public boolean belongsToOrganization(UUID agentId) {
        UUID organization = TenantScope.requireOrganization();
        return Boolean.TRUE.equals(tx.execute(s -> jdbc.sql("select exists (select 1 from agents where organization_id = ? and id = ?)")
                .params(organization, agentId).query(Boolean.class).single()));
    }

    @Override
    public List<AgentChoice> choices() {
        UUID organization = TenantScope.requireOrganization();
        return tx.execute(s -> jdbc.sql("select id, name, status from agents where organization_id = ? order by lower(name), id")
                .param(organization)
                .query((rs, row) -> new AgentChoice(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("status")))
                .list());
    }

    @EventListener
    void organizationCreated(OrganizationCreated event) {
        if (!provisionSandboxNumbers) {
            return;
        }
        jobs.schedule(JobRequest.of(SandboxNumberJob.TASK, event.organizationId().toString(),
                new SandboxNumberJob.Payload(event.organizationId(), event.name())).forOrganization(event.organizationId()));
    }

    @EventListener
    void numberAgentsChanged(NumberAgentsChanged event) {
        NumberSyncJob.schedule(jobs, event.organizationId(), event.phoneNumberId());
    }
}
