package dev.switchboard.agents.internal.vapi;

import dev.switchboard.telephony.CredentialCheck;
import dev.switchboard.telephony.ProviderAccount;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** A Vapi key is good when Vapi answers an authenticated read (the newest call) with it. */
@Component
class VapiCredentialCheck implements CredentialCheck {

    private final VapiVoiceAgentProvider vapi;

    VapiCredentialCheck(VapiVoiceAgentProvider vapi) {
        this.vapi = vapi;
    }

    @Override
    public boolean supports(String provider) {
        return "vapi".equals(provider);
    }

    @Override
    public void check(ProviderAccount account) {
        vapi.listCalls(account, Instant.now(), 1);
    }
}
