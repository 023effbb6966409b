package dev.switchboard.agents;

import dev.switchboard.agents.internal.vapi.VapiServerAuthentication;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * Proves that a Vapi server message (webhook) comes from Vapi, on the raw body before it is
 * parsed: either the shared secret Vapi sends as {@code x-vapi-secret}, or an HMAC credential
 * ({@code x-signature} = hex HMAC-SHA256 of {@code "{x-timestamp}.{raw body}"}, timestamp within
 * five minutes of now). Secrets are compared in constant time.
 */
public final class VapiServerMessageAuthentication {

    /** Why a message was accepted or refused. */
    public enum Outcome { AUTHENTIC, MISSING, MISMATCH, STALE }

    private VapiServerMessageAuthentication() {
    }

    /** Checks the legacy shared-secret header against {@code secret}. */
    public static Outcome verifySecret(String secret, UnaryOperator<String> header) {
        return outcome(VapiServerAuthentication.sharedSecret(secret).verify(header, new byte[0], Instant.EPOCH));
    }

    /** Checks the HMAC headers against {@code secretKey}, refusing timestamps more than five minutes from {@code now}. */
    public static Outcome verifyHmac(String secretKey, UnaryOperator<String> header, byte[] rawBody, Instant now) {
        return outcome(VapiServerAuthentication.hmac(secretKey).verify(header, rawBody, now));
    }

    /** The {@code x-signature} Vapi sends for {@code rawBody} signed at {@code timestamp}. */
    public static String sign(String secretKey, String timestamp, byte[] rawBody) {
        return VapiServerAuthentication.sign(secretKey, timestamp, rawBody);
    }

    private static Outcome outcome(VapiServerAuthentication.Outcome outcome) {
        return Outcome.valueOf(outcome.name());
    }
}
