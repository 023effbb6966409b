package dev.switchboard.platform;

import java.time.Instant;

/**
 * A stored secret as listed, without its value.
 *
 * @param name       the secret's name
 * @param lastFour   its last four characters, or null when it is shorter than 8 characters
 * @param keyVersion the version of the key it is encrypted with
 * @param updatedAt  when it was last set (key rotation does not change it)
 */
public record SecretSummary(String name, String lastFour, String keyVersion, Instant updatedAt) {
}
