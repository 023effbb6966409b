package dev.switchboard.calls;

import java.util.Map;
import java.util.UUID;

/**
 * Places one outbound AI call for another module (the campaign dialer): records the call, then
 * starts it at the organization's voice provider. Call inside the organization's tenant scope and
 * outside a transaction (the provider request must not hold one open).
 */
public interface OutboundCalls {

    /**
     * @param campaignId the campaign the call belongs to, or null
     * @param contactId  the campaign contact it dials, or null
     * @param variables  the agent's dynamic variables; {@code current_date} and {@code current_day}
     *                   are added in the organization's time zone unless given
     */
    record Request(UUID agentId, String toNumber, Map<String, String> variables, UUID campaignId, UUID contactId,
                   String contactName, String crmId) {
    }

    record Placed(UUID callId, String providerCallId) {
    }

    /**
     * @throws dev.switchboard.telephony.ProviderException when the provider refuses or is unreachable;
     *         the call record is then failed with the reason
     */
    Placed place(Request request);

    /**
     * What placing several calls of one agent needs, read once (the voice account, the primary
     * number, the agent at the provider, the organization's time zone): the dialer places a
     * pacer run's calls with it, each then as {@link #place} would, in fewer transactions.
     *
     * @param agentId the agent, or null for the primary number's outbound agent
     * @throws dev.switchboard.telephony.ProviderException when the agent has not reached the provider
     * @throws dev.switchboard.platform.ApiProblem when the organization cannot place calls (no primary number)
     */
    Dialing dialing(UUID agentId);

    /** Places calls with what {@link #dialing} read; each call as {@link #place} (whose agent it ignores). */
    interface Dialing {
        Placed place(Request request);
    }

    /**
     * Gives up a call recorded but never confirmed by the provider (the node placing it died
     * between recording it and the provider's answer, and no provider event ever named it): its
     * record fails as never placed, so the contact can be dialled again. Call inside the
     * organization's tenant scope.
     *
     * @return false when the call was confirmed or ended meanwhile (then it stands)
     */
    boolean abandonUnconfirmed(UUID callId);
}
