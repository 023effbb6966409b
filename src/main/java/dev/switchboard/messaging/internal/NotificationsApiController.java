package dev.switchboard.messaging.internal;

import dev.switchboard.identity.Permission;
import dev.switchboard.identity.RequiresPermission;
import dev.switchboard.platform.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Who receives the organization's notification e-mails, and what was sent. */
@RestController
@RequestMapping("/api/v1/organization/notifications")
@Tag(name = "Notifications", description = "E-mail notification recipients and the log of notifications sent")
class NotificationsApiController {

    /**
     * @param recipients        the chosen addresses; empty: the organization's admins
     * @param effectiveRecipients who receives notifications now
     */
    record PreferencesResponse(List<String> recipients, List<String> effectiveRecipients, boolean campaignStarted,
                               boolean campaignCompleted, boolean campaignFailed) {
    }

    record DeliveriesResponse(List<NotificationDeliveries.Delivery> data) {
    }

    private final NotificationPreferences preferences;
    private final NotificationDeliveries deliveries;

    NotificationsApiController(NotificationPreferences preferences, NotificationDeliveries deliveries) {
        this.preferences = preferences;
        this.deliveries = deliveries;
    }

    @GetMapping
    @RequiresPermission(Permission.ORGANIZATION_READ)
    @Operation(summary = "The notification recipients and which events send e-mail (any member)")
    PreferencesResponse get() {
        return view(preferences.current());
    }

    @PutMapping
    @RequiresPermission(Permission.SETTINGS_MANAGE)
    @Operation(summary = "Choose the notification recipients and events",
            description = "Needs settings:manage. Fields left out keep their value; an empty recipients list means "
                    + "the organization's admins. At most 20 addresses. Audited.")
    PreferencesResponse put(@RequestBody NotificationPreferences.Change body) {
        return view(preferences.change(body));
    }

    @GetMapping("/deliveries")
    @RequiresPermission(Permission.ORGANIZATION_READ)
    @Operation(summary = "The most recent notification e-mails, newest first, with their delivery status")
    DeliveriesResponse deliveries(@RequestParam(required = false) Integer limit) {
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > 200) {
            throw ApiProblem.validation("limit", "must be between 1 and 200");
        }
        return new DeliveriesResponse(deliveries.recent(size));
    }

    private static PreferencesResponse view(NotificationPreferences.Preferences p) {
        return new PreferencesResponse(p.recipients(), p.effectiveRecipients(),
                p.enabled(NotificationPreferences.Event.CAMPAIGN_STARTED),
                p.enabled(NotificationPreferences.Event.CAMPAIGN_COMPLETED),
                p.enabled(NotificationPreferences.Event.CAMPAIGN_FAILED));
    }
}
