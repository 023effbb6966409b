package dev.switchboard.identity.internal.member;

import dev.switchboard.identity.Role;
import dev.switchboard.platform.ApiProblem;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Reads a role as users and API clients spell it ({@code admin}, {@code manager}, {@code viewer}). */
public final class RoleInput {

    private RoleInput() {
    }

    /** The role named by {@code value}; a 422 naming {@code field} and the valid roles otherwise. */
    public static Role require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiProblem.validation(field, "is required; use one of " + valid());
        }
        return Role.fromCode(value).orElseThrow(() -> ApiProblem.validation(field, "must be one of " + valid()));
    }

    static String valid() {
        return Arrays.stream(Role.values()).map(Role::code).collect(Collectors.joining(", "));
    }
}
