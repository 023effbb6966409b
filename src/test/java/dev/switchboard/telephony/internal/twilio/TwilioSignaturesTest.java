package dev.switchboard.telephony.internal.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class TwilioSignaturesTest {

    private static final String TOKEN = "test-auth-token";
    private static final String URL = "https://switchboard.example/webhooks/twilio/status";
    private static final Map<String, String> FORM = Map.of("CallSid", "CA123", "CallStatus", "completed",
            "From", "+14155550100", "To", "+14155550123");

    /** Twilio's documented scheme, computed here independently: Base64(HMAC-SHA1(token, url + sorted key+value)). */
    private static String signature(String token, String url, Map<String, String> form) throws Exception {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(form).forEach((key, value) -> data.append(key).append(value));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void acceptsTheSignatureTwilioComputesForThePublicUrl() throws Exception {
        assertThat(TwilioSignatures.valid(TOKEN, URL, FORM, signature(TOKEN, URL, FORM))).isTrue();
    }

    @Test
    void refusesAnotherTokenAChangedParameterAnotherUrlOrNoSignature() throws Exception {
        String genuine = signature(TOKEN, URL, FORM);
        Map<String, String> changed = new TreeMap<>(FORM);
        changed.put("CallStatus", "busy");

        assertThat(TwilioSignatures.valid("other-token", URL, FORM, genuine)).isFalse();
        assertThat(TwilioSignatures.valid(TOKEN, URL, changed, genuine)).isFalse();
        assertThat(TwilioSignatures.valid(TOKEN, "http://internal:8080/webhooks/twilio/status", FORM, genuine)).isFalse();
        assertThat(TwilioSignatures.valid(TOKEN, URL, FORM, null)).isFalse();
        assertThat(TwilioSignatures.valid(null, URL, FORM, genuine)).isFalse();
    }
}
