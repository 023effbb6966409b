package dev.switchboard.agents.internal.vapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.agents.internal.vapi.VapiServerAuthentication.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class VapiServerAuthenticationTest {

    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    private static final byte[] BODY = "{\"message\":{\"type\":\"status-update\",\"status\":\"ended\"}}"
            .getBytes(StandardCharsets.UTF_8);

    private static Outcome check(VapiServerAuthentication authentication, Map<String, String> headers, byte[] body) {
        return authentication.verify(headers::get, body, NOW);
    }

    /** HMAC-SHA256 of "{timestamp}.{body}", hex: computed here independently of the class under test. */
    private static String signature(String key, String timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    @Test
    void acceptsTheSharedSecretAndRefusesAnyOther() {
        VapiServerAuthentication secret = VapiServerAuthentication.sharedSecret("s3cret");

        assertThat(check(secret, Map.of("x-vapi-secret", "s3cret"), BODY)).isEqualTo(Outcome.AUTHENTIC);
        assertThat(check(secret, Map.of("x-vapi-signature", "s3cret"), BODY)).isEqualTo(Outcome.AUTHENTIC);
        assertThat(check(secret, Map.of("x-vapi-secret", "s3cret "), BODY)).isEqualTo(Outcome.MISMATCH);
        assertThat(check(secret, Map.of("x-vapi-secret", "s3cre"), BODY)).isEqualTo(Outcome.MISMATCH);
        assertThat(check(secret, Map.of(), BODY)).isEqualTo(Outcome.MISSING);
    }

    @Test
    void acceptsAFreshHmacSignatureInSecondsOrMilliseconds() throws Exception {
        VapiServerAuthentication hmac = VapiServerAuthentication.hmac("hmac-key");
        String seconds = String.valueOf(NOW.getEpochSecond() - 30);
        String millis = String.valueOf(NOW.toEpochMilli() + 30_000);

        assertThat(check(hmac, Map.of("x-signature", signature("hmac-key", seconds, BODY), "x-timestamp", seconds), BODY))
                .isEqualTo(Outcome.AUTHENTIC);
        assertThat(check(hmac, Map.of("x-signature", "sha256=" + signature("hmac-key", millis, BODY).toUpperCase(),
                "x-timestamp", millis), BODY)).isEqualTo(Outcome.AUTHENTIC);
        assertThat(VapiServerAuthentication.sign("hmac-key", seconds, BODY)).isEqualTo(signature("hmac-key", seconds, BODY));
    }

    @Test
    void refusesATamperedBodyAWrongKeyAndMissingHeaders() throws Exception {
        VapiServerAuthentication hmac = VapiServerAuthentication.hmac("hmac-key");
        String timestamp = String.valueOf(NOW.getEpochSecond());
        Map<String, String> headers = new HashMap<>(Map.of("x-signature", signature("hmac-key", timestamp, BODY),
                "x-timestamp", timestamp));

        assertThat(check(hmac, headers, "{\"message\":{\"type\":\"status-update\",\"status\":\"started\"}}"
                .getBytes(StandardCharsets.UTF_8))).isEqualTo(Outcome.MISMATCH);
        assertThat(check(VapiServerAuthentication.hmac("other-key"), headers, BODY)).isEqualTo(Outcome.MISMATCH);
        headers.put("x-timestamp", String.valueOf(NOW.getEpochSecond() + 1));
        assertThat(check(hmac, headers, BODY)).isEqualTo(Outcome.MISMATCH);
        headers.remove("x-timestamp");
        assertThat(check(hmac, headers, BODY)).isEqualTo(Outcome.MISSING);
    }

    @Test
    void refusesAGenuineSignatureOlderOrNewerThanFiveMinutes() throws Exception {
        VapiServerAuthentication hmac = VapiServerAuthentication.hmac("hmac-key");
        String old = String.valueOf(NOW.getEpochSecond() - 301);
        String future = String.valueOf(NOW.toEpochMilli() + 301_000);

        assertThat(check(hmac, Map.of("x-signature", signature("hmac-key", old, BODY), "x-timestamp", old), BODY))
                .isEqualTo(Outcome.STALE);
        assertThat(check(hmac, Map.of("x-signature", signature("hmac-key", future, BODY), "x-timestamp", future), BODY))
                .isEqualTo(Outcome.STALE);
    }
}
