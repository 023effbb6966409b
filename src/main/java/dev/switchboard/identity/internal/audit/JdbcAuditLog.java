package dev.switchboard.identity.internal.audit;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.Actors;
import dev.switchboard.identity.AuditEntry;
import dev.switchboard.identity.AuditLog;
import dev.switchboard.platform.RequestIds;
import dev.switchboard.platform.TenantScope;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Appends audit entries with the actor and origin of the current request. */
@Component
class JdbcAuditLog implements AuditLog {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final TransactionTemplate joinOrStart;
    private final TransactionTemplate separate;
    private final Clock clock;

    JdbcAuditLog(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.joinOrStart = new TransactionTemplate(transactions);
        this.separate = new TransactionTemplate(transactions);
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public void record(AuditEntry entry) {
        UUID organization = TenantScope.requireOrganization();
        joinOrStart.executeWithoutResult(s -> insert("audit_events", "organization_id", organization, entry));
    }

    @Override
    public void recordFor(UUID organizationId, AuditEntry entry) {
        if (TenantScope.currentOrganization().filter(organizationId::equals).isPresent()) {
            record(entry);
            return;
        }
        TenantScope.runAs(organizationId, () ->
                separate.executeWithoutResult(s -> insert("audit_events", "organization_id", organizationId, entry)));
    }

    @Override
    public void recordPlatform(AuditEntry entry, UUID subjectOrganizationId) {
        joinOrStart.executeWithoutResult(s ->
                insert("platform_audit_events", "subject_organization_id", subjectOrganizationId, entry));
    }

    private void insert(String table, String organizationColumn, UUID organization, AuditEntry entry) {
        Actor actor = Actors.current().orElse(null);
        RequestOrigin origin = RequestOrigin.current();
        jdbc.sql("insert into " + table + " (id, " + organizationColumn + ", occurred_at, actor_user_id, actor_label, "
                        + "impersonator_user_id, action, target_type, target_id, ip, user_agent, request_id, details) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)")
                .params(UUID.randomUUID(), organization, Timestamp.from(clock.instant()),
                        actor == null ? null : actor.userId(),
                        actor == null ? actorFromDetails(entry) : actor.email(),
                        actor == null || actor.impersonation() == null ? null : actor.impersonation().impersonatorUserId(),
                        entry.action(), entry.targetType(), entry.targetId(), origin.ip(), origin.userAgent(),
                        RequestIds.current(), JSON.writeValueAsString(entry.details()))
                .update();
    }

    private static String actorFromDetails(AuditEntry entry) {
        Object email = entry.details().get("email");
        return email == null ? null : email.toString();
    }
}
