package dev.switchboard.identity.internal.organization;

import dev.switchboard.identity.CurrentOrganization;
import java.time.ZoneId;
import org.springframework.stereotype.Component;

/** Reads the current organization through the settings service, so its permission check applies. */
@Component
class CurrentOrganizationOverview implements CurrentOrganization {

    private final OrganizationSettingsService settings;

    CurrentOrganizationOverview(OrganizationSettingsService settings) {
        this.settings = settings;
    }

    @Override
    public Overview overview() {
        Organizations.Organization organization = settings.current();
        return new Overview(organization.name(), organization.planTier(), ZoneId.of(organization.timeZone()),
                organization.usageMinutesMonthToDate(), organization.usageMinutesTotal(), organization.createdAt());
    }
}
