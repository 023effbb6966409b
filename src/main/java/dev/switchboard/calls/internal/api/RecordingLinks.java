package dev.switchboard.calls.internal.api;

import dev.switchboard.platform.SecretDecryptionException;
import dev.switchboard.platform.SecretStore;
import dev.switchboard.platform.TenantScope;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signed links to a call's recording: {@code /r/<token>}, where the token carries the call, its
 * organization and the expiry, signed with HMAC-SHA256 under a key of the organization kept in
 * its {@link SecretStore} (created on first use). Deleting that secret revokes every link of the
 * organization at once. Nothing is stored per link.
 */
@Component
public class RecordingLinks {

    /** How long a shared link works. */
    public static final Duration VALID_FOR = Duration.ofHours(24);
    static final String KEY_NAME = "calls.recording-link-key";
    private static final String VERSION = "v1";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A link's token and when it stops working. */
    public record Link(String token, Instant expiresAt) {
    }

    /** What a token proves: nothing, or a call of an organization, still valid or expired. */
    public sealed interface Verification {
    }

    /** Not a token we signed (malformed, altered, or its key is gone). */
    public record Invalid() implements Verification {
    }

    /** A genuine link; {@code expired} when its 24 hours are over. */
    public record Genuine(UUID organizationId, UUID callId, Instant expiresAt, boolean expired) implements Verification {
    }

    private final SecretStore secrets;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    RecordingLinks(SecretStore secrets, JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
        this.secrets = secrets;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /** A new link to the recording of {@code callId}, of the organization in scope. */
    Link issue(UUID callId) {
        UUID organization = TenantScope.requireOrganization();
        Instant expiresAt = clock.instant().plus(VALID_FOR).truncatedTo(ChronoUnit.SECONDS);
        String payload = String.join("|", VERSION, callId.toString(), organization.toString(),
                Long.toString(expiresAt.getEpochSecond()));
        byte[] payloadBytes = payload.getBytes(StandardCharsets.UTF_8);
        String token = B64.encodeToString(payloadBytes) + "." + B64.encodeToString(sign(keyOrCreate(), payloadBytes));
        return new Link(token, expiresAt);
    }

    /** Checks {@code token}'s signature first, then its expiry; works without any scope. */
    public Verification verify(String token) {
        if (token == null || token.length() > 512) {
            return new Invalid();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return new Invalid();
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
            byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            String[] parts = new String(payload, StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 4 || !VERSION.equals(parts[0])) {
                return new Invalid();
            }
            UUID callId = UUID.fromString(parts[1]);
            UUID organization = UUID.fromString(parts[2]);
            Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[3]));
            Optional<String> key = TenantScope.callAs(organization, () -> secrets.get(KEY_NAME));
            if (key.isEmpty() || !MessageDigest.isEqual(sign(key.get(), payload), signature)) {
                return new Invalid();
            }
            return new Genuine(organization, callId, expiresAt, !clock.instant().isBefore(expiresAt));
        } catch (IllegalArgumentException | SecretDecryptionException notOurs) {
            return new Invalid();
        }
    }

    /** The organization's key; two first shares at once agree on one key (the lock). */
    private String keyOrCreate() {
        UUID organization = TenantScope.requireOrganization();
        return tx.execute(s -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param(KEY_NAME + ":" + organization)
                    .query((rs, n) -> 0).list();
            return secrets.get(KEY_NAME).orElseGet(() -> {
                byte[] bytes = new byte[32];
                RANDOM.nextBytes(bytes);
                String key = B64.encodeToString(bytes);
                secrets.put(KEY_NAME, key);
                return key;
            });
        });
    }

    private static byte[] sign(String key, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
