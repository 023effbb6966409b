package dev.switchboard.agents.internal;

import dev.switchboard.agents.VoiceAgentProvider;
import dev.switchboard.agents.VoiceAgentProviders;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Adapters by provider id; the sandbox speaks Retell's API, so Retell's adapter serves it. */
@Component
class AdapterRegistry implements VoiceAgentProviders {

    private final Map<String, VoiceAgentProvider> byId;

    AdapterRegistry(List<VoiceAgentProvider> adapters) {
        this.byId = adapters.stream().collect(Collectors.toMap(VoiceAgentProvider::id, Function.identity()));
    }

    @Override
    public VoiceAgentProvider forAccount(ProviderAccount account) {
        String id = "sandbox".equals(account.provider()) ? "retell" : account.provider();
        VoiceAgentProvider adapter = byId.get(id);
        if (adapter == null) {
            throw new ProviderException(account.provider(), ProviderException.Kind.UNSUPPORTED,
                    "This server has no adapter for " + account.provider() + ".", null, null);
        }
        return adapter;
    }
}
