package dev.switchboard.identity.internal.web;

import dev.switchboard.identity.Permission;
import dev.switchboard.identity.RequiresPermission;
import dev.switchboard.identity.internal.member.MemberService;
import dev.switchboard.platform.CursorPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The members of the caller's organization and their roles. */
@RestController
@RequestMapping("/api/v1/organization/members")
@Tag(name = "Members", description = "Who belongs to the organization, with which role")
class MemberApiController {

    record MemberResponse(UUID userId, String email, String fullName, String role, Instant joinedAt, Instant lastSignInAt) {
    }

    record RoleChange(String role) {
    }

    private final MemberService members;

    MemberApiController(MemberService members) {
        this.members = members;
    }

    @GetMapping
    @RequiresPermission(Permission.ORGANIZATION_READ)
    @Operation(summary = "List the members in the order they joined (any member)")
    CursorPage<MemberResponse> list(
            @Parameter(description = "Only members with this role: admin, manager or viewer") @RequestParam(required = false) String role,
            @Parameter(description = "Text to find in e-mail addresses and names") @RequestParam(required = false) String q,
            @Parameter(description = "Page size, 1 to 200 (default 50)") @RequestParam(required = false) Integer limit,
            @Parameter(description = "The nextCursor of the previous page") @RequestParam(required = false) String cursor) {
        CursorPage<MemberService.Member> page = members.list(new MemberService.MemberQuery(role, q, limit, cursor));
        return new CursorPage<>(page.items().stream().map(MemberApiController::view).toList(), page.nextCursor());
    }

    @GetMapping("/{userId}")
    @RequiresPermission(Permission.ORGANIZATION_READ)
    @Operation(summary = "One member (any member)")
    MemberResponse get(@PathVariable UUID userId) {
        return view(members.find(userId));
    }

    @PatchMapping("/{userId}")
    @RequiresPermission(Permission.MEMBERS_MANAGE)
    @Operation(summary = "Change a member's role",
            description = "Needs members:manage. The last administrator cannot be demoted (409 last-admin).")
    MemberResponse changeRole(@PathVariable UUID userId, @RequestBody RoleChange body) {
        return view(members.changeRole(userId, body.role()));
    }

    @DeleteMapping("/{userId}")
    @RequiresPermission(Permission.MEMBERS_MANAGE)
    @Operation(summary = "Remove a member from the organization (yourself included)",
            description = "Needs members:manage. The account itself stays. The last administrator cannot be removed "
                    + "(409 last-admin).")
    ResponseEntity<Void> remove(@PathVariable UUID userId) {
        members.remove(userId);
        return ResponseEntity.noContent().build();
    }

    private static MemberResponse view(MemberService.Member m) {
        return new MemberResponse(m.userId(), m.email(), m.fullName(), m.role().code(), m.joinedAt(), m.lastSignInAt());
    }
}
