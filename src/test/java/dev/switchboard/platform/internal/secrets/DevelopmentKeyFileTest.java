package dev.switchboard.platform.internal.secrets;

import static dev.switchboard.platform.internal.secrets.KeyRingTest.KEY_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevelopmentKeyFileTest {

    @TempDir Path data;

    @Test
    void withoutConfiguredKeysAKeyIsGeneratedOnceReadableByTheOwnerOnly() throws Exception {
        KeyRing first = SecretsConfiguration.keyRing(new SecretsSettings(""), data, new SecureRandom());

        Path file = data.resolve("secrets/encryption-keys");
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(first.active().version()).isEqualTo(DevelopmentKeyFile.VERSION);
    }

    @Test
    void laterStartsReuseTheGeneratedKey() {
        KeyRing first = SecretsConfiguration.keyRing(new SecretsSettings(null), data, new SecureRandom());
        String ciphertext = new AesGcmSecretCipher(first, new SecureRandom()).encrypt("secret", "ctx");

        KeyRing second = SecretsConfiguration.keyRing(new SecretsSettings(null), data, new SecureRandom());

        assertThat(second.active().key().getEncoded()).isEqualTo(first.active().key().getEncoded());
        assertThat(new AesGcmSecretCipher(second, new SecureRandom()).decrypt(ciphertext, "ctx")).isEqualTo("secret");
    }

    @Test
    void configuredKeysWinOverTheDevelopmentFile() {
        KeyRing ring = SecretsConfiguration.keyRing(new SecretsSettings("1:" + KEY_1), data, new SecureRandom());

        assertThat(ring.active().version()).isEqualTo("1");
        assertThat(data.resolve("secrets")).doesNotExist();
    }
}
