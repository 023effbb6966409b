package dev.switchboard.platform.internal.jobs;

import dev.switchboard.platform.JobContext;
import dev.switchboard.platform.RecurringJob;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes sign-in state that can no longer be used, every day at 03:00 UTC. Rows are kept a
 * little past expiry (a day for sessions and rate-limit windows, a week for single-use tokens)
 * so that a user who comes back just too late still gets "expired" rather than "unknown".
 */
@Component
class CleanupExpiredJob implements RecurringJob {

    static final String TASK = "cleanup-expired";

    private static final Logger log = LoggerFactory.getLogger(CleanupExpiredJob.class);
    private static final Duration SESSION_GRACE = Duration.ofDays(1);
    private static final Duration TOKEN_GRACE = Duration.ofDays(7);
    private static final Duration RATE_LIMIT_GRACE = Duration.ofDays(1);

    private final JdbcClient jdbc;
    private final Clock clock;

    CleanupExpiredJob(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public String taskName() {
        return TASK;
    }

    @Override
    public String cron() {
        return "0 0 3 * * *";
    }

    @Override
    public void run(JobContext context) {
        Instant now = clock.instant();
        int sessions = delete("delete from sessions where expires_at < ?", now.minus(SESSION_GRACE));
        int refresh = delete("delete from refresh_tokens where expires_at < ?", now.minus(TOKEN_GRACE));
        int resets = delete("delete from password_reset_tokens where expires_at < ?", now.minus(TOKEN_GRACE));
        int emailChanges = delete("delete from email_change_tokens where expires_at < ?", now.minus(TOKEN_GRACE));
        int windows = delete("delete from rate_limit_windows where window_start < ?", now.minus(RATE_LIMIT_GRACE));
        log.info("Deleted expired rows: {} sessions, {} refresh tokens, {} password reset tokens, "
                + "{} email change tokens, {} rate limit windows", sessions, refresh, resets, emailChanges, windows);
    }

    private int delete(String sql, Instant cutoff) {
        return jdbc.sql(sql).param(Timestamp.from(cutoff)).update();
    }
}
