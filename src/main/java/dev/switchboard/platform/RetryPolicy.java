package dev.switchboard.platform;

import java.time.Duration;
import java.util.Objects;

/**
 * How a failing job is retried: the delay after failed attempt {@code n} is
 * {@code baseDelay × factor^(n-1)}, at most {@code maxDelay}, varied at random by ± {@code jitter}
 * (a fraction, so that jobs that failed together do not all retry at the same instant). After
 * {@code maxAttempts} failed attempts the job is parked.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, double factor, Duration maxDelay, double jitter) {

    public RetryPolicy {
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, but was " + maxAttempts);
        }
        if (baseDelay.isNegative() || baseDelay.isZero()) {
            throw new IllegalArgumentException("baseDelay must be positive, but was " + baseDelay);
        }
        if (factor < 1) {
            throw new IllegalArgumentException("factor must be 1 or more, but was " + factor);
        }
        if (maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("maxDelay must not be shorter than baseDelay");
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be at least 0 and below 1, but was " + jitter);
        }
    }

    /** This policy with another number of attempts. */
    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, baseDelay, factor, maxDelay, jitter);
    }

    /** This policy with another first delay (and a maximum at least as long). */
    public RetryPolicy withBaseDelay(Duration delay) {
        return new RetryPolicy(maxAttempts, delay, factor, maxDelay.compareTo(delay) < 0 ? delay : maxDelay, jitter);
    }

    /**
     * The delay after failed attempt {@code attempt} (from 1), given a uniformly distributed
     * {@code random} in [0, 1).
     */
    public Duration delayAfter(int attempt, double random) {
        double exponential = baseDelay.toMillis() * Math.pow(factor, Math.max(0, attempt - 1));
        double capped = Math.min(exponential, maxDelay.toMillis());
        double varied = capped * (1 + jitter * (2 * random - 1));
        return Duration.ofMillis(Math.max(1, Math.round(varied)));
    }
}
