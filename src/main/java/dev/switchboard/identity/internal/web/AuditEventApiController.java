package dev.switchboard.identity.internal.web;

import dev.switchboard.identity.Permission;
import dev.switchboard.identity.RequiresPermission;
import dev.switchboard.identity.internal.audit.AuditEventService;
import dev.switchboard.platform.CursorPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The organization's audit log. */
@RestController
@RequestMapping("/api/v1/audit-events")
@Tag(name = "Audit log", description = "Who did what in the organization, when and from where")
class AuditEventApiController {

    record ActorView(UUID userId, String label) {
    }

    record TargetView(String type, String id) {
    }

    record AuditEventResponse(UUID id, Instant occurredAt, ActorView actor, UUID impersonatorUserId, String action,
                              TargetView target, String ip, String userAgent, String requestId, Map<String, Object> details) {
    }

    private final AuditEventService events;

    AuditEventApiController(AuditEventService events) {
        this.events = events;
    }

    @GetMapping
    @RequiresPermission(Permission.AUDIT_READ)
    @Operation(summary = "List audit events, newest first", description = "Needs audit:read. Every filter is optional.")
    CursorPage<AuditEventResponse> list(
            @Parameter(description = "An action or its beginning, such as 'member.'") @RequestParam(required = false) String action,
            @Parameter(description = "Only events done by this user") @RequestParam(required = false) UUID actorUserId,
            @Parameter(description = "Only events whose actor's e-mail address or name contains this text") @RequestParam(required = false) String actor,
            @Parameter(description = "Only events on this kind of object, such as 'user'") @RequestParam(required = false) String targetType,
            @Parameter(description = "Only events on this object") @RequestParam(required = false) String targetId,
            @Parameter(description = "Only events at or after this ISO-8601 instant") @RequestParam(required = false) Instant from,
            @Parameter(description = "Only events before this ISO-8601 instant") @RequestParam(required = false) Instant to,
            @Parameter(description = "Page size, 1 to 200 (default 50)") @RequestParam(required = false) Integer limit,
            @Parameter(description = "The nextCursor of the previous page") @RequestParam(required = false) String cursor) {
        CursorPage<AuditEventService.AuditEvent> page = events.search(new AuditEventService.AuditEventQuery(action,
                actorUserId, actor, targetType, targetId, from, to, limit, cursor));
        return new CursorPage<>(page.items().stream().map(AuditEventApiController::view).toList(), page.nextCursor());
    }

    private static AuditEventResponse view(AuditEventService.AuditEvent e) {
        return new AuditEventResponse(e.id(), e.occurredAt(), new ActorView(e.actorUserId(), e.actorLabel()),
                e.impersonatorUserId(), e.action(), new TargetView(e.targetType(), e.targetId()), e.ip(), e.userAgent(),
                e.requestId(), e.details());
    }
}
