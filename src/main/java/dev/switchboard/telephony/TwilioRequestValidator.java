package dev.switchboard.telephony;

import dev.switchboard.telephony.internal.twilio.TwilioSignatures;
import java.util.Map;

/**
 * Checks {@code X-Twilio-Signature} on a request Twilio sent (voice and status callbacks), with
 * the Twilio SDK's validator: Base64 HMAC-SHA1, keyed with the account's auth token, of the full
 * URL Twilio called followed by the POST parameters sorted by name. Behind a proxy the URL must
 * be the public one Twilio called, not the one the proxy forwarded to.
 */
public final class TwilioRequestValidator {

    private TwilioRequestValidator() {
    }

    /**
     * Whether {@code signature} was made with {@code authToken} for {@code url} and these POST
     * parameters; false when any of them is missing.
     */
    public static boolean valid(String authToken, String url, Map<String, String> postParameters, String signature) {
        return TwilioSignatures.valid(authToken, url, postParameters, signature);
    }
}
