package dev.switchboard.telephony.internal.twilio;

import com.twilio.security.RequestValidator;
import java.util.Map;

/**
 * Verifies {@code X-Twilio-Signature} on a webhook with the SDK's {@link RequestValidator}:
 * Base64 HMAC-SHA1, keyed with the auth token, of the full public URL followed by the sorted
 * POST parameters. The URL must be the one Twilio called (Switchboard's public URL), not the one
 * a proxy rewrote it to.
 */
public final class TwilioSignatures {

    private TwilioSignatures() {
    }

    public static boolean valid(String authToken, String publicUrl, Map<String, String> formParams, String header) {
        if (authToken == null || authToken.isEmpty() || publicUrl == null || header == null || header.isBlank()) {
            return false;
        }
        return new RequestValidator(authToken).validate(publicUrl, formParams == null ? Map.of() : formParams, header);
    }
}
