package dev.switchboard.platform.internal.provider;

import dev.switchboard.platform.ProviderClient;
import dev.switchboard.platform.ProviderFailure;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** JDK HttpClient with retries, Retry-After, jittered backoff and a Resilience4j circuit breaker. */
@Component
class ResilientProviderClients implements ProviderClient.Factory {

    private static final Logger log = LoggerFactory.getLogger(ResilientProviderClients.class);
    private static final Set<Integer> ALWAYS_RETRIED = Set.of(429, 502, 503, 504);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            // Named threads, so that the CPU the client spends on a call's answer is told apart from other work.
            .executor(Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("provider-http-", 1).factory()))
            .build();
    private final Map<String, ProviderClient> clients = new ConcurrentHashMap<>();
    private final int attempts;
    private final Duration baseDelay;
    private final CircuitBreakerConfig breakerConfig;
    private final Duration openFor;
    private final Duration longestTimeout;

    ResilientProviderClients(@Value("${switchboard.providers.attempts:3}") int attempts,
                             @Value("${switchboard.providers.base-delay:500ms}") Duration baseDelay,
                             @Value("${switchboard.providers.breaker-open-for:30s}") Duration openFor,
                             @Value("${switchboard.providers.longest-timeout:60s}") Duration longestTimeout) {
        if (attempts < 1 || attempts > 10) {
            throw new IllegalArgumentException("switchboard.providers.attempts (SWITCHBOARD_PROVIDER_ATTEMPTS) must be "
                    + "between 1 and 10, but was " + attempts);
        }
        this.attempts = attempts;
        this.baseDelay = baseDelay;
        this.openFor = openFor;
        this.longestTimeout = longestTimeout;
        this.breakerConfig = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(3)
                .recordExceptions(ProviderFailure.class)
                .build();
    }

    @Override
    public ProviderClient client(String provider, URI baseUrl, String credential) {
        String base = baseUrl.toString().endsWith("/") ? baseUrl.toString().substring(0, baseUrl.toString().length() - 1)
                : baseUrl.toString();
        String key = provider + " " + base + (credential == null ? "" : " account " + digest(credential));
        return clients.computeIfAbsent(key, k -> new Client(provider, base, CircuitBreaker.of(k, breakerConfig)));
    }

    /** A short digest naming an account without keeping its secret in names and logs. */
    private static String digest(String credential) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(credential.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private final class Client implements ProviderClient {
        private final String provider;
        private final String base;
        private final CircuitBreaker breaker;

        Client(String provider, String base, CircuitBreaker breaker) {
            this.provider = provider;
            this.base = base;
            this.breaker = breaker;
        }

        @Override
        public Response send(Request request) {
            try {
                return breaker.executeSupplier(() -> attempt(request));
            } catch (CallNotPermittedException open) {
                throw new ProviderFailure(provider, ProviderFailure.Kind.UNAVAILABLE, 0, openFor,
                        provider + " failed repeatedly, so Switchboard stopped calling it for " + openFor.toSeconds()
                                + " s (circuit breaker open). It will try again then.", open);
            }
        }

        private Response attempt(Request request) {
            ProviderFailure last = null;
            for (int attempt = 1; attempt <= attempts; attempt++) {
                if (attempt > 1) {
                    sleep(delay(attempt, last == null ? null : last.retryAfter()));
                }
                try {
                    HttpResponse<byte[]> response = http.send(build(request), HttpResponse.BodyHandlers.ofByteArray());
                    int status = response.statusCode();
                    boolean retryable = ALWAYS_RETRIED.contains(status) || (status >= 500 && request.idempotent());
                    if (!retryable) {
                        if (status >= 500) {
                            throw new ProviderFailure(provider, ProviderFailure.Kind.SERVER_ERROR, status, null,
                                    provider + " answered " + status + " to " + request.method() + " " + request.path(), null);
                        }
                        return new Response(status, response.headers().map(), response.body());
                    }
                    Duration retryAfter = retryAfter(response.headers().firstValue("Retry-After").orElse(null));
                    last = new ProviderFailure(provider, status == 429 ? ProviderFailure.Kind.RATE_LIMITED
                            : ProviderFailure.Kind.SERVER_ERROR, status, retryAfter,
                            provider + " answered " + status + " to " + request.method() + " " + request.path(), null);
                } catch (HttpTimeoutException e) {
                    last = new ProviderFailure(provider, ProviderFailure.Kind.TIMEOUT, 0, null, provider + " did not answer "
                            + request.method() + " " + request.path() + " within " + timeout(request).toMillis() + " ms", e);
                    if (!request.idempotent()) {
                        break;
                    }
                } catch (ConnectException e) {
                    last = new ProviderFailure(provider, ProviderFailure.Kind.NETWORK, 0, null,
                            "Could not connect to " + provider + " at " + base, e);
                } catch (IOException e) {
                    last = new ProviderFailure(provider, ProviderFailure.Kind.NETWORK, 0, null,
                            "The connection to " + provider + " broke during " + request.method() + " " + request.path(), e);
                    if (!request.idempotent()) {
                        break;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ProviderFailure(provider, ProviderFailure.Kind.NETWORK, 0, null, "Interrupted", e);
                }
                log.debug("{} attempt {} of {} {} failed: {}", provider, attempt, request.method(), request.path(), last.getMessage());
            }
            throw last;
        }

        private HttpRequest build(Request request) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + request.path()))
                    .timeout(timeout(request))
                    .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(request.body()));
            request.headers().forEach(builder::header);
            return builder.build();
        }
    }

    /** The request's own timeout, bounded by the configured longest wait for any vendor request. */
    private Duration timeout(ProviderClient.Request request) {
        return request.timeout().compareTo(longestTimeout) > 0 ? longestTimeout : request.timeout();
    }

    private Duration delay(int attempt, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : retryAfter;
        }
        long exponential = baseDelay.toMillis() * (1L << Math.min(attempt - 2, 10));
        long jitter = ThreadLocalRandom.current().nextLong(Math.max(1, exponential / 2));
        return Duration.ofMillis(exponential + jitter);
    }

    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(Instant.now(),
                        ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException neither) {
                return null;
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
