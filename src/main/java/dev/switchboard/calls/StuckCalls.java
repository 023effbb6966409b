package dev.switchboard.calls;

import java.util.UUID;

/**
 * Repairs one call whose provider events never arrived, for another module (the campaign
 * watchdog, for campaigns stuck in processing): the provider's own account of the call goes into
 * the webhook inbox as the event that should have told it, so the record reaches its state with
 * the provider's data (transcript, duration, analysis, usage) exactly as a delivered webhook
 * would bring it, and {@link CallChanged} follows when the event is processed. Repeating a repair,
 * or the webhook arriving after all, changes nothing more. Call inside the organization's tenant
 * scope and outside a transaction (the provider request must not hold one open).
 */
public interface StuckCalls {

    /** What a repair did. */
    enum Repair {
        /** The provider knows more than the record: its account was queued for processing. */
        QUEUED,
        /** The record knows as much as the provider (the call still runs, or the news was queued before). */
        CURRENT,
        /** The call has no provider call id, belongs to another provider, or the provider does not know it. */
        UNKNOWN
    }

    /**
     * @param callId a call of the current organization
     * @throws dev.switchboard.telephony.ProviderException when the provider could not be asked
     */
    Repair repair(UUID callId);
}
