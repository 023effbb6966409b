package dev.switchboard.platform.internal.secrets;

import dev.switchboard.platform.SecretCipher;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecretsSettings.class)
class SecretsConfiguration {

    static final String SETTING = "switchboard.secrets.keys (SWITCHBOARD_ENCRYPTION_KEYS)";

    private static final Logger log = LoggerFactory.getLogger(SecretsConfiguration.class);

    @Bean
    SecretCipher secretCipher(SecretsSettings settings, @Value("${switchboard.data-directory:data}") Path dataDirectory) {
        return new AesGcmSecretCipher(keyRing(settings, dataDirectory, new SecureRandom()), new SecureRandom());
    }

    /** The configured keys; in development (none configured) the generated key file's. */
    static KeyRing keyRing(SecretsSettings settings, Path dataDirectory, SecureRandom random) {
        if (settings.keys() != null && !settings.keys().isBlank()) {
            return KeyRing.parse(settings.keys(), SETTING);
        }
        KeyRing development = DevelopmentKeyFile.loadOrCreate(dataDirectory, random);
        log.warn("SWITCHBOARD_ENCRYPTION_KEYS is not set: secrets are encrypted with a development key kept in {}. "
                + "Production must set SWITCHBOARD_ENCRYPTION_KEYS.", DevelopmentKeyFile.location(dataDirectory).toAbsolutePath());
        return development;
    }
}
