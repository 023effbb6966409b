package dev.switchboard.campaigns.internal.campaign;

import dev.switchboard.campaigns.CampaignFigures;
import dev.switchboard.platform.TenantScope;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

@Component
class CampaignFiguresReader implements CampaignFigures {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    CampaignFiguresReader(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public Overview overview(int limit) {
        UUID organization = TenantScope.requireOrganization();
        return tx.execute(s -> {
            record Counts(long total, long active) {
            }
            Counts counts = jdbc.sql("""
                            select count(*) as total,
                                   count(*) filter (where status in ('processing', 'paused', 'scheduled')) as active
                            from campaigns where organization_id = ?""")
                    .param(organization).query(Counts.class).single();
            List<Active> active = jdbc.sql("""
                            select id, name, status, total_contacts, processed_count, completed_count, failed_count
                            from campaigns where organization_id = ? and status in ('processing', 'paused', 'scheduled')
                            order by coalesce(started_at, created_at) desc, id desc limit ?""")
                    .params(organization, Math.max(1, Math.min(limit, 20)))
                    .query((rs, n) -> {
                        int total = rs.getInt("total_contacts");
                        int processed = rs.getInt("processed_count");
                        return new Active(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("status"),
                                total, processed, rs.getInt("completed_count"), rs.getInt("failed_count"),
                                total == 0 ? 0 : (int) Math.min(100, processed * 100L / total));
                    })
                    .list();
            return new Overview(counts.total(), counts.active(), active);
        });
    }
}
