package dev.switchboard.web;

import java.util.List;

/**
 * The organization settings page ({@code settings/organization}); admins post {@code name},
 * {@code timeZone} and {@code defaultPhoneRegion} to {@code POST /settings/organization}.
 *
 * @param name               the organization's name
 * @param timeZone           its time zone id ("Europe/Berlin")
 * @param defaultPhoneRegion its default region for phone numbers without a country code ("DE")
 * @param planTier           its plan, read-only here ("Growth")
 * @param timeZones          the time zones to choose from
 * @param phoneRegions       the regions to choose from
 * @param usagePeriod        the billing period the counters cover ("March 2026")
 * @param usage              the usage counters of that period
 * @param canEdit            whether the viewer may change the settings (admins only)
 * @param errors             what was wrong with the last submission
 */
public record OrganizationSettingsView(
        String name,
        String timeZone,
        String defaultPhoneRegion,
        String planTier,
        List<SelectOption> timeZones,
        List<SelectOption> phoneRegions,
        String usagePeriod,
        List<UsageMeter> usage,
        boolean canEdit,
        FormErrors errors) {

    public OrganizationSettingsView {
        timeZones = timeZones == null ? List.of() : List.copyOf(timeZones);
        phoneRegions = phoneRegions == null ? List.of() : List.copyOf(phoneRegions);
        usage = usage == null ? List.of() : List.copyOf(usage);
        errors = errors == null ? FormErrors.none() : errors;
    }
}
