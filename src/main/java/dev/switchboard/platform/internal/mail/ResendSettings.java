package dev.switchboard.platform.internal.mail;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Resend's HTTP API as the mail provider, instead of SMTP, when an API key is set.
 *
 * @param apiKey  the Resend API key, {@code re_…} ({@code SWITCHBOARD_RESEND_API_KEY}); blank: not used
 * @param baseUrl Resend's API ({@code SWITCHBOARD_RESEND_BASE_URL}), {@code https://api.resend.com} by default
 */
@ConfigurationProperties("switchboard.mail.resend")
record ResendSettings(String apiKey, URI baseUrl) {

    ResendSettings {
        apiKey = apiKey == null ? "" : apiKey.trim();
        baseUrl = baseUrl == null || baseUrl.toString().isBlank() ? URI.create("https://api.resend.com") : baseUrl;
    }

    boolean configured() {
        return !apiKey.isEmpty();
    }
}
