package dev.switchboard.sandbox.internal.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Retell's {@code x-retell-signature}: {@code v=<unix ms>,d=<hex HMAC-SHA256>}, keyed by the
 * account's API key, over the raw body with the timestamp appended (as the SDK's
 * {@code sign(input + timestamp)} does).
 */
public final class Signature {

    public static final String HEADER = "x-retell-signature";

    private Signature() {
    }

    public static String sign(String body, String apiKey, long timestampMillis) {
        return "v=" + timestampMillis + ",d=" + hmacHex(apiKey, body + timestampMillis);
    }

    static String hmacHex(String key, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
