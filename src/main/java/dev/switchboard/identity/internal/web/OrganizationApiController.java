package dev.switchboard.identity.internal.web;

import dev.switchboard.identity.Permission;
import dev.switchboard.identity.RequiresPermission;
import dev.switchboard.identity.internal.organization.OrganizationSettingsService;
import dev.switchboard.identity.internal.organization.Organizations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The settings of the caller's organization. */
@RestController
@RequestMapping("/api/v1/organization")
@Tag(name = "Organization", description = "The settings and usage of the caller's organization")
class OrganizationApiController {

    record Usage(BigDecimal minutesTotal, BigDecimal minutesMonthToDate, Instant lastResetAt) {
    }

    record OrganizationResponse(UUID id, String name, String timeZone, String defaultRegion, String planTier, Usage usage,
                                Instant createdAt) {
    }

    /** Fields left out (or null) keep their value. */
    record SettingsPatch(String name, String timeZone, String defaultRegion, String planTier) {
    }

    private final OrganizationSettingsService settings;

    OrganizationApiController(OrganizationSettingsService settings) {
        this.settings = settings;
    }

    @GetMapping
    @RequiresPermission(Permission.ORGANIZATION_READ)
    @Operation(summary = "The organization's settings, plan tier and usage (any member)")
    OrganizationResponse get() {
        return view(settings.current());
    }

    @PatchMapping
    @RequiresPermission(Permission.SETTINGS_MANAGE)
    @Operation(summary = "Change the organization's name, time zone or default phone region",
            description = "Needs settings:manage. Fields left out keep their value. The plan tier cannot be changed "
                    + "here: sending a different planTier answers 403.")
    OrganizationResponse patch(@RequestBody SettingsPatch body) {
        return view(settings.change(new OrganizationSettingsService.ChangeSettings(body.name(), body.timeZone(),
                body.defaultRegion(), body.planTier())));
    }

    private static OrganizationResponse view(Organizations.Organization o) {
        return new OrganizationResponse(o.id(), o.name(), o.timeZone(), o.defaultRegion(), o.planTier(),
                new Usage(o.usageMinutesTotal(), o.usageMinutesMonthToDate(), o.usageLastResetAt()), o.createdAt());
    }
}
