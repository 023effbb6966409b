package dev.switchboard.agents;

import dev.switchboard.telephony.ProviderAccount;

/** Finds the adapter for an account: Retell's serves both real Retell and the embedded sandbox. */
public interface VoiceAgentProviders {

    VoiceAgentProvider forAccount(ProviderAccount account);
}
