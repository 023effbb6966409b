package dev.switchboard.web;

import java.time.Instant;
import java.util.List;

/**
 * The platform admin's list of users ({@code admin/users}), searched with the query parameter
 * {@code q}. "Impersonate" opens a dialog posting {@code reason} (required) and {@code minutes}
 * (1 to {@code maxImpersonationMinutes}) to {@code POST /admin/users/{id}/impersonate}.
 *
 * @param users                   the users of this page
 * @param query                   the search text, or null
 * @param pagination              links to the neighbouring pages
 * @param maxImpersonationMinutes the longest impersonation allowed (60)
 */
public record AdminUsersView(List<User> users, String query, Pagination pagination, int maxImpersonationMinutes) {

    /**
     * One user.
     *
     * @param id            their id
     * @param displayName   their name
     * @param email         their e-mail address
     * @param organizations the names of the organizations they belong to
     * @param platformAdmin whether they are a platform admin (who cannot be impersonated)
     * @param lastSignInAt  when they last signed in, or null if never
     * @param disabled      whether their account is disabled
     */
    public record User(
            String id,
            String displayName,
            String email,
            List<String> organizations,
            boolean platformAdmin,
            Instant lastSignInAt,
            boolean disabled) {

        public User {
            organizations = organizations == null ? List.of() : List.copyOf(organizations);
        }

        /** Whether an admin may act as this user: acting needs an organization to act in. */
        public boolean impersonable() {
            return !platformAdmin && !disabled && !organizations.isEmpty();
        }
    }

    public AdminUsersView {
        users = users == null ? List.of() : List.copyOf(users);
        pagination = pagination == null ? Pagination.singlePage() : pagination;
        if (maxImpersonationMinutes <= 0 || maxImpersonationMinutes > 60) {
            maxImpersonationMinutes = 60;
        }
    }
}
