package dev.switchboard.telephony;

/**
 * Checks credentials against the vendor before they are saved. Implemented by the module that
 * holds each vendor's adapter (voice-AI vendors in {@code agents}, carriers here).
 */
public interface CredentialCheck {

    /** Whether this check handles {@code provider}. */
    boolean supports(String provider);

    /** Throws {@link ProviderException} (UNAUTHORIZED when the vendor refuses the credentials). */
    void check(ProviderAccount account);
}
