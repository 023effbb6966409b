package dev.switchboard.identity.internal.admin;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.Actors;
import dev.switchboard.identity.AuditEntry;
import dev.switchboard.identity.AuditLog;
import dev.switchboard.identity.PlatformAdminReads;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.TenantScope;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Audits, then runs, a platform administrator's read across organizations. */
@Component
class AuditedPlatformAdminReads implements PlatformAdminReads {

    private final AuditLog audit;
    private final TransactionTemplate readOnly;

    AuditedPlatformAdminReads(AuditLog audit, PlatformTransactionManager transactions) {
        this.audit = audit;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public <T> T read(String reason, Supplier<T> work) {
        Actor actor = Actors.require();
        if (!actor.platformAdmin()) {
            throw ApiProblem.forbidden("Only platform administrators may read across organizations.");
        }
        audit.recordPlatform(new AuditEntry("platform.cross_organization_read", null, null, Map.of("reason", reason)), null);
        return TenantScope.readAcrossOrganizations(() -> readOnly.execute(s -> work.get()));
    }
}
