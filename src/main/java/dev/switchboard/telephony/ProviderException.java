package dev.switchboard.telephony;

import dev.switchboard.platform.ProviderFailure;

/**
 * A provider refused or failed a request, translated into terms a user can act on. Adapters
 * throw it for vendor errors; {@link #kind()} is stable, {@link #getMessage()} is the message
 * shown to the user, {@link #providerMessage()} keeps the vendor's own words for the logs.
 */
public class ProviderException extends RuntimeException {

    /** What went wrong, independent of the vendor. */
    public enum Kind {
        /** A destination or source number is not a valid phone number. */
        INVALID_NUMBER,
        /** The number has no outbound agent and the request named none. */
        MISSING_AGENT,
        /** The from number is not bought from or imported into the provider account. */
        FROM_NUMBER_NOT_REGISTERED,
        /** The provider limits how fast or how much; try later. */
        RATE_LIMITED,
        /** The provider did not answer in time. */
        TIMEOUT,
        /** The credentials were refused. */
        UNAUTHORIZED,
        /** The provider is failing or unreachable. */
        UNAVAILABLE,
        /** The provider does not know the object. */
        NOT_FOUND,
        /** The provider refused the request for another reason. */
        REJECTED,
        /** The provider cannot do this at all (a capability it lacks). */
        UNSUPPORTED
    }

    private final String provider;
    private final Kind kind;
    private final String providerMessage;

    public ProviderException(String provider, Kind kind, String userMessage, String providerMessage, Throwable cause) {
        super(userMessage, cause);
        this.provider = provider;
        this.kind = kind;
        this.providerMessage = providerMessage;
    }

    public String provider() {
        return provider;
    }

    public Kind kind() {
        return kind;
    }

    public String providerMessage() {
        return providerMessage;
    }

    /**
     * Whether the provider certainly did not act on the request, so that sending it again later
     * cannot do anything twice: the circuit breaker held it back, or the provider answered 429,
     * 502, 503 or 504 to the last attempt.
     */
    public boolean nothingSent() {
        if (!(getCause() instanceof ProviderFailure failure)) {
            return false;
        }
        return failure.kind() == ProviderFailure.Kind.UNAVAILABLE || failure.kind() == ProviderFailure.Kind.RATE_LIMITED
                || failure.status() == 502 || failure.status() == 503 || failure.status() == 504;
    }

    /** When the provider said to come back (its Retry-After, or the breaker's pause), if known. */
    public java.util.Optional<java.time.Duration> retryAfter() {
        return getCause() instanceof ProviderFailure failure ? java.util.Optional.ofNullable(failure.retryAfter())
                : java.util.Optional.empty();
    }
}
