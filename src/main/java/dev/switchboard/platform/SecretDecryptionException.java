package dev.switchboard.platform;

/**
 * A secret could not be decrypted. The message says why (unknown key version, altered or moved
 * ciphertext, malformed text) and never contains the secret or the key.
 */
public class SecretDecryptionException extends RuntimeException {

    public SecretDecryptionException(String message) {
        super(message);
    }

    public SecretDecryptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
