package dev.switchboard.platform.internal.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class KeyRingTest {

    static final String KEY_1 = Base64.getEncoder().encodeToString(new byte[32]);
    static final String KEY_2 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void theFirstKeyIsActiveAndEveryKeyIsFoundByVersion() {
        KeyRing ring = KeyRing.parse(" 2:" + KEY_2 + " , 1:" + KEY_1, SecretsConfiguration.SETTING);

        assertThat(ring.active().version()).isEqualTo("2");
        assertThat(ring.versions()).containsExactly("2", "1");
        assertThat(ring.find("1")).isPresent();
        assertThat(ring.find("3")).isEmpty();
    }

    @Test
    void badBase64IsReportedWithTheSettingAndVersionButNotTheKey() {
        assertThatThrownBy(() -> KeyRing.parse("1:not*base64!", SecretsConfiguration.SETTING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SWITCHBOARD_ENCRYPTION_KEYS")
                .hasMessageContaining("version '1' is not valid base64")
                .hasMessageNotContaining("not*base64!");
    }

    @Test
    void aKeyOfTheWrongLengthIsRejected() {
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> KeyRing.parse("1:" + short16, SecretsConfiguration.SETTING))
                .hasMessageContaining("SWITCHBOARD_ENCRYPTION_KEYS")
                .hasMessageContaining("decodes to 16 bytes, but AES-256 needs exactly 32")
                .hasMessageNotContaining(short16);
    }

    @Test
    void aDuplicateVersionIsRejected() {
        assertThatThrownBy(() -> KeyRing.parse("1:" + KEY_1 + ",1:" + KEY_2, SecretsConfiguration.SETTING))
                .hasMessageContaining("SWITCHBOARD_ENCRYPTION_KEYS")
                .hasMessageContaining("the key version '1' appears more than once");
    }

    @Test
    void anEntryWithoutVersionIsRejected() {
        assertThatThrownBy(() -> KeyRing.parse(KEY_1, SecretsConfiguration.SETTING))
                .hasMessageContaining("SWITCHBOARD_ENCRYPTION_KEYS): entry 1 must be version:base64-of-32-bytes");
        assertThatThrownBy(() -> KeyRing.parse("1:" + KEY_1 + ",", SecretsConfiguration.SETTING))
                .hasMessageContaining("entry 2 must be version:base64-of-32-bytes");
    }

    @Test
    void anInvalidConfigurationFailsStartUpNamingTheSetting() {
        new ApplicationContextRunner()
                .withUserConfiguration(SecretsConfiguration.class)
                .withPropertyValues("switchboard.secrets.keys=1:" + Base64.getEncoder().encodeToString(new byte[31]))
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("switchboard.secrets.keys (SWITCHBOARD_ENCRYPTION_KEYS)")
                            .hasMessageContaining("decodes to 31 bytes");
                });
    }
}
