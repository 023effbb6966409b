package dev.switchboard.calls.internal.api;

import dev.switchboard.calls.CallActivity;
import dev.switchboard.platform.TenantScope;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

@Component
class CallActivityReader implements CallActivity {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    CallActivityReader(JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public List<RecentCall> recent(int limit) {
        UUID organization = TenantScope.requireOrganization();
        return tx.execute(s -> jdbc.sql("""
                        select id, direction, case when direction = 'inbound' then from_number else to_number end as number,
                               contact_name, status, disposition, duration_seconds, created_at
                        from calls where organization_id = ? order by created_at desc, id desc limit ?""")
                .params(organization, Math.max(1, Math.min(limit, 50)))
                .query((rs, n) -> new RecentCall(rs.getObject("id", UUID.class), rs.getString("direction"),
                        rs.getString("number"), rs.getString("contact_name"), rs.getString("status"),
                        rs.getString("disposition"), (Integer) rs.getObject("duration_seconds"),
                        rs.getTimestamp("created_at").toInstant()))
                .list());
    }

    @Override
    public Outcomes thisMonth() {
        UUID organization = TenantScope.requireOrganization();
        return tx.execute(s -> {
            ZoneId zone = ZoneId.of(jdbc.sql("select time_zone from organizations where id = ?").param(organization)
                    .query(String.class).single());
            Timestamp monthStart = Timestamp.from(LocalDate.ofInstant(clock.instant(), zone).withDayOfMonth(1)
                    .atStartOfDay(zone).toInstant());
            return jdbc.sql("""
                            select count(*) filter (where disposition = 'answered') as answered,
                                   count(*) filter (where analysis ->> 'successful' is not null) as analyzed,
                                   count(*) filter (where analysis ->> 'successful' = 'true') as successful
                            from calls where organization_id = ? and created_at >= ?""")
                    .params(organization, monthStart)
                    .query((rs, n) -> new Outcomes(rs.getLong("answered"), rs.getLong("analyzed"), rs.getLong("successful")))
                    .single();
        });
    }
}
