package dev.switchboard.telephony;

import java.net.URI;
import java.util.Map;

/**
 * The credentials Switchboard uses with one provider for one organization: the platform's own
 * account (one key per vendor, shared by every organization that has not brought its own) or
 * the organization's own (BYOC). Never logged, never returned by the API.
 *
 * @param provider        the provider id: {@code retell}, {@code vapi}, {@code twilio}, {@code sandbox}
 * @param baseUrl         the vendor API's base URL (the sandbox's for the sandbox)
 * @param apiKey          the API key, or for Twilio the auth token
 * @param settings        other vendor settings (Twilio account SID, Vapi server secret…)
 * @param organizationOwned whether the organization brought these credentials itself
 */
public record ProviderAccount(String provider, URI baseUrl, String apiKey, Map<String, String> settings,
                              boolean organizationOwned) {

    public ProviderAccount {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    public String setting(String name) {
        return settings.get(name);
    }

    @Override
    public String toString() {
        return "ProviderAccount[" + provider + " at " + baseUrl + (organizationOwned ? ", organization's own" : "") + "]";
    }
}
