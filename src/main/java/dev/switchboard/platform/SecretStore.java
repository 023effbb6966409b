package dev.switchboard.platform;

import java.util.List;
import java.util.Optional;

/**
 * An organization's named secrets (provider API keys, BYOC credentials, webhook signing keys),
 * encrypted at rest with {@link SecretCipher}. Every method works in the organization of the
 * current {@link TenantScope} and fails outside one. Each secret is bound to its organization and
 * name, so a ciphertext moved to another row does not decrypt.
 *
 * <p>Names are 1 to 100 characters: letters, digits, dots, dashes and underscores, starting with
 * a letter or digit.
 */
public interface SecretStore {

    /** Stores or replaces the secret {@code name}. */
    void put(String name, String value);

    /**
     * The secret's value, decrypted.
     *
     * @throws SecretDecryptionException when it cannot be decrypted (for example its key was
     *                                   removed from {@code SWITCHBOARD_ENCRYPTION_KEYS})
     */
    Optional<String> get(String name);

    /** Removes the secret; returns whether there was one. */
    boolean delete(String name);

    /**
     * The last four characters of the secret, to show which one is stored without decrypting it;
     * empty when there is no such secret or it is shorter than 8 characters (four would give too
     * much of it away).
     */
    Optional<String> lastFour(String name);

    /** Every secret of the organization, by name, without decrypting any. */
    List<SecretSummary> list();
}
