package dev.switchboard.web;

import java.time.Instant;
import java.util.List;

/**
 * The API keys page ({@code settings/api-keys}). Creating posts {@code name}, {@code scopes}
 * (repeated) and {@code expiresInDays} to {@code POST /settings/api-keys}; the answer shows the
 * new secret once. Rotating posts to {@code POST /settings/api-keys/{id}/rotate} (a new secret,
 * shown once, the old one revoked) and revoking to {@code POST /settings/api-keys/{id}/revoke}.
 *
 * @param keys      the organization's keys, newest first
 * @param scopes    the scopes a key can be given, with their check state for the create form
 * @param expiries  the choices of lifetime (value: days, "" for never)
 * @param created   the key just created or rotated, whose secret is shown once; null otherwise
 * @param name      the create form's name to prefill (after an error), or null
 * @param expiry    the create form's lifetime to preselect, or null
 * @param errors    what was wrong with the last create request
 * @param canManage whether the viewer may create, rotate and revoke (admins only)
 */
public record ApiKeysView(
        List<ApiKey> keys,
        List<Scope> scopes,
        List<SelectOption> expiries,
        CreatedKey created,
        String name,
        String expiry,
        FormErrors errors,
        boolean canManage) {

    /** Whether a key can still be used. */
    public enum Status {
        ACTIVE, EXPIRED, REVOKED
    }

    /**
     * One API key; its secret is never shown again, only its prefix.
     *
     * @param id         the key's id
     * @param name       what it is for ("Zapier production")
     * @param prefix     the first characters of the secret, to recognise it ("sb_live_3kF9")
     * @param scopes     what it may do
     * @param createdAt  when it was created
     * @param lastUsedAt when it last authenticated a request, or null if never
     * @param expiresAt  when it stops working, or null if never
     * @param status     whether it still works
     */
    public record ApiKey(
            String id,
            String name,
            String prefix,
            List<String> scopes,
            Instant createdAt,
            Instant lastUsedAt,
            Instant expiresAt,
            Status status) {

        public ApiKey {
            scopes = scopes == null ? List.of() : List.copyOf(scopes);
        }
    }

    /**
     * A scope a key can be given.
     *
     * @param value       the scope ("calls:read")
     * @param description what it allows
     * @param checked     whether the create form has it ticked
     */
    public record Scope(String value, String description, boolean checked) {
    }

    /**
     * A key whose secret is shown this once.
     *
     * @param name   the key's name
     * @param secret the full secret
     */
    public record CreatedKey(String name, String secret) {
    }

    public ApiKeysView {
        keys = keys == null ? List.of() : List.copyOf(keys);
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        expiries = expiries == null ? List.of() : List.copyOf(expiries);
        errors = errors == null ? FormErrors.none() : errors;
    }
}
