package dev.switchboard.campaigns.internal.compliance;

import dev.switchboard.identity.Permission;
import dev.switchboard.identity.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The organization's calling rules for campaigns. */
@RestController
@Tag(name = "Campaigns")
class ComplianceApiController {

    private final Compliance compliance;

    ComplianceApiController(Compliance compliance) {
        this.compliance = compliance;
    }

    @GetMapping("/api/v1/campaign-compliance")
    @RequiresPermission(Permission.ORGANIZATION_READ)
    @Operation(summary = "Calling rules: hours in the callee's local time, do-not-call handling, attempts per contact")
    Compliance.Settings get() {
        return compliance.current();
    }

    @PutMapping("/api/v1/campaign-compliance")
    @RequiresPermission(Permission.SETTINGS_MANAGE)
    @Operation(summary = "Change calling rules (fields left out stay as they are); audited")
    Compliance.Settings change(@RequestBody(required = false) Compliance.Settings settings) {
        return compliance.change(settings);
    }
}
