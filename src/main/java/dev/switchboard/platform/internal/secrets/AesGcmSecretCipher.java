package dev.switchboard.platform.internal.secrets;

import dev.switchboard.platform.SecretCipher;
import dev.switchboard.platform.SecretDecryptionException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM with a random 96-bit IV per encryption and a 128-bit tag; the context is the
 * associated data, authenticated but not stored.
 */
final class AesGcmSecretCipher implements SecretCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String FORMAT = "v<key version>:<base64>";

    private final KeyRing keys;
    private final SecureRandom random;

    AesGcmSecretCipher(KeyRing keys, SecureRandom random) {
        this.keys = keys;
        this.random = random;
    }

    @Override
    public String encrypt(String plaintext, String context) {
        Objects.requireNonNull(plaintext, "plaintext");
        requireContext(context);
        KeyRing.Key key = keys.active();
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return "v" + key.version() + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String decrypt(String ciphertext, String context) {
        requireContext(context);
        String version = keyVersionOf(ciphertext);
        KeyRing.Key key = keys.find(version).orElseThrow(() -> new SecretDecryptionException(
                "The secret was encrypted with key version '" + version + "', which is not configured (configured: "
                        + keys.versions() + "). Add that key to SWITCHBOARD_ENCRYPTION_KEYS after the active one."));
        byte[] data;
        try {
            data = Base64.getDecoder().decode(ciphertext.substring(ciphertext.indexOf(':') + 1));
        } catch (IllegalArgumentException e) {
            throw new SecretDecryptionException("The stored secret is not in the format " + FORMAT
                    + ": its data is not valid base64");
        }
        if (data.length < IV_BYTES + TAG_BITS / 8) {
            throw new SecretDecryptionException("The stored secret is not in the format " + FORMAT
                    + ": it is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, data, 0, IV_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(data, IV_BYTES, data.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SecretDecryptionException("The secret could not be decrypted: it was altered, or it belongs "
                    + "to another record than the one it was read from");
        } catch (GeneralSecurityException e) {
            throw new SecretDecryptionException("The secret could not be decrypted: " + e.getMessage(), e);
        }
    }

    @Override
    public String activeKeyVersion() {
        return keys.active().version();
    }

    @Override
    public String keyVersionOf(String ciphertext) {
        if (ciphertext == null || !ciphertext.startsWith("v") || ciphertext.indexOf(':') < 2) {
            throw new SecretDecryptionException("The stored secret is not in the format " + FORMAT);
        }
        return ciphertext.substring(1, ciphertext.indexOf(':'));
    }

    private static void requireContext(String context) {
        if (context == null || context.isEmpty()) {
            throw new IllegalArgumentException("A secret must be bound to a context, such as its organization and name");
        }
    }
}
