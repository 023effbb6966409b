package dev.switchboard.identity.internal.web;

import dev.switchboard.identity.internal.admin.ImpersonationService;
import dev.switchboard.identity.internal.admin.PlatformAdminService;
import dev.switchboard.identity.internal.audit.RequestOrigin;
import dev.switchboard.identity.internal.credentials.Sessions;
import dev.switchboard.platform.CursorPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Platform administration: organizations, users, counts and impersonation. */
@RestController
@Tag(name = "Platform administration")
class AdminApiController {

    record PlanRequest(String planTier) {
    }

    record ImpersonationResponse(UUID userId, Instant endsAt) {
    }

    private final PlatformAdminService admin;
    private final ImpersonationService impersonation;
    private final SessionCookies cookies;

    AdminApiController(PlatformAdminService admin, ImpersonationService impersonation, SessionCookies cookies) {
        this.admin = admin;
        this.impersonation = impersonation;
        this.cookies = cookies;
    }

    @GetMapping("/api/v1/admin/organizations")
    @Operation(summary = "Every organization (audited cross-organization read)")
    CursorPage<PlatformAdminService.OrganizationSummary> organizations(@RequestParam(required = false) String q,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return admin.organizations(q, limit, cursor);
    }

    @PatchMapping("/api/v1/admin/organizations/{id}")
    @Operation(summary = "Change an organization's plan tier")
    ResponseEntity<Void> changePlan(@PathVariable UUID id, @RequestBody PlanRequest body) {
        admin.changePlanTier(id, body.planTier());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/admin/users")
    @Operation(summary = "Every user with their organizations (audited cross-organization read)")
    CursorPage<PlatformAdminService.UserSummary> users(@RequestParam(required = false) String q,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return admin.users(q, limit, cursor);
    }

    @GetMapping("/api/v1/admin/analytics")
    @Operation(summary = "Platform-wide counts")
    Map<String, Long> analytics() {
        return admin.analytics();
    }

    @PostMapping("/api/v1/admin/impersonations")
    @Operation(summary = "Act as a user in this browser session, with a reason, for at most 60 minutes")
    ImpersonationResponse impersonate(@RequestBody ImpersonationService.Start body, HttpServletRequest request,
                                      HttpServletResponse response) {
        RequestOrigin origin = RequestOrigin.of(request);
        Sessions.Issued issued = impersonation.start(body, origin.ip(), origin.userAgent());
        cookies.read(request, SessionCookies.SESSION).ifPresent(own ->
                cookies.write(response, SessionCookies.ORIGIN, own, Duration.ofHours(2)));
        cookies.write(response, SessionCookies.SESSION, issued.token(), Duration.between(Instant.now(), issued.expiresAt()));
        return new ImpersonationResponse(body.userId(), issued.expiresAt());
    }

    @PostMapping("/api/v1/impersonation/stop")
    @Operation(summary = "Stop acting as another user and return to your own session")
    ResponseEntity<Void> stop(HttpServletRequest request, HttpServletResponse response) {
        if (impersonation.stop()) {
            var origin = cookies.read(request, SessionCookies.ORIGIN);
            cookies.clear(response, SessionCookies.ORIGIN);
            if (origin.isPresent()) {
                cookies.write(response, SessionCookies.SESSION, origin.get(), Duration.ofDays(1));
            } else {
                cookies.clear(response, SessionCookies.SESSION);
            }
        }
        return ResponseEntity.noContent().build();
    }
}
