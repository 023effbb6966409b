package dev.switchboard.platform;

/**
 * Encrypts secrets at rest with AES-256-GCM under the configured keys
 * ({@code SWITCHBOARD_ENCRYPTION_KEYS}; the first is active).
 *
 * <p>A ciphertext reads {@code v<version>:<base64(iv | ciphertext | tag)>}: the key version says
 * which key decrypts it, so keys can be rotated while old ciphertexts stay readable. Every
 * encryption binds a caller-supplied context (for example the organization id and the secret's
 * name): decrypting with another context fails, so a ciphertext copied to another row is useless.
 */
public interface SecretCipher {

    /**
     * Encrypts {@code plaintext} under the active key, bound to {@code context}.
     *
     * @param context a non-empty string naming where the ciphertext belongs
     */
    String encrypt(String plaintext, String context);

    /**
     * Decrypts a ciphertext made by {@link #encrypt} with the same context.
     *
     * @throws SecretDecryptionException when the text is not such a ciphertext, its key version is
     *                                   not configured, it was altered, or the context differs
     */
    String decrypt(String ciphertext, String context);

    /** The version of the key new ciphertexts are made with. */
    String activeKeyVersion();

    /**
     * The key version a ciphertext names, without decrypting it.
     *
     * @throws SecretDecryptionException when the text is not such a ciphertext
     */
    String keyVersionOf(String ciphertext);
}
