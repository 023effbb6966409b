package dev.switchboard.telephony.internal.numbers;

import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.TenantScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Data access for the number inventory and the organization assignments. */
@Component
public class PhoneNumbers {

    /** A number of the platform inventory. */
    public record InventoryNumber(UUID id, String e164, String displayName, String provider, String providerNumberId,
                           String status, int organizations, Instant createdAt) {
    }

    /** A number as an organization sees it. */
    public record AssignedNumber(UUID id, String e164, String displayName, String provider, String status, boolean primary,
                          UUID inboundAgentId, UUID outboundAgentId, Instant assignedAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    PhoneNumbers(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    UUID insert(String e164, String displayName, String provider, String providerNumberId, String status) {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                insert into phone_numbers (id, e164, display_name, provider, provider_number_id, status, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, e164, displayName, provider, providerNumberId, status, now, now).update();
        return id;
    }

    Optional<InventoryNumber> inventory(UUID id) {
        return jdbc.sql(INVENTORY + " where n.id = ?").param(id).query(PhoneNumbers::inventory).optional();
    }

    Optional<InventoryNumber> inventoryByE164(String e164) {
        return jdbc.sql(INVENTORY + " where n.e164 = ?").param(e164).query(PhoneNumbers::inventory).optional();
    }

    List<InventoryNumber> inventoryPage(Instant beforeTime, UUID beforeId, int limit) {
        String where = beforeTime == null ? "" : " where (n.created_at, n.id) < (?, ?)";
        var spec = jdbc.sql(INVENTORY + where + " order by n.created_at desc, n.id desc limit ?");
        if (beforeTime != null) {
            spec = spec.param(Timestamp.from(beforeTime)).param(beforeId);
        }
        return spec.param(limit).query(PhoneNumbers::inventory).list();
    }

    void update(UUID id, String displayName, String status) {
        jdbc.sql("update phone_numbers set display_name = ?, status = ?, updated_at = ? where id = ?")
                .params(displayName, status, Timestamp.from(clock.instant()), id).update();
    }

    /** The organization's numbers; must run in the organization's scope. */
    List<AssignedNumber> assigned(UUID organizationId) {
        return jdbc.sql(ASSIGNED + " where a.organization_id = ? order by a.is_primary desc, n.display_name, n.e164")
                .param(organizationId).query(PhoneNumbers::assigned).list();
    }

    Optional<AssignedNumber> assigned(UUID organizationId, UUID phoneNumberId) {
        return jdbc.sql(ASSIGNED + " where a.organization_id = ? and a.phone_number_id = ?")
                .params(organizationId, phoneNumberId).query(PhoneNumbers::assigned).optional();
    }

    /** Locks the organization's assignments, so concurrent primary switches queue up. */
    void lockAssignments(UUID organizationId) {
        jdbc.sql("select phone_number_id from organization_phone_numbers where organization_id = ? for update")
                .param(organizationId).query().listOfRows();
    }

    void assign(UUID organizationId, UUID phoneNumberId, boolean primary) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                insert into organization_phone_numbers (organization_id, phone_number_id, is_primary, assigned_at, updated_at)
                values (?, ?, ?, ?, ?)""").params(organizationId, phoneNumberId, primary, now, now).update();
    }

    int unassign(UUID organizationId, UUID phoneNumberId) {
        return jdbc.sql("delete from organization_phone_numbers where organization_id = ? and phone_number_id = ?")
                .params(organizationId, phoneNumberId).update();
    }

    void makePrimary(UUID organizationId, UUID phoneNumberId) {
        Timestamp now = Timestamp.from(clock.instant());
        // Two statements: the partial unique index allows one primary at any moment.
        jdbc.sql("update organization_phone_numbers set is_primary = false, updated_at = ? where organization_id = ? "
                + "and is_primary and phone_number_id <> ?").params(now, organizationId, phoneNumberId).update();
        int changed = jdbc.sql("update organization_phone_numbers set is_primary = true, updated_at = ? "
                + "where organization_id = ? and phone_number_id = ?").params(now, organizationId, phoneNumberId).update();
        if (changed == 0) {
            throw ApiProblem.notFound("Phone number " + phoneNumberId);
        }
    }

    void setAgents(UUID organizationId, UUID phoneNumberId, UUID inboundAgentId, UUID outboundAgentId) {
        jdbc.sql("update organization_phone_numbers set inbound_agent_id = ?, outbound_agent_id = ?, updated_at = ? "
                        + "where organization_id = ? and phone_number_id = ?")
                .params(inboundAgentId, outboundAgentId, Timestamp.from(clock.instant()), organizationId, phoneNumberId).update();
    }

    boolean hasPrimary(UUID organizationId) {
        return jdbc.sql("select exists (select 1 from organization_phone_numbers where organization_id = ? and is_primary)")
                .param(organizationId).query(Boolean.class).single();
    }

    static UUID organization() {
        return TenantScope.requireOrganization();
    }

    private static final String INVENTORY = """
            select n.id, n.e164, n.display_name, n.provider, n.provider_number_id, n.status, n.created_at,
                   (select count(*) from organization_phone_numbers a where a.phone_number_id = n.id) as organizations
              from phone_numbers n""";

    private static final String ASSIGNED = """
            select n.id, n.e164, n.display_name, n.provider, n.status, a.is_primary, a.inbound_agent_id,
                   a.outbound_agent_id, a.assigned_at
              from organization_phone_numbers a join phone_numbers n on n.id = a.phone_number_id""";

    private static InventoryNumber inventory(ResultSet rs, int row) throws SQLException {
        return new InventoryNumber(rs.getObject("id", UUID.class), rs.getString("e164"), rs.getString("display_name"),
                rs.getString("provider"), rs.getString("provider_number_id"), rs.getString("status"),
                rs.getInt("organizations"), rs.getTimestamp("created_at").toInstant());
    }

    private static AssignedNumber assigned(ResultSet rs, int row) throws SQLException {
        return new AssignedNumber(rs.getObject("id", UUID.class), rs.getString("e164"), rs.getString("display_name"),
                rs.getString("provider"), rs.getString("status"), rs.getBoolean("is_primary"),
                rs.getObject("inbound_agent_id", UUID.class), rs.getObject("outbound_agent_id", UUID.class),
                rs.getTimestamp("assigned_at").toInstant());
    }
}
