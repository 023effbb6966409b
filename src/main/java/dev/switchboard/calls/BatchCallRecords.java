package dev.switchboard.calls;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The call records of a batch the provider dials itself (campaigns in provider-batch mode).
 * Records are written before the batch is sent, so no call exists at the provider without one,
 * and are linked to the provider's batch once it is accepted: its webhooks then find each call by
 * the batch id and the destination number. Every method runs in the caller's tenant scope and
 * transaction.
 */
public interface BatchCallRecords {

    /** One call of the batch, as the campaign plans it. */
    record Planned(UUID contactId, String toNumber, Map<String, String> variables, String contactName, String crmId) {
    }

    /** A written call record and the dynamic variables to send with its task. */
    record Recorded(UUID callId, UUID contactId, String toNumber, Map<String, String> variables) {
    }

    /**
     * What the batch is sent with.
     *
     * @param fromNumber      the organization's primary number (E.164), the batch's caller id
     * @param providerAgentId the provider's id of the campaign's agent
     */
    record Prepared(String fromNumber, String providerAgentId, List<Recorded> calls) {
    }

    /**
     * Writes one pending call record per planned call, of the campaign's agent from the primary
     * number; {@code current_date} and {@code current_day} are added to each call's variables in
     * the organization's time zone unless given.
     *
     * @throws dev.switchboard.platform.ApiProblem when the organization cannot place calls (no
     *         primary number) or the agent has not reached the provider
     */
    Prepared record(UUID campaignId, UUID agentId, List<Planned> calls);

    /** The provider accepted the batch: its calls are queued there under {@code providerBatchId}. */
    void accepted(UUID batchId, String providerBatchId, List<UUID> callIds);

    /** The provider refused the batch: its calls failed with {@code reason}. */
    void refused(List<UUID> callIds, String reason);

    /** Whether the provider reported on any of these calls (so it received their batch). */
    boolean heardFrom(List<UUID> callIds);
}
