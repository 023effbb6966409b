package dev.switchboard.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The audit log ({@code settings/audit-log}), newest first, filtered with the query parameters
 * {@code actor}, {@code action}, {@code from} and {@code to} ({@code yyyy-MM-dd}).
 *
 * @param entries    the entries of this page
 * @param filter     the filter applied, echoed in the filter bar
 * @param actions    the actions to filter by
 * @param pagination links to newer and older entries
 */
public record AuditLogView(List<Entry> entries, Filter filter, List<SelectOption> actions, Pagination pagination) {

    /**
     * One audited action.
     *
     * @param id             the entry's id
     * @param at             when it happened
     * @param actor          who did it (name), or "System" for background work
     * @param actorEmail     their e-mail address, or null
     * @param impersonatedBy the platform admin who acted as {@code actor}, or null
     * @param action         what was done ("member.role_changed")
     * @param target         what it was done to ("ana@example.com"), or null
     * @param ipAddress      where the request came from, or null
     */
    public record Entry(
            String id,
            Instant at,
            String actor,
            String actorEmail,
            String impersonatedBy,
            String action,
            String target,
            String ipAddress) {
    }

    /**
     * The filter of the list; each part may be null.
     *
     * @param actor  part of an actor's name or e-mail
     * @param action an exact action
     * @param from   the first day included
     * @param to     the last day included
     */
    public record Filter(String actor, String action, LocalDate from, LocalDate to) {

        private static final Filter NONE = new Filter(null, null, null, null);

        public static Filter none() {
            return NONE;
        }

        public boolean isEmpty() {
            return (actor == null || actor.isBlank()) && (action == null || action.isBlank()) && from == null && to == null;
        }
    }

    public AuditLogView {
        entries = entries == null ? List.of() : List.copyOf(entries);
        filter = filter == null ? Filter.none() : filter;
        actions = actions == null ? List.of() : List.copyOf(actions);
        pagination = pagination == null ? Pagination.singlePage() : pagination;
    }
}
