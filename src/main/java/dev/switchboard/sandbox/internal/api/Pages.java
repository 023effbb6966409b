package dev.switchboard.sandbox.internal.api;

import dev.switchboard.sandbox.internal.http.ApiException;
import dev.switchboard.sandbox.internal.http.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Retell's cursor pagination: {@code limit} (default 50, at most 1000), {@code sort_order}
 * ({@code descending} by default) and an exclusive {@code pagination_key} (the id of the last item
 * seen); pages answer {@code {"items": […], "has_more": …, "pagination_key": …}}.
 */
final class Pages {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    private Pages() {
    }

    /**
     * @param items   in ascending order (oldest first)
     * @param idOf    reads an item's id, the pagination key
     */
    static <T> List<T> page(List<T> items, Function<T, String> idOf, Long limit, String paginationKey,
            String sortOrder) {
        List<T> ordered = new ArrayList<>(items);
        if (sortOrder == null || sortOrder.equals("descending")) {
            Collections.reverse(ordered);
        } else if (!sortOrder.equals("ascending")) {
            throw ApiException.badRequest("sort_order must be ascending or descending, but was " + sortOrder);
        }
        int from = 0;
        if (paginationKey != null && !paginationKey.isBlank()) {
            from = -1;
            for (int i = 0; i < ordered.size(); i++) {
                if (idOf.apply(ordered.get(i)).equals(paginationKey)) {
                    from = i + 1;
                    break;
                }
            }
            if (from < 0) {
                throw ApiException.badRequest("pagination_key " + paginationKey + " does not match any item");
            }
        }
        int size = limit(limit);
        return ordered.subList(Math.min(from, ordered.size()), Math.min(ordered.size(), from + size + 1));
    }

    static int limit(Long limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_LIMIT + ", but was " + limit);
        }
        return limit.intValue();
    }

    /** The page object from a slice made by {@link #page} (which holds one item more than the limit when there are more). */
    static <T> ObjectNode envelope(List<T> slice, Long limit, Function<T, ObjectNode> render, Function<T, String> idOf) {
        int size = limit(limit);
        boolean more = slice.size() > size;
        List<T> shown = more ? slice.subList(0, size) : slice;
        ObjectNode page = Json.object();
        ArrayNode list = page.putArray("items");
        shown.forEach(item -> list.add(render.apply(item)));
        page.put("has_more", more);
        if (more && !shown.isEmpty()) {
            page.put("pagination_key", idOf.apply(shown.get(shown.size() - 1)));
        }
        return page;
    }

    /** A plain array of at most {@code limit} items from a slice made by {@link #page}. */
    static <T> ArrayNode array(List<T> slice, Long limit, Function<T, ObjectNode> render) {
        int size = limit(limit);
        ArrayNode list = Json.array();
        slice.stream().limit(size).forEach(item -> list.add(render.apply(item)));
        return list;
    }
}
