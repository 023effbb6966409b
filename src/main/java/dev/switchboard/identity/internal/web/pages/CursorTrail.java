package dev.switchboard.identity.internal.web.pages;

import dev.switchboard.web.Pagination;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "Newer / Older" links over the services' forward-only cursors. The link to an older page
 * carries, besides its {@code cursor}, the cursors of the pages before it ({@code back}, joined
 * with dots, which base64url cursors never contain), so "Newer" can step back one page at a
 * time without the services having to page backwards. Past {@value #MAX} pages the oldest
 * steps are dropped: "Newer" then lands on the first page sooner, which is harmless.
 *
 * @param path    the list's path
 * @param filters the list's query parameters besides paging (blank values are left out)
 * @param cursor  the cursor of the page shown, or null for the first page
 * @param back    the cursors of the pages before it, oldest first
 */
record CursorTrail(String path, Map<String, String> filters, String cursor, List<String> back) {

    static final int MAX = 20;

    /** Query parameters from name, value pairs; values may be null (and are then left out of links). */
    static Map<String, String> params(String... nameThenValue) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i + 1 < nameThenValue.length; i += 2) {
            params.put(nameThenValue[i], nameThenValue[i + 1]);
        }
        return params;
    }

    /** The trail of the page asked for with {@code ?cursor=…&back=…}. */
    static CursorTrail of(String path, Map<String, String> filters, String cursor, String back) {
        List<String> steps = back == null || back.isBlank() ? List.of()
                : Arrays.stream(back.split("\\.")).filter(s -> !s.isBlank()).toList();
        return new CursorTrail(path, filters, cursor == null || cursor.isBlank() ? null : cursor, steps);
    }

    /** The links around the page shown, given the next cursor its service answered. */
    Pagination pagination(String nextCursor) {
        String newer = null;
        if (cursor != null) {
            newer = back.isEmpty() ? href(null, List.of())
                    : href(back.getLast(), back.subList(0, back.size() - 1));
        }
        String older = null;
        if (nextCursor != null) {
            List<String> steps = new ArrayList<>(back);
            if (cursor != null) {
                steps.add(cursor);
            }
            older = href(nextCursor, steps.subList(Math.max(0, steps.size() - MAX), steps.size()));
        }
        return new Pagination(newer, older);
    }

    private String href(String pageCursor, List<String> steps) {
        Map<String, String> query = new LinkedHashMap<>(filters);
        query.put("cursor", pageCursor);
        query.put("back", steps.isEmpty() ? null : String.join(".", steps));
        return link(path, query);
    }

    /**
     * {@code path} with the non-blank {@code query} parameters, form-encoded (so a "+" typed in
     * a search box comes back as a "+", not a space).
     */
    static String link(String path, Map<String, String> query) {
        StringBuilder href = new StringBuilder(path);
        char separator = '?';
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            if (parameter.getValue() != null && !parameter.getValue().isBlank()) {
                href.append(separator).append(URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8))
                        .append('=').append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        return href.toString();
    }
}
