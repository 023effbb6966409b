package dev.switchboard.identity;

import dev.switchboard.platform.ApiProblem;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Access to the {@link Actor} of the current request. */
public final class Actors {

    private Actors() {
    }

    public static Optional<Actor> current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof Actor actor) {
            return Optional.of(actor);
        }
        return Optional.empty();
    }

    /** The current actor; answers 401 when the request is anonymous. */
    public static Actor require() {
        return current().orElseThrow(() -> ApiProblem.unauthorized("unauthenticated",
                "Sign in, or send an access token or API key, to use this endpoint."));
    }

    /** The current actor, who must hold {@code permission}; answers 403 otherwise. */
    public static Actor requirePermission(Permission permission) {
        Actor actor = require();
        if (!actor.can(permission)) {
            throw ApiProblem.forbidden(describe(actor, permission));
        }
        return actor;
    }

    static String describe(Actor actor, Permission permission) {
        if (actor.method() == Actor.AuthMethod.API_KEY) {
            return "This API key lacks the scope '" + permission.scope() + "'. Create a key with that scope.";
        }
        return "Your role (" + (actor.role() == null ? "none" : actor.role().code()) + ") does not allow this; it needs '"
                + permission.scope() + "'. Ask an administrator of your organization.";
    }
}
