package dev.switchboard.identity.internal.web;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.Actors;
import dev.switchboard.identity.AuditEntry;
import dev.switchboard.identity.AuditLog;
import dev.switchboard.identity.internal.account.AccountService;
import dev.switchboard.identity.internal.account.CredentialRecovery;
import dev.switchboard.identity.internal.account.Memberships;
import dev.switchboard.identity.internal.credentials.RefreshTokens;
import dev.switchboard.platform.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Sign-up, sign-in and token refresh for API clients (browser pages use cookie sessions). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Authentication")
class AuthApiController {

    record SignUpRequest(String organizationName, String fullName, String email, String password, String timeZone) {
    }

    record SignInRequest(String email, String password, UUID organizationId) {
    }

    record RefreshRequest(@NotBlank(message = "is required") String refreshToken) {
    }

    record SignOutRequest(String refreshToken) {
    }

    record ResetRequest(String email) {
    }

    record ResetConfirmation(String token, String password) {
    }

    record EmailChangeRequest(String newEmail, String currentPassword) {
    }

    record EmailChangeConfirmation(String token) {
    }

    record PasswordChange(String currentPassword, String newPassword) {
    }

    record Accepted(String message) {
    }

    record OrganizationView(UUID id, String name, String role) {
    }

    record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken, UUID userId,
                         String email, OrganizationView organization, List<OrganizationView> organizations) {
    }

    record MeResponse(UUID userId, String email, OrganizationView organization, List<String> permissions,
                      boolean platformAdmin, String authenticatedWith, List<OrganizationView> organizations) {
    }

    private final AccountService accounts;
    private final ApiTokens tokens;
    private final RefreshTokens refreshTokens;
    private final Memberships memberships;
    private final AuditLog audit;
    private final CredentialRecovery recovery;

    AuthApiController(AccountService accounts, ApiTokens tokens, RefreshTokens refreshTokens, Memberships memberships,
                      AuditLog audit, CredentialRecovery recovery) {
        this.recovery = recovery;
        this.accounts = accounts;
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
        this.memberships = memberships;
        this.audit = audit;
    }

    @PostMapping("/auth/signup")
    @Operation(summary = "Create an organization and its first administrator, and sign in")
    ResponseEntity<TokenResponse> signUp(@RequestBody SignUpRequest body, HttpServletRequest request) {
        AccountService.SignedIn signedIn = accounts.signUp(new AccountService.SignUp(body.organizationName(),
                body.fullName(), body.email(), body.password(), body.timeZone()), request.getRemoteAddr());
        return ResponseEntity.status(HttpStatus.CREATED).body(tokens.issue(signedIn));
    }

    @PostMapping("/auth/signin")
    @Operation(summary = "Exchange e-mail and password for an access token and a refresh token")
    TokenResponse signIn(@RequestBody SignInRequest body, HttpServletRequest request) {
        AccountService.SignedIn signedIn = accounts.signIn(body.email(), body.password(), body.organizationId(),
                request.getRemoteAddr());
        if (signedIn.organizationId() == null) {
            throw ApiProblem.forbidden("Your account belongs to no organization yet. Accept an invitation, or use the "
                    + "web interface for platform administration.");
        }
        return tokens.issue(signedIn);
    }

    @PostMapping("/auth/refresh")
    @Operation(summary = "Exchange a refresh token for new tokens (the old refresh token stops working)")
    TokenResponse refresh(@Valid @RequestBody RefreshRequest body) {
        return switch (refreshTokens.rotate(body.refreshToken().trim())) {
            case RefreshTokens.Rotation.Rotated rotated -> {
                RefreshTokens.Issued next = rotated.next();
                AccountService.SignedIn who = accounts.reload(next.userId(), null);
                yield tokens.response(who, next.organizationId(), next);
            }
            case RefreshTokens.Rotation.Reused reused -> {
                audit.recordFor(reused.organizationId(), new AuditEntry("auth.refresh_token_reused", "user",
                        reused.userId().toString(), Map.of("family", reused.familyId().toString())));
                throw ApiProblem.unauthorized("refresh-token-reused", "This refresh token was already used, so every "
                        + "token issued with it has been revoked as a precaution. Sign in again.");
            }
            case RefreshTokens.Rotation.Invalid invalid -> throw ApiProblem.unauthorized("invalid-refresh-token",
                    "The refresh token is invalid, revoked or expired. Sign in again.");
        };
    }

    @PostMapping("/auth/signout")
    @Operation(summary = "Revoke a refresh token and every token issued with it")
    ResponseEntity<Void> signOut(@RequestBody(required = false) SignOutRequest body) {
        if (body != null && body.refreshToken() != null) {
            refreshTokens.revokeByToken(body.refreshToken().trim());
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/auth/password-reset")
    @Operation(summary = "E-mail a password reset link (the answer is the same whether or not the address has an account)")
    ResponseEntity<Accepted> requestReset(@RequestBody ResetRequest body, HttpServletRequest request) {
        recovery.requestPasswordReset(body.email(), request.getRemoteAddr());
        return ResponseEntity.accepted().body(new Accepted(
                "If an account uses this address, a reset link valid for one hour is on its way."));
    }

    @PostMapping("/auth/password-reset/confirm")
    @Operation(summary = "Set a new password with the token of a reset link; signs out every session")
    ResponseEntity<Void> confirmReset(@RequestBody ResetConfirmation body, HttpServletRequest request) {
        recovery.resetPassword(body.token(), body.password(), request.getRemoteAddr());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/auth/email-change/confirm")
    @Operation(summary = "Apply an e-mail change with the token from the confirmation link")
    ResponseEntity<Void> confirmEmailChange(@RequestBody EmailChangeConfirmation body) {
        recovery.confirmEmailChange(body.token());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/me/email-change")
    @Operation(summary = "Send a confirmation link to a new e-mail address")
    ResponseEntity<Accepted> requestEmailChange(@RequestBody EmailChangeRequest body) {
        recovery.requestEmailChange(body.newEmail(), body.currentPassword());
        return ResponseEntity.accepted().body(new Accepted("A confirmation link valid for one hour was sent to the new address."));
    }

    @PostMapping("/me/password")
    @Operation(summary = "Change your password")
    ResponseEntity<Void> changePassword(@RequestBody PasswordChange body) {
        recovery.changePassword(body.currentPassword(), body.newPassword());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/me")
    @Operation(summary = "Who the caller is, in which organization, with which permissions")
    MeResponse me() {
        Actor actor = Actors.require();
        List<OrganizationView> organizations = actor.userId() == null || actor.method() == Actor.AuthMethod.API_KEY
                ? List.of()
                : memberships.of(actor.userId()).stream().map(AuthApiController::view).toList();
        OrganizationView current = organizations.stream().filter(o -> o.id().equals(actor.organizationId())).findFirst()
                .orElse(actor.organizationId() == null ? null : new OrganizationView(actor.organizationId(), null, null));
        return new MeResponse(actor.userId(), actor.email(), current,
                actor.permissions().stream().map(p -> p.scope()).sorted().toList(), actor.platformAdmin(),
                actor.method().name().toLowerCase(java.util.Locale.ROOT), organizations);
    }

    static OrganizationView view(Memberships.OrganizationMembership m) {
        return new OrganizationView(m.organizationId(), m.organizationName(), m.role().code());
    }
}
