package dev.switchboard.platform;

import java.time.Duration;

/**
 * Fixed-window counters shared by every node (kept in PostgreSQL), for limits that must hold
 * across a cluster such as sign-in attempts per IP address or per account.
 */
public interface RateLimiter {

    /**
     * Counts one hit in {@code bucket}; when the window already holds {@code limit} hits,
     * throws a 429 {@link ApiProblem} whose Retry-After is the time left in the window.
     */
    void hit(String bucket, int limit, Duration window, String detail);

    /** Fails like {@link #hit} when the window is full, without counting a hit. */
    void check(String bucket, int limit, Duration window, String detail);

    /** Counts one hit without checking the limit (for example a failed sign-in). */
    void record(String bucket, Duration window);
}
