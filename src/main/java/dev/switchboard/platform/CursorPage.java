package dev.switchboard.platform;

import java.util.List;

/**
 * One page of a list endpoint: the items and, when more follow, the opaque cursor that
 * fetches the next page ({@code ?cursor=...}). See docs/api-conventions.md.
 *
 * @param items      the items of this page, in the requested order
 * @param nextCursor the cursor of the next page, or null on the last page
 */
public record CursorPage<T>(List<T> items, String nextCursor) {

    public CursorPage {
        items = List.copyOf(items);
    }

    /**
     * Builds a page from {@code limit + 1} fetched rows: the extra row only tells that another
     * page exists, and the cursor is made from the last item kept.
     */
    public static <T> CursorPage<T> of(List<T> fetched, int limit, java.util.function.Function<T, String> cursorOf) {
        if (fetched.size() > limit) {
            List<T> kept = fetched.subList(0, limit);
            return new CursorPage<>(kept, cursorOf.apply(kept.get(limit - 1)));
        }
        return new CursorPage<>(fetched, null);
    }
}
