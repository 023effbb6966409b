package dev.switchboard.agents.internal.catalog;

import dev.switchboard.agents.VoiceAgentProvider;
import dev.switchboard.agents.VoiceAgentProviders;
import dev.switchboard.platform.JobContext;
import dev.switchboard.platform.JobHandler;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderAccounts;
import org.springframework.stereotype.Component;

/** Removes a deleted agent's copy at the provider (unknown copies count as removed). */
@Component
class AgentRemovalJob implements JobHandler<AgentRemovalJob.Payload> {

    static final String TASK = "remove-agent-at-provider";

    record Payload(String provider, String providerAgentId, String providerEngineId) {
    }

    private final ProviderAccounts accounts;
    private final VoiceAgentProviders providers;

    AgentRemovalJob(ProviderAccounts accounts, VoiceAgentProviders providers) {
        this.accounts = accounts;
        this.providers = providers;
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
    public void run(Payload payload, JobContext context) {
        ProviderAccount account = accounts.voiceAccount();
        if (!account.provider().equals(payload.provider())) {
            return; // the organization moved to another provider account; the old copy is not reachable
        }
        providers.forAccount(account).deleteAgent(account,
                new VoiceAgentProvider.ProviderAgent(payload.providerAgentId(), payload.providerEngineId()));
    }
}
