package dev.switchboard.identity.internal.organization;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The organization rows; each organization sees only itself (row-level security). */
@Component
public class Organizations {

    /** An organization's settings and usage counters. */
    public record Organization(UUID id, String name, String timeZone, String defaultRegion, String planTier,
                               BigDecimal usageMinutesTotal, BigDecimal usageMinutesMonthToDate,
                               Instant usageLastResetAt, Instant createdAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    Organizations(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Creates an organization; must run in a transaction scoped to {@code id}. */
    public void create(UUID id, String name, String timeZone, String defaultRegion) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                insert into organizations (id, name, time_zone, default_region, usage_last_reset_at, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, name, timeZone, defaultRegion, now, now, now).update();
    }

    public Optional<Organization> find(UUID id) {
        return select(id, "");
    }

    /** Reads the organization and locks its row until the transaction ends, for read-modify-write. */
    public Optional<Organization> findForUpdate(UUID id) {
        return select(id, " for update");
    }

    private Optional<Organization> select(UUID id, String lock) {
        return jdbc.sql("""
                select id, name, time_zone, default_region, plan_tier, usage_minutes_total, usage_minutes_mtd,
                       usage_last_reset_at, created_at
                  from organizations where id = ?""" + lock)
                .param(id)
                .query((rs, n) -> new Organization(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getBigDecimal(6), rs.getBigDecimal(7),
                        rs.getTimestamp(8).toInstant(), rs.getTimestamp(9).toInstant()))
                .optional();
    }

    public void update(UUID id, String name, String timeZone, String defaultRegion) {
        jdbc.sql("update organizations set name = ?, time_zone = ?, default_region = ?, updated_at = ? where id = ?")
                .params(name, timeZone, defaultRegion, Timestamp.from(clock.instant()), id).update();
    }

    public void setPlanTier(UUID id, String planTier) {
        jdbc.sql("update organizations set plan_tier = ?, updated_at = ? where id = ?")
                .params(planTier, Timestamp.from(clock.instant()), id).update();
    }
}
