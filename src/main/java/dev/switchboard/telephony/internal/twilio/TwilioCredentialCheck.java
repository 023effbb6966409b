package dev.switchboard.telephony.internal.twilio;

import dev.switchboard.telephony.CredentialCheck;
import dev.switchboard.telephony.ProviderAccount;
import org.springframework.stereotype.Component;

/** Twilio credentials are good when Twilio lets them read their own account. */
@Component
class TwilioCredentialCheck implements CredentialCheck {

    private final TwilioTelephonyProvider twilio;

    TwilioCredentialCheck(TwilioTelephonyProvider twilio) {
        this.twilio = twilio;
    }

    @Override
    public boolean supports(String provider) {
        return "twilio".equals(provider);
    }

    @Override
    public void check(ProviderAccount account) {
        twilio.validateCredentials(account);
    }
}
