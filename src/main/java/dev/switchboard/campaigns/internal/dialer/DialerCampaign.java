package dev.switchboard.campaigns.internal.dialer;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A campaign as the dialer reads it: its settings, state and counters. */
record DialerCampaign(UUID id, UUID organizationId, String name, UUID agentId, UUID contactListId, String dispatchMode,
                      String status, int concurrency, int maxAttempts, int retryDelayMinutes, List<String> retryOn,
                      int totalContacts, int processed, int completed, int failed, int skipped, Instant startAt,
                      Instant startedAt, Instant lastActivityAt, UUID createdBy) {

    /** Reads the campaign; with {@code lock}, locks its row for the rest of the transaction. */
    static DialerCampaign find(JdbcClient jdbc, UUID organization, UUID id, boolean lock) {
        return jdbc.sql("select * from campaigns where organization_id = ? and id = ?" + (lock ? " for update" : ""))
                .params(organization, id).query((rs, n) -> map(rs)).optional().orElse(null);
    }

    /** Whether calls of this campaign may still be placed. */
    boolean dialing() {
        return "processing".equals(status);
    }

    /** Whether the campaign is running or paused: not yet completed, failed or cancelled. */
    boolean unfinished() {
        return "processing".equals(status) || "paused".equals(status);
    }

    /** Whether the provider's batch API dials this campaign (else Switchboard's pacer does). */
    boolean providerBatch() {
        return "provider_batch".equals(dispatchMode);
    }

    /** Whether Switchboard's pacer places this campaign's calls now. */
    boolean paced() {
        return dialing() && !providerBatch();
    }

    /** The campaign in a row of {@code campaigns} (all columns). */
    static DialerCampaign map(ResultSet rs) throws SQLException {
        Array retryOn = rs.getArray("retry_on");
        return new DialerCampaign(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
                rs.getString("name"), rs.getObject("agent_id", UUID.class), rs.getObject("contact_list_id", UUID.class),
                rs.getString("dispatch_mode"), rs.getString("status"), rs.getInt("concurrency"), rs.getInt("max_attempts"),
                rs.getInt("retry_delay_minutes"), Arrays.asList((String[]) retryOn.getArray()), rs.getInt("total_contacts"),
                rs.getInt("processed_count"), rs.getInt("completed_count"), rs.getInt("failed_count"),
                rs.getInt("skipped_count"), instant(rs, "start_at"), instant(rs, "started_at"),
                instant(rs, "last_activity_at"), rs.getObject("created_by", UUID.class));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
