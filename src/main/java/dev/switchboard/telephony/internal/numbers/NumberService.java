package dev.switchboard.telephony.internal.numbers;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.switchboard.identity.Actor;
import dev.switchboard.identity.Actors;
import dev.switchboard.identity.AuditEntry;
import dev.switchboard.identity.AuditLog;
import dev.switchboard.identity.Permission;
import dev.switchboard.identity.PlatformAdminReads;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.CursorPage;
import dev.switchboard.platform.Cursors;
import dev.switchboard.platform.TenantScope;
import dev.switchboard.telephony.AgentDirectory;
import dev.switchboard.telephony.NumberAgentsChanged;
import dev.switchboard.telephony.OutboundReadiness;
import dev.switchboard.telephony.PrimaryNumber;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Phone numbers: the platform inventory (platform administrators add numbers and assign them
 * to organizations) and each organization's own view (primary number, agents per number), plus
 * the outbound readiness checks every call and campaign runs first.
 */
@Service
public class NumberService implements OutboundReadiness {

    static final Set<String> PROVIDERS = Set.of("sandbox", "retell", "vapi", "twilio");
    static final Set<String> STATUSES = Set.of("active", "inactive", "pending");

    private final PhoneNumbers numbers;
    private final PlatformAdminReads reads;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final List<AgentDirectory> agents;
    private final ApplicationEventPublisher events;

    NumberService(PhoneNumbers numbers, PlatformAdminReads reads, AuditLog audit, TransactionTemplate tx,
                  List<AgentDirectory> agents, ApplicationEventPublisher events) {
        this.agents = agents;
        this.events = events;
        this.numbers = numbers;
        this.reads = reads;
        this.audit = audit;
        this.tx = tx;
    }

    // ---- platform inventory ----

    public PhoneNumbers.InventoryNumber add(String number, String displayName, String provider, String status) {
        requirePlatformAdmin();
        String e164 = e164("number", number);
        String name = text("displayName", displayName == null || displayName.isBlank() ? e164 : displayName, 80);
        String chosenProvider = oneOf("provider", provider == null ? "sandbox" : provider, PROVIDERS);
        String chosenStatus = oneOf("status", status == null ? "active" : status, STATUSES);
        try {
            UUID id = numbers.insert(e164, name, chosenProvider, null, chosenStatus);
            audit.recordPlatform(new AuditEntry("phone_number.added", "phone_number", id.toString(),
                    Map.of("number", e164, "provider", chosenProvider)), null);
            return numbers.inventory(id).orElseThrow();
        } catch (DuplicateKeyException taken) {
            throw ApiProblem.conflict("phone-number-exists", e164 + " is already in the inventory.").field("number", "already exists");
        }
    }

    public PhoneNumbers.InventoryNumber change(UUID id, String displayName, String status) {
        requirePlatformAdmin();
        PhoneNumbers.InventoryNumber current = numbers.inventory(id).orElseThrow(() -> ApiProblem.notFound("Phone number " + id));
        String name = displayName == null ? current.displayName() : text("displayName", displayName, 80);
        String chosenStatus = status == null ? current.status() : oneOf("status", status, STATUSES);
        numbers.update(id, name, chosenStatus);
        audit.recordPlatform(new AuditEntry("phone_number.changed", "phone_number", id.toString(),
                Map.of("displayName", name, "status", chosenStatus, "previousStatus", current.status())), null);
        return numbers.inventory(id).orElseThrow();
    }

    public CursorPage<PhoneNumbers.InventoryNumber> inventory(Integer limit, String cursor) {
        int size = Cursors.limit(limit, 50, 200);
        Cursors.TimeAndId after = cursor == null || cursor.isBlank() ? null : Cursors.decode(cursor);
        return reads.read("phone number inventory", () -> CursorPage.of(numbers.inventoryPage(
                after == null ? null : after.time(), after == null ? null : after.id(), size + 1), size,
                n -> Cursors.encode(n.createdAt(), n.id())));
    }

    /** Assigns a number to an organization; its first number becomes its primary. */
    public void assign(UUID phoneNumberId, UUID organizationId) {
        requirePlatformAdmin();
        PhoneNumbers.InventoryNumber number = numbers.inventory(phoneNumberId)
                .orElseThrow(() -> ApiProblem.notFound("Phone number " + phoneNumberId));
        try {
            TenantScope.runAs(organizationId, () -> tx.executeWithoutResult(s -> {
                numbers.lockAssignments(organizationId);
                numbers.assign(organizationId, phoneNumberId, !numbers.hasPrimary(organizationId));
                AuditEntry entry = new AuditEntry("phone_number.assigned", "phone_number", phoneNumberId.toString(),
                        Map.of("number", number.e164()));
                audit.record(entry);
                audit.recordPlatform(entry, organizationId);
            }));
        } catch (DuplicateKeyException already) {
            throw ApiProblem.conflict("already-assigned", number.e164() + " is already assigned to that organization.");
        } catch (org.springframework.dao.DataIntegrityViolationException noSuchOrganization) {
            throw ApiProblem.notFound("Organization " + organizationId);
        }
    }

    public void unassign(UUID phoneNumberId, UUID organizationId) {
        requirePlatformAdmin();
        int removed = TenantScope.callAs(organizationId, () -> tx.execute(s -> {
            int count = numbers.unassign(organizationId, phoneNumberId);
            if (count > 0) {
                AuditEntry entry = new AuditEntry("phone_number.unassigned", "phone_number", phoneNumberId.toString(), Map.of());
                audit.record(entry);
                audit.recordPlatform(entry, organizationId);
            }
            return count;
        }));
        if (removed == 0) {
            throw ApiProblem.notFound("Assignment of phone number " + phoneNumberId + " to organization " + organizationId);
        }
    }

