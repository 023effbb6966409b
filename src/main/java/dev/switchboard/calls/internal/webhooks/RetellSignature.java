package dev.switchboard.calls.internal.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Retell's webhook signature: {@code x-retell-signature: v=<unix ms>,d=<hex HMAC-SHA256 of the
 * raw body followed by the timestamp, keyed by the account's API key>}, valid for 5 minutes
 * either side of now. Compared in constant time.
 */
final class RetellSignature {

    static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final Pattern HEADER = Pattern.compile("v=(\\d{1,16}),d=([0-9a-fA-F]{64})");
    // The platform's keys and the organizations' own: few, so a small map that starts over when full.
    private static final int MAX_KEYS = 1024;
    private static final Map<String, Mac> KEYED = new ConcurrentHashMap<>();

    /** Why a signature was refused, for the rejection counter. */
    enum Verdict { VALID, MISSING, MALFORMED, STALE, MISMATCH }

    private RetellSignature() {
    }

    static Verdict verify(byte[] rawBody, String header, Iterable<String> candidateKeys, Instant now) {
        if (header == null || header.isBlank()) {
            return Verdict.MISSING;
        }
        Matcher m = HEADER.matcher(header.trim());
        if (!m.matches()) {
            return Verdict.MALFORMED;
        }
        long timestamp = Long.parseLong(m.group(1));
        if (Math.abs(now.toEpochMilli() - timestamp) > TOLERANCE.toMillis()) {
            return Verdict.STALE;
        }
        byte[] given = HexFormat.of().parseHex(m.group(2).toLowerCase(java.util.Locale.ROOT));
        for (String key : candidateKeys) {
            if (key != null && MessageDigest.isEqual(given, digest(key, rawBody, m.group(1)))) {
                return Verdict.VALID;
            }
        }
        return Verdict.MISMATCH;
    }

    /** The header value for a body, as Retell (and the sandbox) send it. */
    static String sign(byte[] rawBody, String key, long timestampMillis) {
        String ts = Long.toString(timestampMillis);
        return "v=" + ts + ",d=" + HexFormat.of().formatHex(digest(key, rawBody, ts));
    }

    private static byte[] digest(String key, byte[] body, String timestamp) {
        Mac mac = macFor(key);
        mac.update(body);
        mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
        return mac.doFinal();
    }

    /**
     * A fresh Mac keyed with {@code key}: a copy of one kept per key, because looking up the
     * algorithm and expanding the key cost more than the digest of a typical webhook.
     */
    private static Mac macFor(String key) {
        Mac prototype = KEYED.get(key);
        if (prototype == null) {
            prototype = newMac(key);
            if (KEYED.size() >= MAX_KEYS) {
                KEYED.clear();
            }
            KEYED.put(key, prototype);
        }
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException notCloneable) {
            return newMac(key);
        }
    }

    private static Mac newMac(String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
