package dev.switchboard.agents.internal.retell;

import dev.switchboard.telephony.CredentialCheck;
import dev.switchboard.telephony.ProviderAccount;
import org.springframework.stereotype.Component;

/** A Retell key is good when Retell answers an authenticated read with it. */
@Component
class RetellCredentialCheck implements CredentialCheck {

    private final RetellVoiceAgentProvider retell;

    RetellCredentialCheck(RetellVoiceAgentProvider retell) {
        this.retell = retell;
    }

    @Override
    public boolean supports(String provider) {
        return "retell".equals(provider);
    }

    @Override
    public void check(ProviderAccount account) {
        retell.concurrency(account);
    }
}
