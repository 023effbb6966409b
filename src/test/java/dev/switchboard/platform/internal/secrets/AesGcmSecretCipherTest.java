package dev.switchboard.platform.internal.secrets;

import static dev.switchboard.platform.internal.secrets.KeyRingTest.KEY_1;
import static dev.switchboard.platform.internal.secrets.KeyRingTest.KEY_2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.platform.SecretDecryptionException;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AesGcmSecretCipherTest {

    private static final String CONTEXT = "organization_secrets:0b7e…:retell-api-key";

    private final AesGcmSecretCipher cipher = cipher("1:" + KEY_1);

    @Test
    void decryptsWhatItEncrypted() {
        String ciphertext = cipher.encrypt("key_live_1234567890", CONTEXT);

        assertThat(cipher.decrypt(ciphertext, CONTEXT)).isEqualTo("key_live_1234567890");
        assertThat(cipher.encrypt("", CONTEXT)).satisfies(c -> assertThat(cipher.decrypt(c, CONTEXT)).isEmpty());
        assertThat(cipher.decrypt(cipher.encrypt("Grüße ☎", CONTEXT), CONTEXT)).isEqualTo("Grüße ☎");
    }

    @Test
    void ciphertextNamesItsKeyVersionAndCarriesIvAndTag() {
        String ciphertext = cipher.encrypt("secret", CONTEXT);

        assertThat(ciphertext).startsWith("v1:").doesNotContain("secret");
        byte[] data = Base64.getDecoder().decode(ciphertext.substring(3));
        assertThat(data).hasSize(12 + "secret".length() + 16);
        assertThat(cipher.keyVersionOf(ciphertext)).isEqualTo("1");
    }

    @Test
    void encryptingTwiceGivesDifferentCiphertexts() {
        assertThat(cipher.encrypt("same", CONTEXT)).isNotEqualTo(cipher.encrypt("same", CONTEXT));
    }

    @Test
    void alteredCiphertextIsDetected() {
        String ciphertext = cipher.encrypt("secret", CONTEXT);
        byte[] data = Base64.getDecoder().decode(ciphertext.substring(3));
        data[14] ^= 0x01;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(data);

        assertThatThrownBy(() -> cipher.decrypt(tampered, CONTEXT))
                .isInstanceOf(SecretDecryptionException.class)
                .hasMessageContaining("it was altered");
    }

    @Test
    void anotherContextDoesNotDecrypt() {
        String ciphertext = cipher.encrypt("secret", CONTEXT);

        assertThatThrownBy(() -> cipher.decrypt(ciphertext, CONTEXT + "-other"))
                .isInstanceOf(SecretDecryptionException.class)
                .hasMessageContaining("belongs to another record");
    }

    @Test
    void anUnknownKeyVersionFailsWithAClearMessage() {
        String ciphertext = cipher("7:" + KEY_2).encrypt("secret", CONTEXT);

        assertThatThrownBy(() -> cipher.decrypt(ciphertext, CONTEXT))
                .isInstanceOf(SecretDecryptionException.class)
                .hasMessage("The secret was encrypted with key version '7', which is not configured (configured: [1]). "
                        + "Add that key to SWITCHBOARD_ENCRYPTION_KEYS after the active one.");
    }

    @Test
    void malformedTextIsNotACiphertext() {
        assertThatThrownBy(() -> cipher.decrypt("plain text", CONTEXT))
                .isInstanceOf(SecretDecryptionException.class).hasMessageContaining("not in the format");
        assertThatThrownBy(() -> cipher.decrypt("v1:@@@", CONTEXT))
                .isInstanceOf(SecretDecryptionException.class).hasMessageContaining("not valid base64");
        assertThatThrownBy(() -> cipher.decrypt("v1:AAAA", CONTEXT))
                .isInstanceOf(SecretDecryptionException.class).hasMessageContaining("too short");
    }

    @Test
    void aNewActiveKeyEncryptsWhileOldCiphertextsStillDecrypt() {
        String old = cipher.encrypt("secret", CONTEXT);
        AesGcmSecretCipher rotated = cipher("2:" + KEY_2 + ",1:" + KEY_1);

        assertThat(rotated.decrypt(old, CONTEXT)).isEqualTo("secret");
        assertThat(rotated.encrypt("secret", CONTEXT)).startsWith("v2:");
        assertThat(rotated.activeKeyVersion()).isEqualTo("2");
    }

    @Test
    void requiresAContext() {
        assertThatThrownBy(() -> cipher.encrypt("secret", "")).isInstanceOf(IllegalArgumentException.class);
    }

    static AesGcmSecretCipher cipher(String keys) {
        return new AesGcmSecretCipher(KeyRing.parse(keys, SecretsConfiguration.SETTING), new SecureRandom());
    }
}
