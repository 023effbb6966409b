package dev.switchboard.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An independent implementation of the {@code retell-sdk} {@code verify(body, apiKey, signature)}
 * check, written from the SDK's {@code webhook_auth.ts}: the header is {@code v=<ms>,d=<digest>},
 * the digest is hex HMAC-SHA256 keyed by the API key over the raw body followed by the timestamp,
 * and the timestamp must be within five minutes of now.
 */
final class RetellSignature {

    private static final Pattern HEADER = Pattern.compile("v=(\\d+),d=(.*)");
    static final long FIVE_MINUTES = 5 * 60 * 1000;

    private RetellSignature() {
    }

    static boolean verify(String body, String apiKey, String signature, long nowMillis) {
        if (signature == null) {
            return false;
        }
        Matcher match = HEADER.matcher(signature);
        if (!match.matches()) {
            return false;
        }
        long postedAt = Long.parseLong(match.group(1));
        if (Math.abs(nowMillis - postedAt) > FIVE_MINUTES) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(apiKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((body + postedAt).getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(HexFormat.of().formatHex(expected).getBytes(StandardCharsets.US_ASCII),
                    match.group(2).getBytes(StandardCharsets.US_ASCII));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
