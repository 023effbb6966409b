package dev.switchboard.web;

import java.time.Instant;
import java.util.List;

/**
 * The integrations page ({@code settings/integrations}): admins connect their own account of a
 * provider with {@code POST /settings/integrations/{provider}} ({@code apiKey}, and
 * {@code accountSid} for Twilio) and go back to the platform's with
 * {@code POST /settings/integrations/{provider}/disconnect}.
 *
 * @param providers one card per provider
 * @param canManage whether the viewer may change them (admins only)
 */
public record IntegrationsView(List<Provider> providers, boolean canManage) {

    /**
     * A provider and how the organization uses it.
     *
     * @param code        retell, vapi or twilio
     * @param name        its name as shown
     * @param own         whether the organization uses its own account
     * @param keyLastFour the last four characters of its key, or null
     * @param checkedAt   when the key was last accepted by the provider, or null
     * @param platformAvailable whether the platform has an account for it
     * @param accountSid  the account SID typed or stored (Twilio), or null
     * @param errors      what was wrong with the last connection attempt
     */
    public record Provider(String code, String name, boolean own, String keyLastFour, Instant checkedAt,
                           boolean platformAvailable, String accountSid, FormErrors errors) {

        public Provider {
            errors = errors == null ? FormErrors.none() : errors;
        }

        public boolean needsAccountSid() {
            return "twilio".equals(code);
        }
    }

    public IntegrationsView {
        providers = providers == null ? List.of() : List.copyOf(providers);
    }
}
