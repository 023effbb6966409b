package dev.switchboard.platform.internal.secrets;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param keys the encryption keys, {@code version:base64-of-32-bytes} separated by commas, the
 *             active one first ({@code SWITCHBOARD_ENCRYPTION_KEYS}); blank in development
 */
@ConfigurationProperties("switchboard.secrets")
record SecretsSettings(String keys) {

    @Override
    public String toString() {
        return "SecretsSettings[keys=" + (keys == null || keys.isBlank() ? "" : "***") + "]";
    }
}
