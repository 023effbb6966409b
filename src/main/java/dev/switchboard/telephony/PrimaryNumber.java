package dev.switchboard.telephony;

import java.util.UUID;

/**
 * The number an organization's outbound calls come from, checked ready: assigned, primary,
 * active, with an outbound agent.
 *
 * @param phoneNumberId   the number's id
 * @param e164            the number in E.164
 * @param displayName     its name for people
 * @param provider        the provider it lives at
 * @param outboundAgentId the Switchboard agent placing calls from it
 */
public record PrimaryNumber(UUID phoneNumberId, String e164, String displayName, String provider, UUID outboundAgentId) {
}