    // ---- the organization's numbers ----

    public List<PhoneNumbers.AssignedNumber> organizationNumbers() {
        Actors.requirePermission(Permission.ORGANIZATION_READ);
        UUID organization = TenantScope.requireOrganization();
        return tx.execute(s -> numbers.assigned(organization));
    }

    /** Makes a number the primary one, atomically: there is never zero or two primaries. */
    public void makePrimary(UUID phoneNumberId) {
        Actors.requirePermission(Permission.NUMBERS_MANAGE);
        UUID organization = TenantScope.requireOrganization();
        tx.executeWithoutResult(s -> {
            numbers.lockAssignments(organization);
            PhoneNumbers.AssignedNumber number = numbers.assigned(organization, phoneNumberId)
                    .orElseThrow(() -> ApiProblem.notFound("Phone number " + phoneNumberId));
            numbers.makePrimary(organization, phoneNumberId);
            audit.record(new AuditEntry("phone_number.made_primary", "phone_number", phoneNumberId.toString(),
                    Map.of("number", number.e164())));
        });
    }

    /** Sets the agents of a number (null clears one); both must be the organization's own agents. */
    public void setAgents(UUID phoneNumberId, UUID inboundAgentId, UUID outboundAgentId) {
        Actors.requirePermission(Permission.NUMBERS_MANAGE);
        UUID organization = TenantScope.requireOrganization();
        tx.executeWithoutResult(s -> {
            PhoneNumbers.AssignedNumber number = numbers.assigned(organization, phoneNumberId)
                    .orElseThrow(() -> ApiProblem.notFound("Phone number " + phoneNumberId));
            requireOwnAgent("inboundAgentId", inboundAgentId);
            requireOwnAgent("outboundAgentId", outboundAgentId);
            numbers.setAgents(organization, phoneNumberId, inboundAgentId, outboundAgentId);
            Map<String, Object> details = new HashMap<>();
            details.put("number", number.e164());
            details.put("inboundAgentId", String.valueOf(inboundAgentId));
            details.put("outboundAgentId", String.valueOf(outboundAgentId));
            audit.record(new AuditEntry("phone_number.agents_changed", "phone_number", phoneNumberId.toString(), details));
            events.publishEvent(new NumberAgentsChanged(organization, phoneNumberId));
        });
    }

    private void requireOwnAgent(String field, UUID agentId) {
        if (agentId != null && agents.stream().noneMatch(a -> a.belongsToOrganization(agentId))) {
            throw ApiProblem.validation(field, "is not one of your organization's agents");
        }
    }

    @Override
    public PrimaryNumber requirePrimaryForOutbound() {
        UUID organization = TenantScope.requireOrganization();
        List<PhoneNumbers.AssignedNumber> all = tx.execute(s -> numbers.assigned(organization));
        if (all.isEmpty()) {
            throw notReady("no-phone-numbers", "No phone numbers assigned to organization. Ask your platform "
                    + "administrator to assign a number to your organization, then choose it as primary.");
        }
        PhoneNumbers.AssignedNumber primary = all.stream().filter(PhoneNumbers.AssignedNumber::primary).findFirst()
                .orElseThrow(() -> notReady("no-primary-phone", "Phones exist but none marked as primary: "
                        + all.stream().map(PhoneNumbers.AssignedNumber::displayName).collect(Collectors.joining(", "))
                        + ". Mark one as primary on the Phone Numbers page."));
        if (!"active".equals(primary.status())) {
            throw notReady("primary-phone-inactive", "The primary phone number " + primary.displayName() + " ("
                    + primary.e164() + ") is " + primary.status() + ". Ask your platform administrator to activate it, "
                    + "or mark another number as primary.");
        }
        if (primary.outboundAgentId() == null) {
            throw notReady("primary-phone-no-outbound-agent", "The primary phone number " + primary.displayName() + " ("
                    + primary.e164() + ") has no outbound agent. Choose the agent that places calls from it on the "
                    + "Phone Numbers page.");
        }
        return new PrimaryNumber(primary.id(), primary.e164(), primary.displayName(), primary.provider(),
                primary.outboundAgentId());
    }

    private static ApiProblem notReady(String slug, String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, slug, "Phone number not ready", detail);
    }

    private static Actor requirePlatformAdmin() {
        Actor actor = Actors.require();
        if (!actor.platformAdmin()) {
            throw ApiProblem.forbidden("Only platform administrators manage the phone number inventory.");
        }
        return actor;
    }

    /** Normalises a number typed by a person to E.164 (US by default when no + is given). */
    static String e164(String field, String input) {
        if (input == null || input.isBlank()) {
            throw ApiProblem.validation(field, "is required");
        }
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            var parsed = util.parse(input.trim(), "US");
            if (!util.isPossibleNumber(parsed)) {
                throw ApiProblem.validation(field, "'" + input + "' is not a valid number; use E.164 such as +14155551234");
            }
            return util.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw ApiProblem.validation(field, "'" + input + "' is not a valid number; use E.164 such as +14155551234");
        }
    }

    private static String text(String field, String value, int max) {
        String trimmed = value == null ? "" : value.trim();
        if (trimmed.isEmpty() || trimmed.length() > max) {
            throw ApiProblem.validation(field, "is required and at most " + max + " characters");
        }
        return trimmed;
    }

    private static String oneOf(String field, String value, Set<String> allowed) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw ApiProblem.validation(field, "must be one of " + allowed.stream().sorted().collect(Collectors.joining(", ")));
        }
        return v;
    }
}
