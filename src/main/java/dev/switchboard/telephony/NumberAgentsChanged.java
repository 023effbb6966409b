package dev.switchboard.telephony;

import java.util.UUID;

/** The agents answering or placing calls on a number changed; the provider's copy must follow. */
public record NumberAgentsChanged(UUID organizationId, UUID phoneNumberId) {
}
