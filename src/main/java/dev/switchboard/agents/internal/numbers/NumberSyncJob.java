package dev.switchboard.agents.internal.numbers;

import dev.switchboard.agents.VoiceAgentProviders;
import dev.switchboard.platform.JobContext;
import dev.switchboard.platform.JobHandler;
import dev.switchboard.platform.JobRequest;
import dev.switchboard.platform.Jobs;
import dev.switchboard.platform.RetryPolicy;
import dev.switchboard.telephony.NumberRegistry;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderAccounts;
import java.time.Duration;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Points the provider's copy of a number at the provider ids of its agents. Waits (by failing
 * and retrying) while an agent has not reached the provider yet.
 */
@Component
public class NumberSyncJob implements JobHandler<NumberSyncJob.Payload> {

    static final String TASK = "sync-phone-number";

    /** Which number to sync. */
    public record Payload(UUID organizationId, UUID phoneNumberId) {
    }

    private final NumberRegistry numbers;
    private final ProviderAccounts accounts;
    private final VoiceAgentProviders providers;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    NumberSyncJob(NumberRegistry numbers, ProviderAccounts accounts, VoiceAgentProviders providers, JdbcClient jdbc,
                  TransactionTemplate tx) {
        this.numbers = numbers;
        this.accounts = accounts;
        this.providers = providers;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** Schedules a sync of a number (one pending sync per number at a time is enough). */
    public static void schedule(Jobs jobs, UUID organizationId, UUID phoneNumberId) {
        jobs.schedule(JobRequest.of(TASK, phoneNumberId.toString() + ":" + System.nanoTime(),
                new Payload(organizationId, phoneNumberId)).forOrganization(organizationId));
    }

    @Override
    public String taskName() {
        return TASK;
    }

    @Override
    public Class<Payload> payloadType() {
        return Payload.class;
    }

    @Override
    public RetryPolicy retryPolicy(RetryPolicy defaults) {
        return new RetryPolicy(8, Duration.ofSeconds(2), 2.0, Duration.ofMinutes(2), 0.2);
    }

    @Override
    public void run(Payload payload, JobContext context) {
        var number = numbers.number(payload.organizationId(), payload.phoneNumberId()).orElse(null);
        if (number == null) {
            return;
        }
        ProviderAccount account = accounts.voiceAccount();
        String inbound = providerAgentId(payload.organizationId(), number.inboundAgentId());
        String outbound = providerAgentId(payload.organizationId(), number.outboundAgentId());
        providers.forAccount(account).updatePhoneNumber(account, number.e164(), inbound, outbound);
    }

    private String providerAgentId(UUID organizationId, UUID agentId) {
        if (agentId == null) {
            return null;
        }
        String id = tx.execute(s -> jdbc.sql("select provider_agent_id from agents where organization_id = ? and id = ?")
                .params(organizationId, agentId).query(String.class).optional().orElse(null));
        if (id == null) {
            throw new IllegalStateException("Agent " + agentId + " has not reached the provider yet; the number waits for it");
        }
        return id;
    }
}
