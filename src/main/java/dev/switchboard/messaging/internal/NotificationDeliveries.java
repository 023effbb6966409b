package dev.switchboard.messaging.internal;

import dev.switchboard.identity.Actors;
import dev.switchboard.identity.Permission;
import dev.switchboard.platform.TenantScope;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The log of notification e-mails sent for the organization, with each mail's delivery status. */
@Component
class NotificationDeliveries {

    /** @param status the mail's delivery status: queued, sent, captured (no mail server configured) or failed */
    record Delivery(UUID id, String event, UUID subjectId, String subjectName, String recipient, UUID mailId,
                    String status, String lastError, Instant createdAt) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    NotificationDeliveries(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    List<Delivery> recent(int limit) {
        Actors.requirePermission(Permission.ORGANIZATION_READ);
        UUID organization = TenantScope.requireOrganization();
        return tx.execute(s -> jdbc.sql("""
                        select d.id, d.event, d.subject_id, d.subject_name, d.recipient, d.mail_id,
                               coalesce(m.status, 'queued') as status, m.last_error, d.created_at
                        from notification_deliveries d
                        left join mail_outbox m on m.id = d.mail_id and m.subject_organization_id = d.organization_id
                        where d.organization_id = ? order by d.created_at desc, d.id desc limit ?""")
                .params(organization, limit)
                .query((rs, n) -> new Delivery(rs.getObject("id", UUID.class), rs.getString("event"),
                        rs.getObject("subject_id", UUID.class), rs.getString("subject_name"), rs.getString("recipient"),
                        rs.getObject("mail_id", UUID.class), rs.getString("status"), rs.getString("last_error"),
                        rs.getTimestamp("created_at").toInstant()))
                .list());
    }
}
