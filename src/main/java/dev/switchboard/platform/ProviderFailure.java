package dev.switchboard.platform;

import java.time.Duration;

/**
 * A provider could not be reached or kept failing. {@link #kind()} says why, so the caller can
 * tell the user in their terms (a timeout, a rate limit, an outage).
 */
public class ProviderFailure extends RuntimeException {

    /** Why the call failed. */
    public enum Kind {
        /** No answer within the request's timeout. */
        TIMEOUT,
        /** Still rate limited after the retries. */
        RATE_LIMITED,
        /** The provider answered 5xx after the retries. */
        SERVER_ERROR,
        /** The connection failed or broke. */
        NETWORK,
        /** The circuit breaker is open: the provider failed too often recently. */
        UNAVAILABLE
    }

    private final String provider;
    private final Kind kind;
    private final int status;
    private final Duration retryAfter;

    public ProviderFailure(String provider, Kind kind, int status, Duration retryAfter, String message, Throwable cause) {
        super(message, cause);
        this.provider = provider;
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public String provider() {
        return provider;
    }

    public Kind kind() {
        return kind;
    }

    /** The last HTTP status seen, or 0 when there was none. */
    public int status() {
        return status;
    }

    /** When the provider said to come back, if it did. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
