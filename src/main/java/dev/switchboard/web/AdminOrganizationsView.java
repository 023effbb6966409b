package dev.switchboard.web;

import java.time.Instant;
import java.util.List;

/**
 * The platform admin's list of organizations ({@code admin/organizations}), searched with the
 * query parameter {@code q}.
 *
 * @param organizations the organizations of this page
 * @param query         the search text, or null
 * @param pagination    links to the neighbouring pages
 */
public record AdminOrganizationsView(List<Organization> organizations, String query, Pagination pagination) {

    /**
     * One organization.
     *
     * @param id        its id
     * @param name      its name
     * @param planTier  its plan
     * @param members   how many members it has
     * @param createdAt when it was created
     */
    public record Organization(String id, String name, String planTier, int members, Instant createdAt) {
    }

    public AdminOrganizationsView {
        organizations = organizations == null ? List.of() : List.copyOf(organizations);
        pagination = pagination == null ? Pagination.singlePage() : pagination;
    }
}
