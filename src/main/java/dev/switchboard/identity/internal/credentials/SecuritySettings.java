package dev.switchboard.identity.internal.credentials;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Credential lifetimes and limits.
 *
 * @param tokenSecret          base64 key (at least 32 bytes) signing access tokens; generated
 *                             and kept in the data folder when blank
 * @param accessTokenTtl       lifetime of a bearer access token
 * @param refreshTokenTtl      lifetime of a refresh token
 * @param sessionTtl           absolute lifetime of a browser session
 * @param sessionIdleTimeout   a session unused this long ends
 * @param cookieSecure         whether cookies carry the Secure attribute (keep true behind TLS)
 * @param apiKeyRequestsPerMinute requests one API key may make per minute on one node
 */
@ConfigurationProperties("switchboard.security")
public record SecuritySettings(
        String tokenSecret,
        Duration accessTokenTtl,
        Duration refreshTokenTtl,
        Duration sessionTtl,
        Duration sessionIdleTimeout,
        Boolean cookieSecure,
        Integer apiKeyRequestsPerMinute) {

    public SecuritySettings {
        tokenSecret = tokenSecret == null ? "" : tokenSecret.trim();
        accessTokenTtl = accessTokenTtl == null ? Duration.ofMinutes(15) : accessTokenTtl;
        refreshTokenTtl = refreshTokenTtl == null ? Duration.ofDays(30) : refreshTokenTtl;
        sessionTtl = sessionTtl == null ? Duration.ofDays(7) : sessionTtl;
        sessionIdleTimeout = sessionIdleTimeout == null ? Duration.ofHours(24) : sessionIdleTimeout;
        cookieSecure = cookieSecure == null || cookieSecure;
        apiKeyRequestsPerMinute = apiKeyRequestsPerMinute == null ? 600 : apiKeyRequestsPerMinute;
        if (accessTokenTtl.isNegative() || accessTokenTtl.isZero() || accessTokenTtl.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("switchboard.security.access-token-ttl (SWITCHBOARD_ACCESS_TOKEN_TTL) "
                    + "must be between 1 second and 1 hour, but was " + accessTokenTtl);
        }
        if (apiKeyRequestsPerMinute < 1) {
            throw new IllegalArgumentException("switchboard.security.api-key-requests-per-minute "
                    + "(SWITCHBOARD_API_KEY_RATE_LIMIT) must be at least 1, but was " + apiKeyRequestsPerMinute);
        }
    }
}
