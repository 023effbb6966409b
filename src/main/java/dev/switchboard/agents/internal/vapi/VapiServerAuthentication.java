package dev.switchboard.agents.internal.vapi;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Proves that a server message (webhook, tool call) comes from Vapi, on the raw body before it
 * is parsed. Two schemes, as Vapi documents them:
 * <ul>
 *   <li>the legacy shared secret, sent as {@code x-vapi-secret} (newer documentation names the
 *       header {@code x-vapi-signature}; both are accepted), compared in constant time;</li>
 *   <li>an HMAC credential (HMACAuthenticationPlan, defaults): {@code x-signature} is the hex
 *       HMAC-SHA256 of {@code "{x-timestamp}.{raw body}"}, optionally prefixed {@code sha256=};
 *       the timestamp must be within five minutes of now, so a captured message cannot be
 *       replayed later. Vapi does not document the timestamp's unit: values above 10^11 are
 *       read as milliseconds, smaller ones as seconds.</li>
 * </ul>
 */
public final class VapiServerAuthentication {

    /** Why a message was accepted or refused. */
    public enum Outcome {
        AUTHENTIC,
        /** The headers the scheme needs are missing. */
        MISSING,
        /** The secret or signature does not match. */
        MISMATCH,
        /** The signature matches but the timestamp is too far from now. */
        STALE
    }

    static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final long MILLISECONDS_FROM = 100_000_000_000L;

    private final String secret;
    private final byte[] hmacKey;

    private VapiServerAuthentication(String secret, byte[] hmacKey) {
        this.secret = secret;
        this.hmacKey = hmacKey;
    }

    /** The legacy scheme: Vapi sends the configured secret itself. */
    public static VapiServerAuthentication sharedSecret(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("The Vapi server secret is empty");
        }
        return new VapiServerAuthentication(secret, null);
    }

    /** The HMAC credential scheme with its secret key (used as UTF-8 bytes, as Vapi does by default). */
    public static VapiServerAuthentication hmac(String secretKey) {
        if (secretKey == null || secretKey.isEmpty()) {
            throw new IllegalArgumentException("The Vapi HMAC secret key is empty");
        }
        return new VapiServerAuthentication(null, secretKey.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Checks a message. {@code header} looks a header up by its lower-case name (servlet
     * requests do so case-insensitively already) and returns null when it is absent.
     */
    public Outcome verify(UnaryOperator<String> header, byte[] rawBody, Instant now) {
        return secret != null ? verifySecret(header) : verifyHmac(header, rawBody, now);
    }

    private Outcome verifySecret(UnaryOperator<String> header) {
        String sent = header.apply("x-vapi-secret");
        if (sent == null) {
            sent = header.apply("x-vapi-signature");
        }
        if (sent == null) {
            return Outcome.MISSING;
        }
        // Comparing digests keeps the comparison constant-time even in the secret's length.
        return MessageDigest.isEqual(sha256(sent.getBytes(StandardCharsets.UTF_8)),
                sha256(secret.getBytes(StandardCharsets.UTF_8))) ? Outcome.AUTHENTIC : Outcome.MISMATCH;
    }

    private Outcome verifyHmac(UnaryOperator<String> header, byte[] rawBody, Instant now) {
        String signature = header.apply("x-signature");
        String timestamp = header.apply("x-timestamp");
        if (signature == null || timestamp == null || signature.isBlank() || timestamp.isBlank()) {
            return Outcome.MISSING;
        }
        String hex = signature.trim().toLowerCase(Locale.ROOT);
        if (hex.startsWith("sha256=")) {
            hex = hex.substring("sha256=".length());
        }
        byte[] expected = HexFormat.of().formatHex(mac(timestamp.trim(), rawBody)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, hex.getBytes(StandardCharsets.US_ASCII))) {
            return Outcome.MISMATCH;
        }
        // Checked after the signature, so that a forged message is reported as such.
        Instant signedAt = signedAt(timestamp.trim());
        if (signedAt == null || Duration.between(signedAt, now).abs().compareTo(TOLERANCE) > 0) {
            return Outcome.STALE;
        }
        return Outcome.AUTHENTIC;
    }

    /** The hex signature Vapi sends for {@code rawBody} at {@code timestamp}; for tests and tools. */
    public static String sign(String secretKey, String timestamp, byte[] rawBody) {
        return HexFormat.of().formatHex(hmac(secretKey).mac(timestamp, rawBody));
    }

    private byte[] mac(String timestamp, byte[] rawBody) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(rawBody);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static Instant signedAt(String timestamp) {
        try {
            long value = Long.parseLong(timestamp);
            return value >= MILLISECONDS_FROM ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
        } catch (NumberFormatException | java.time.DateTimeException notEpoch) {
            try {
                return Instant.parse(timestamp);
            } catch (java.time.format.DateTimeParseException notIso) {
                return null;
            }
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
