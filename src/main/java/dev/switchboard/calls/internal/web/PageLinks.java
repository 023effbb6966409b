package dev.switchboard.calls.internal.web;

import dev.switchboard.web.Pagination;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Addresses of the calls pages. Cursors only lead forward, so "Newer" is found again from the
 * trail of cursors that led here ({@code back}, dot-separated, the last few kept).
 */
public final class PageLinks {

    private static final int TRAIL = 20;

    private PageLinks() {
    }

    /** {@code path} with the non-blank parameters of {@code query}, encoded. */
    public static String href(String path, Map<String, String> query) {
        StringBuilder href = new StringBuilder(path);
        query.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                href.append(href.indexOf("?") < 0 ? '?' : '&').append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                        .append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return href.toString();
    }

    /** The "Newer / Older" links of a page reached with {@code cursor} after the trail {@code back}. */
    public static Pagination pagination(String path, Map<String, String> query, String cursor, String back, String next) {
        List<String> trail = back == null || back.isBlank() || cursor == null ? List.of()
                : Arrays.stream(back.split("\\.")).filter(step -> !step.isBlank()).toList();
        String newer = null;
        if (cursor != null) {
            newer = trail.isEmpty() ? href(path, query)
                    : at(path, query, trail.getLast(), trail.subList(0, trail.size() - 1));
        }
        String older = null;
        if (next != null) {
            List<String> longer = new ArrayList<>(trail);
            if (cursor != null) {
                longer.add(cursor);
            }
            older = at(path, query, next, longer.subList(Math.max(0, longer.size() - TRAIL), longer.size()));
        }
        return new Pagination(newer, older);
    }

    private static String at(String path, Map<String, String> query, String cursor, List<String> trail) {
        Map<String, String> withCursor = new LinkedHashMap<>(query);
        withCursor.put("cursor", cursor);
        withCursor.put("back", String.join(".", trail));
        return href(path, withCursor);
    }
}
