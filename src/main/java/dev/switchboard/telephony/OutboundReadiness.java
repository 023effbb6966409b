package dev.switchboard.telephony;

/**
 * Checks, in the seed's order and words, that the current organization can place outbound
 * calls: it has numbers, one is primary, the primary is active and has an outbound agent.
 * Each failure is a 409 problem that names what to do next.
 */
public interface OutboundReadiness {

    /** The ready primary number of the organization in scope; throws the first failed check. */
    PrimaryNumber requirePrimaryForOutbound();
}
