package dev.switchboard.telephony.internal.numbers;

import dev.switchboard.platform.TenantScope;
import dev.switchboard.telephony.NumberRegistry;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link NumberRegistry} over the inventory and assignment tables. */
@Component
class JdbcNumberRegistry implements NumberRegistry {

    private final PhoneNumbers numbers;
    private final TransactionTemplate tx;

    JdbcNumberRegistry(PhoneNumbers numbers, TransactionTemplate tx) {
        this.numbers = numbers;
        this.tx = tx;
    }

    @Override
    public UUID registerAndAssign(UUID organizationId, String e164, String displayName, String provider) {
        return TenantScope.callAs(organizationId, () -> tx.execute(s -> {
            UUID id = numbers.insert(e164, displayName, provider, null, "active");
            numbers.lockAssignments(organizationId);
            numbers.assign(organizationId, id, !numbers.hasPrimary(organizationId));
            return id;
        }));
    }

    @Override
    public boolean hasNumberOf(UUID organizationId, String provider) {
        return numbersOf(organizationId).stream().anyMatch(n -> n.provider().equals(provider));
    }

    @Override
    public List<NumberAgents> numbersOf(UUID organizationId) {
        return TenantScope.callAs(organizationId, () -> tx.execute(s -> numbers.assigned(organizationId).stream()
                .map(JdbcNumberRegistry::view).toList()));
    }

    @Override
    public Optional<NumberAgents> number(UUID organizationId, UUID phoneNumberId) {
        return TenantScope.callAs(organizationId, () -> tx.execute(s -> numbers.assigned(organizationId, phoneNumberId)
                .map(JdbcNumberRegistry::view)));
    }

    private static NumberAgents view(PhoneNumbers.AssignedNumber n) {
        return new NumberAgents(n.id(), n.e164(), n.provider(), n.inboundAgentId(), n.outboundAgentId());
    }
}
