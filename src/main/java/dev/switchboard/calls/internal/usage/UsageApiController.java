package dev.switchboard.calls.internal.usage;

import dev.switchboard.identity.Permission;
import dev.switchboard.identity.RequiresPermission;
import dev.switchboard.platform.CursorPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The organization's call usage, its cost, and the billing settings behind it. */
@RestController
@Tag(name = "Usage and billing", description = "Call minutes, their cost at the organization's rate, and that rate")
class UsageApiController {

    private final UsageService usage;

    UsageApiController(UsageService usage) {
        this.usage = usage;
    }

    @GetMapping("/api/v1/usage")
    @RequiresPermission(Permission.ORGANIZATION_READ)
    @Operation(summary = "Month to date, all-time totals and a daily breakdown (from, to: local dates, default this month)",
            description = "Days and months are the organization's local ones. The range may span up to 366 days.")
    UsageService.Summary summary(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return usage.summary(from, to);
    }

    @GetMapping("/api/v1/usage/history")
    @RequiresPermission(Permission.ORGANIZATION_READ)
    @Operation(summary = "Billed calls, most recently ended first (limit 1–200, default 50; cursor from nextCursor)")
    CursorPage<UsageService.Entry> history(@RequestParam(required = false) Integer limit,
                                           @RequestParam(required = false) String cursor) {
        return usage.history(limit, cursor);
    }

    @GetMapping("/api/v1/organization/billing")
    @RequiresPermission(Permission.ORGANIZATION_READ)
    @Operation(summary = "The price of a call minute in USD and the increment calls are billed in (any member)")
    UsageService.Settings billing() {
        return usage.billing();
    }

    @PutMapping("/api/v1/organization/billing")
    @RequiresPermission(Permission.BILLING_MANAGE)
    @Operation(summary = "Set the price of a call minute (0–100 USD, up to 4 decimals) and the increment (second or minute)",
            description = "Needs billing:manage (administrators). Applies to calls that end afterwards; calls billed "
                    + "before keep the rate they were billed at. Audited.")
    UsageService.Settings changeBilling(@RequestBody(required = false) UsageService.ChangeBilling body) {
        return usage.changeBilling(body);
    }
}
