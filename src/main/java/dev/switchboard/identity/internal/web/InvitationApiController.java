package dev.switchboard.identity.internal.web;

import dev.switchboard.identity.Permission;
import dev.switchboard.identity.RequiresPermission;
import dev.switchboard.identity.internal.invitation.InvitationService;
import dev.switchboard.platform.CursorPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Invitations: administrators invite, list and revoke; the invited person, holding the token
 * from the e-mailed link, looks at the invitation and accepts it without being a member yet.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Invitations", description = "Inviting people to join the organization, and joining by invitation")
class InvitationApiController {

    record InviteRequest(String email, String role) {
    }

    record Inviter(UUID userId, String name) {
    }

    record InvitationResponse(UUID id, String email, String role, Inviter invitedBy, Instant createdAt, Instant expiresAt) {
    }

    record PreviewResponse(String organizationName, String email, String role, Instant expiresAt, boolean accountExists) {
    }

    /** Needed only when no account has the invited e-mail address yet. */
    record AcceptRequest(String fullName, String password) {
    }

    private final InvitationService invitations;
    private final ApiTokens tokens;

    InvitationApiController(InvitationService invitations, ApiTokens tokens) {
        this.invitations = invitations;
        this.tokens = tokens;
    }

    @PostMapping("/organization/invitations")
    @RequiresPermission(Permission.MEMBERS_MANAGE)
    @Operation(summary = "Invite an e-mail address to join with a role",
            description = "Needs members:manage. The invitation is valid for 7 days and is sent to the address. "
                    + "Inviting an address again replaces its pending invitation; inviting a member answers 409.")
    ResponseEntity<InvitationResponse> invite(@RequestBody InviteRequest body) {
        InvitationService.Invitation created = invitations.invite(new InvitationService.InviteMember(body.email(), body.role()));
        return ResponseEntity.status(HttpStatus.CREATED).body(view(created));
    }

    @GetMapping("/organization/invitations")
    @RequiresPermission(Permission.MEMBERS_MANAGE)
    @Operation(summary = "List pending invitations, newest first", description = "Needs members:manage.")
    CursorPage<InvitationResponse> pending(
            @Parameter(description = "Page size, 1 to 200 (default 50)") @RequestParam(required = false) Integer limit,
            @Parameter(description = "The nextCursor of the previous page") @RequestParam(required = false) String cursor) {
        CursorPage<InvitationService.Invitation> page = invitations.pending(limit, cursor);
        return new CursorPage<>(page.items().stream().map(InvitationApiController::view).toList(), page.nextCursor());
    }

    @DeleteMapping("/organization/invitations/{invitationId}")
    @RequiresPermission(Permission.MEMBERS_MANAGE)
    @Operation(summary = "Revoke a pending invitation so that its link stops working", description = "Needs members:manage.")
    ResponseEntity<Void> revoke(@PathVariable UUID invitationId) {
        invitations.revoke(invitationId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/invitations/{token}")
    @Operation(summary = "Look at an invitation by the token from its link (no sign-in needed)",
            description = "Answers 404 for an unknown token and 410 for an expired, revoked or used invitation.")
    PreviewResponse preview(@PathVariable String token, HttpServletRequest request) {
        InvitationService.InvitationPreview p = invitations.preview(token, request.getRemoteAddr());
        return new PreviewResponse(p.organizationName(), p.email(), p.role().code(), p.expiresAt(), p.accountExists());
    }

    @PostMapping("/invitations/{token}/accept")
    @Operation(summary = "Accept an invitation and receive tokens for the organization",
            description = "When no account has the invited address, send fullName and password to create it (201). "
                    + "When one does, call this signed in as that account (200); otherwise 401 or 403.")
    ResponseEntity<AuthApiController.TokenResponse> accept(@PathVariable String token,
                                                            @RequestBody(required = false) AcceptRequest body,
                                                            HttpServletRequest request) {
        AcceptRequest given = body == null ? new AcceptRequest(null, null) : body;
        InvitationService.Accepted accepted = invitations.accept(
                new InvitationService.AcceptInvitation(token, given.fullName(), given.password()), request.getRemoteAddr());
        return ResponseEntity.status(accepted.accountCreated() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(tokens.issue(accepted.signedIn()));
    }

    private static InvitationResponse view(InvitationService.Invitation i) {
        return new InvitationResponse(i.id(), i.email(), i.role().code(), new Inviter(i.invitedByUserId(), i.invitedByName()),
                i.createdAt(), i.expiresAt());
    }
}
