package dev.switchboard.identity.internal.web;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.AuditEntry;
import dev.switchboard.identity.AuditLog;
import dev.switchboard.identity.internal.credentials.AccessTokens;
import dev.switchboard.identity.internal.credentials.ActorResolver;
import dev.switchboard.identity.internal.credentials.ApiKeys;
import dev.switchboard.identity.internal.credentials.SecretTokens;
import dev.switchboard.identity.internal.credentials.SecuritySettings;
import dev.switchboard.identity.internal.credentials.Sessions;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.TenantScope;
import dev.switchboard.platform.ProblemResponses;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Finds who is calling: a bearer access token, an API key ({@code Authorization: Bearer sbk_…}
 * or {@code X-Api-Key}), or the session cookie. A credential sent in a header that is not
 * valid answers 401 at once (no silent fall-back to anonymous); a stale cookie is cleared.
 * The request then runs in the actor's organization ({@link TenantScope}).
 */
final class AuthenticationFilter extends OncePerRequestFilter {

    private final Sessions sessions;
    private final AccessTokens accessTokens;
    private final ApiKeys apiKeys;
    private final ActorResolver actors;
    private final SessionCookies cookies;
    private final AuditLog audit;
    private final SecuritySettings settings;
    private final Map<UUID, Bucket> apiKeyBuckets = new ConcurrentHashMap<>();

    AuthenticationFilter(Sessions sessions, AccessTokens accessTokens, ApiKeys apiKeys, ActorResolver actors,
                         SessionCookies cookies, AuditLog audit, SecuritySettings settings) {
        this.sessions = sessions;
        this.accessTokens = accessTokens;
        this.apiKeys = apiKeys;
        this.actors = actors;
        this.cookies = cookies;
        this.audit = audit;
        this.settings = settings;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/fonts/")
                || path.startsWith("/webjars/") || path.startsWith("/_static/") || path.startsWith("/favicon");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Actor> actor;
        try {
            actor = authenticate(request, response);
        } catch (ApiProblem problem) {
            ProblemResponses.write(response, problem);
            return;
        }
        if (actor.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Actor a = actor.get();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ActorAuthentication(a));
        SecurityContextHolder.setContext(context);
        if (a.organizationId() != null) {
            TenantScope.enter(a.organizationId());
        }
        try {
            chain.doFilter(request, response);
            if (a.impersonated() && !isSafe(request.getMethod()) && a.organizationId() != null) {
                audit.recordFor(a.organizationId(), new AuditEntry("impersonation.action", "request", null,
                        Map.of("method", request.getMethod(), "path", request.getRequestURI(),
                                "status", response.getStatus(), "reason", a.impersonation().reason())));
            }
        } finally {
            SecurityContextHolder.clearContext();
            TenantScope.clear();
        }
    }

    private Optional<Actor> authenticate(HttpServletRequest request, HttpServletResponse response) {
        String authorization = request.getHeader("Authorization");
        String apiKeyHeader = request.getHeader("X-Api-Key");
        if (apiKeyHeader != null) {
            return Optional.of(apiKey(apiKeyHeader.trim(), response));
        }
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw ApiProblem.unauthorized("invalid-credentials",
                        "Send 'Authorization: Bearer <access token or API key>'. Other schemes are not supported.");
            }
            String token = authorization.substring(7).trim();
            if (token.startsWith(SecretTokens.Kind.API_KEY.prefix())) {
                return Optional.of(apiKey(token, response));
            }
            return Optional.of(accessTokens.verify(token).flatMap(actors::forAccessToken).orElseThrow(() ->
                    ApiProblem.unauthorized("invalid-token", "The access token is invalid or has expired. "
                            + "Get a new one with your refresh token at POST /api/v1/auth/refresh, or sign in again.")));
        }
        Optional<String> cookie = cookies.read(request, SessionCookies.SESSION);
        if (cookie.isEmpty()) {
            return Optional.empty();
        }
        Optional<Actor> fromSession = sessions.find(cookie.get()).flatMap(actors::forSession);
        if (fromSession.isPresent()) {
            return fromSession;
        }
        // An ended impersonation falls back to the administrator's own session.
        Optional<String> origin = cookies.read(request, SessionCookies.ORIGIN);
        cookies.clear(response, SessionCookies.ORIGIN);
        if (origin.isPresent()) {
            Optional<Sessions.Session> own = sessions.find(origin.get());
            Optional<Actor> admin = own.flatMap(actors::forSession);
            if (admin.isPresent()) {
                cookies.write(response, SessionCookies.SESSION, origin.get(),
                        Duration.between(java.time.Instant.now(), own.get().expiresAt()));
                return admin;
            }
        }
        cookies.clear(response, SessionCookies.SESSION);
        return Optional.empty();
    }

    private Actor apiKey(String secret, HttpServletResponse response) {
        ApiKeys.Authenticated key = apiKeys.authenticate(secret).orElseThrow(() -> ApiProblem.unauthorized("invalid-api-key",
                "The API key is unknown, revoked or expired. Create a new key in Settings → API keys."));
        Bucket bucket = apiKeyBuckets.computeIfAbsent(key.id(), id -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(settings.apiKeyRequestsPerMinute())
                        .refillGreedy(settings.apiKeyRequestsPerMinute(), Duration.ofMinutes(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        response.setHeader("X-RateLimit-Limit", Integer.toString(settings.apiKeyRequestsPerMinute()));
        response.setHeader("X-RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
        if (!probe.isConsumed()) {
            throw ApiProblem.tooManyRequests(Duration.ofNanos(probe.getNanosToWaitForRefill()),
                    "This API key made more than " + settings.apiKeyRequestsPerMinute()
                            + " requests in a minute. Wait before sending more, or spread requests over several keys.");
        }
        return actors.forApiKey(key, "api-key:" + key.id());
    }

    private static boolean isSafe(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }

}
