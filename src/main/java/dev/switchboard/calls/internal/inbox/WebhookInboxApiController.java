package dev.switchboard.calls.internal.inbox;

import dev.switchboard.identity.Actors;
import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.Page;
import dev.switchboard.platform.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Provider webhooks that could not be processed, for platform administrators to inspect and replay. */
@RestController
@RequestMapping("/api/v1/admin/webhook-inbox")
@Tag(name = "Platform administration")
class WebhookInboxApiController {

    private final WebhookInboxAdmin inbox;

    WebhookInboxApiController(WebhookInboxAdmin inbox) {
        this.inbox = inbox;
    }

    @GetMapping
    @Operation(summary = "Failed or parked webhook events, newest first (status: parked, failed or all; page numbers from 1)")
    Page<WebhookInboxAdmin.Event> list(@RequestParam(defaultValue = "all") String status,
                                       @RequestParam(defaultValue = "1") int page,
                                       @RequestParam(defaultValue = "50") int size) {
        requirePlatformAdmin();
        return inbox.list(filter(status), pageRequest(page, size));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One webhook event with the raw body the provider sent (audited)")
    WebhookInboxAdmin.EventWithBody get(@PathVariable UUID id) {
        requirePlatformAdmin();
        return inbox.read(id);
    }

    @PostMapping("/{id}/replay")
    @Operation(summary = "Process a failed or parked event again now, with fresh attempts (audited)")
    WebhookInboxAdmin.Event replay(@PathVariable UUID id) {
        requirePlatformAdmin();
        inbox.replay(id);
        return inbox.find(id).orElseThrow(() -> ApiProblem.notFound("Webhook event " + id));
    }

    @PostMapping("/replay")
    @Operation(summary = "Replay every failed or parked event (status: parked, failed or all; up to 1,000 at a time)")
    Map<String, Integer> replayAll(@RequestParam(defaultValue = "all") String status) {
        requirePlatformAdmin();
        return Map.of("replayed", inbox.replayAll(filter(status)));
    }

    static WebhookInboxAdmin.Filter filter(String status) {
        return WebhookInboxAdmin.Filter.of(status)
                .orElseThrow(() -> ApiProblem.validation("status", "must be one of parked, failed, all"));
    }

    private static PageRequest pageRequest(int page, int size) {
        if (page < 1) {
            throw ApiProblem.validation("page", "must be 1 or more");
        }
        if (size < 1 || size > PageRequest.MAX_SIZE) {
            throw ApiProblem.validation("size", "must be between 1 and " + PageRequest.MAX_SIZE);
        }
        return new PageRequest(page - 1, size);
    }

    /** The security configuration keeps this path to platform administrators; checked again here. */
    static void requirePlatformAdmin() {
        if (!Actors.require().platformAdmin()) {
            throw ApiProblem.forbidden("Only platform administrators may use the webhook inbox.");
        }
    }
}
