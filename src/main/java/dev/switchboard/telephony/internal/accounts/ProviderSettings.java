package dev.switchboard.telephony.internal.accounts;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The platform's own provider accounts, one per vendor, from configuration. With none
 * configured, everything runs on the embedded sandbox.
 *
 * @param voice         the default voice-AI provider: sandbox, retell or vapi
 * @param telephony     the default carrier: sandbox or twilio
 * @param retellApiKey  the platform's Retell key
 * @param retellBaseUrl Retell's API
 * @param vapiApiKey    the platform's Vapi key
 * @param vapiBaseUrl   Vapi's API
 * @param twilioAccountSid the platform's Twilio account
 * @param twilioAuthToken  its auth token
 * @param twilioBaseUrl    Twilio's API (changed only for tests)
 * @param sandboxApiKey    the key Switchboard uses with the embedded sandbox
 */
@ConfigurationProperties("switchboard.providers")
record ProviderSettings(String voice, String telephony, String retellApiKey, URI retellBaseUrl, String vapiApiKey,
                        URI vapiBaseUrl, String twilioAccountSid, String twilioAuthToken, URI twilioBaseUrl,
                        String sandboxApiKey) {

    ProviderSettings {
        retellApiKey = blank(retellApiKey);
        vapiApiKey = blank(vapiApiKey);
        twilioAccountSid = blank(twilioAccountSid);
        twilioAuthToken = blank(twilioAuthToken);
        voice = voice == null || voice.isBlank() ? (retellApiKey != null ? "retell" : vapiApiKey != null ? "vapi" : "sandbox")
                : voice.trim().toLowerCase(Locale.ROOT);
        telephony = telephony == null || telephony.isBlank() ? (twilioAuthToken != null ? "twilio" : "sandbox")
                : telephony.trim().toLowerCase(Locale.ROOT);
        retellBaseUrl = retellBaseUrl == null ? URI.create("https://api.retellai.com") : retellBaseUrl;
        vapiBaseUrl = vapiBaseUrl == null ? URI.create("https://api.vapi.ai") : vapiBaseUrl;
        twilioBaseUrl = twilioBaseUrl == null ? URI.create("https://api.twilio.com") : twilioBaseUrl;
        sandboxApiKey = sandboxApiKey == null || sandboxApiKey.isBlank() ? "sandbox-platform-key" : sandboxApiKey.trim();
        if (!Set.of("sandbox", "retell", "vapi").contains(voice)) {
            throw new IllegalArgumentException("switchboard.providers.voice (SWITCHBOARD_VOICE_PROVIDER) must be sandbox, "
                    + "retell or vapi, but was '" + voice + "'");
        }
        if (!Set.of("sandbox", "twilio").contains(telephony)) {
            throw new IllegalArgumentException("switchboard.providers.telephony (SWITCHBOARD_TELEPHONY_PROVIDER) must be "
                    + "sandbox or twilio, but was '" + telephony + "'");
        }
        if (voice.equals("retell") && retellApiKey == null) {
            throw new IllegalArgumentException("switchboard.providers.voice is retell, so switchboard.providers.retell-api-key "
                    + "(SWITCHBOARD_RETELL_API_KEY) must be set");
        }
        if (voice.equals("vapi") && vapiApiKey == null) {
            throw new IllegalArgumentException("switchboard.providers.voice is vapi, so switchboard.providers.vapi-api-key "
                    + "(SWITCHBOARD_VAPI_API_KEY) must be set");
        }
        if (telephony.equals("twilio") && (twilioAccountSid == null || twilioAuthToken == null)) {
            throw new IllegalArgumentException("switchboard.providers.telephony is twilio, so "
                    + "SWITCHBOARD_TWILIO_ACCOUNT_SID and SWITCHBOARD_TWILIO_AUTH_TOKEN must be set");
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
