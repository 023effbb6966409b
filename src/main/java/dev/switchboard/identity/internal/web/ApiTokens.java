package dev.switchboard.identity.internal.web;

import dev.switchboard.identity.internal.account.AccountService;
import dev.switchboard.identity.internal.credentials.AccessTokens;
import dev.switchboard.identity.internal.credentials.RefreshTokens;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Issues the access and refresh tokens that API clients get when they sign in or join an organization. */
@Component
class ApiTokens {

    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;

    ApiTokens(AccessTokens accessTokens, RefreshTokens refreshTokens) {
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
    }

    /** A new token family for the organization the user signed in to. */
    AuthApiController.TokenResponse issue(AccountService.SignedIn signedIn) {
        RefreshTokens.Issued refresh = refreshTokens.issue(signedIn.userId(), signedIn.organizationId());
        return response(signedIn, signedIn.organizationId(), refresh);
    }

    AuthApiController.TokenResponse response(AccountService.SignedIn who, UUID organizationId, RefreshTokens.Issued refresh) {
        String access = accessTokens.issue(who.userId(), organizationId, refresh.familyId());
        List<AuthApiController.OrganizationView> all = who.memberships().stream().map(AuthApiController::view).toList();
        AuthApiController.OrganizationView current = all.stream().filter(o -> o.id().equals(organizationId)).findFirst()
                .orElse(null);
        return new AuthApiController.TokenResponse(access, "Bearer", accessTokens.ttlSeconds(), refresh.token(),
                who.userId(), who.email(), current, all);
    }
}
