package dev.switchboard.platform.internal.ratelimit;

import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.RateLimiter;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Counts hits per (bucket, window start) with an atomic upsert, so concurrent nodes agree. */
@Component
class JdbcRateLimiter implements RateLimiter {

    private final JdbcClient jdbc;
    private final Clock clock;

    JdbcRateLimiter(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void hit(String bucket, int limit, Duration window, String detail) {
        Instant start = windowStart(window);
        int hits = jdbc.sql("""
                insert into rate_limit_windows (bucket, window_start, hits) values (?, ?, 1)
                on conflict (bucket, window_start) do update set hits = rate_limit_windows.hits + 1
                returning hits""").params(bucket, Timestamp.from(start)).query(Integer.class).single();
        if (hits > limit) {
            throw limited(start, window, detail);
        }
    }

    @Override
    public void check(String bucket, int limit, Duration window, String detail) {
        Instant start = windowStart(window);
        int hits = jdbc.sql("select coalesce(max(hits), 0) from rate_limit_windows where bucket = ? and window_start = ?")
                .params(bucket, Timestamp.from(start)).query(Integer.class).single();
        if (hits >= limit) {
            throw limited(start, window, detail);
        }
    }

    @Override
    public void record(String bucket, Duration window) {
        jdbc.sql("""
                insert into rate_limit_windows (bucket, window_start, hits) values (?, ?, 1)
                on conflict (bucket, window_start) do update set hits = rate_limit_windows.hits + 1""")
                .params(bucket, Timestamp.from(windowStart(window))).update();
    }

    private Instant windowStart(Duration window) {
        long size = window.toMillis();
        long now = clock.millis();
        return Instant.ofEpochMilli(now - Math.floorMod(now, size));
    }

    private ApiProblem limited(Instant start, Duration window, String detail) {
        Duration left = Duration.between(clock.instant(), start.plus(window));
        return ApiProblem.tooManyRequests(left.isNegative() ? Duration.ofSeconds(1) : left, detail);
    }
}
