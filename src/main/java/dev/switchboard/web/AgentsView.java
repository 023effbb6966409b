package dev.switchboard.web;

import java.time.Instant;
import java.util.List;

/**
 * The agents list ({@code app/agents}): filtered by {@code status}, {@code type} and a name
 * search {@code q}, sorted by {@code sort} ({@code name}, {@code -name}, {@code updatedAt},
 * {@code -updatedAt}) and paged by cursor.
 *
 * @param agents     the agents of this page
 * @param filter     the filter and sort asked for
 * @param statuses   the statuses to filter by
 * @param types      the types to filter by
 * @param sortLinks  the address that sorts by name and by update time (filters kept)
 * @param pagination the "Newer / Older" links
 * @param canManage  whether the viewer may create and change agents
 */
public record AgentsView(List<Row> agents, Filter filter, List<SelectOption> statuses, List<SelectOption> types,
                         SortLinks sortLinks, Pagination pagination, boolean canManage) {

    /**
     * One agent in the list.
     *
     * @param id         the agent's id
     * @param name       its name
     * @param type       its type (sales, support…)
     * @param status     draft, active or inactive
     * @param syncStatus pending, synced or failed
     * @param syncError  the provider's message when the sync failed, or null
     * @param updatedAt  when it was last changed
     */
    public record Row(String id, String name, String type, String status, String syncStatus, String syncError,
                      Instant updatedAt) {
    }

    /**
     * The list's filter.
     *
     * @param status the status, or null for all
     * @param type   the type, or null for all
     * @param q      the name search, or null
     * @param sort   the sort, never null
     */
    public record Filter(String status, String type, String q, String sort) {

        public boolean isEmpty() {
            return blank(status) && blank(type) && blank(q);
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }
    }

    /**
     * Links of the sortable column headers.
     *
     * @param name    the address sorting by name (reversed when already sorted by name)
     * @param updated the address sorting by update time (reversed when already sorted by it)
     */
    public record SortLinks(String name, String updated) {
    }

    public AgentsView {
        agents = agents == null ? List.of() : List.copyOf(agents);
        pagination = pagination == null ? Pagination.singlePage() : pagination;
    }
}
