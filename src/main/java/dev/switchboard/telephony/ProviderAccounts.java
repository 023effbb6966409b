package dev.switchboard.telephony;

/**
 * Resolves the credentials the organization in scope uses with each provider: its own when it
 * brought them (BYOC), otherwise the platform's single account for that vendor, otherwise the
 * embedded sandbox. Nothing is copied per organization from the platform's accounts.
 */
public interface ProviderAccounts {

    /** The voice-AI account: the organization's own Retell or Vapi key, else the platform default. */
    ProviderAccount voiceAccount();

    /** The carrier account: the organization's own Twilio credentials, else the platform's, else the sandbox. */
    ProviderAccount telephonyAccount();

    /**
     * The keys a webhook from {@code provider} may be signed with: the platform's account, the
     * sandbox (for Retell-compatible webhooks), and the organization's own when one is given.
     */
    java.util.List<String> signingKeys(String provider, java.util.UUID organizationId);
}
