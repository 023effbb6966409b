package dev.switchboard.identity.internal.credentials;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Short-lived bearer access tokens: HS256-signed JWTs naming the user, the organization and
 * the refresh-token family they came from. They are checked without a database read; the
 * membership behind them is checked on every request.
 */
@Component
public class AccessTokens {

    private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);
    private static final String ISSUER = "switchboard";

    /** What a valid access token says. */
    public record Claims(UUID userId, UUID organizationId, UUID familyId, Instant expiresAt) {
    }

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final SecuritySettings settings;
    private final Clock clock;

    AccessTokens(SecuritySettings settings, Clock clock, @Value("${switchboard.data-directory:data}") Path dataDirectory) {
        this.settings = settings;
        this.clock = clock;
        byte[] key = settings.tokenSecret().isEmpty() ? developmentKey(dataDirectory) : configuredKey(settings.tokenSecret());
        try {
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("switchboard.security.token-secret (SWITCHBOARD_TOKEN_SECRET) is not "
                    + "usable: " + e.getMessage(), e);
        }
    }

    public String issue(UUID userId, UUID organizationId, UUID familyId) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(userId.toString())
                .claim("org", organizationId.toString())
                .claim("fam", familyId.toString())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(settings.accessTokenTtl())))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign an access token", e);
        }
        return jwt.serialize();
    }

    public long ttlSeconds() {
        return settings.accessTokenTtl().toSeconds();
    }

    /** The token's claims when it is well-formed, signed by this server, current and of ours. */
    public Optional<Claims> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expires = claims.getExpirationTime();
            if (!ISSUER.equals(claims.getIssuer()) || expires == null || !expires.toInstant().isAfter(clock.instant())) {
                return Optional.empty();
            }
            return Optional.of(new Claims(UUID.fromString(claims.getSubject()),
                    UUID.fromString(claims.getStringClaim("org")), UUID.fromString(claims.getStringClaim("fam")),
                    expires.toInstant()));
        } catch (ParseException | JOSEException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static byte[] configuredKey(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("switchboard.security.token-secret (SWITCHBOARD_TOKEN_SECRET) must be "
                    + "base64, for example the output of: openssl rand -base64 48");
        }
        if (key.length < 32) {
            throw new IllegalArgumentException("switchboard.security.token-secret (SWITCHBOARD_TOKEN_SECRET) must "
                    + "decode to at least 32 bytes, but has " + key.length);
        }
        return key;
    }

    private static byte[] developmentKey(Path dataDirectory) {
        Path file = dataDirectory.resolve("secrets").resolve("token-secret");
        try {
            if (Files.exists(file)) {
                return configuredKey(Files.readString(file).trim());
            }
            Files.createDirectories(file.getParent());
            byte[] key = new byte[48];
            new SecureRandom().nextBytes(key);
            Files.writeString(file, Base64.getEncoder().encodeToString(key));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            log.warn("No SWITCHBOARD_TOKEN_SECRET is set: generated a signing key for access tokens in {}. "
                    + "Set SWITCHBOARD_TOKEN_SECRET in production and share it between nodes.", file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not keep the development token key in " + file, e);
        }
    }
}
