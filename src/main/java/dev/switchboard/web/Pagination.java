package dev.switchboard.web;

/**
 * The "Newer / Older" bar under a cursor-paged list. Links are complete, filters included, so
 * templates never build query strings.
 *
 * @param newerHref the address of the previous (newer) page, or null on the first page
 * @param olderHref the address of the next (older) page, or null on the last page
 */
public record Pagination(String newerHref, String olderHref) {

    private static final Pagination SINGLE_PAGE = new Pagination(null, null);

    /** A list that fits on one page. */
    public static Pagination singlePage() {
        return SINGLE_PAGE;
    }

    public boolean hasNewer() {
        return newerHref != null;
    }

    public boolean hasOlder() {
        return olderHref != null;
    }
}
