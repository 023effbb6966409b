package dev.switchboard.sandbox.internal.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps {@code METHOD /path/{param}} templates to handlers. A template segment in braces matches
 * one path segment; the last segment may carry a literal suffix ({@code /recordings/{id}.wav}).
 */
public final class Router {

    /** Answers one routed request. */
    @FunctionalInterface
    public interface Handler {
        ApiResponse handle(ApiRequest request);
    }

    record Route(String method, String[] segments, Handler handler, boolean open) {
    }

    record Match(Route route, Map<String, String> params) {
    }

    private final List<Route> routes = new ArrayList<>();

    /** A route that needs a Bearer API key. */
    public Router add(String method, String template, Handler handler) {
        routes.add(new Route(method, split(template), handler, false));
        return this;
    }

    /** A route open without an API key (recordings are public URLs, like Retell's). */
    public Router open(String method, String template, Handler handler) {
        routes.add(new Route(method, split(template), handler, true));
        return this;
    }

    /** The route for a request, {@code null} when none matches the path and method. */
    Match match(String method, List<String> segments) {
        for (Route route : routes) {
            if (!route.method().equals(method) || route.segments().length != segments.size()) {
                continue;
            }
            Map<String, String> params = matchSegments(route.segments(), segments);
            if (params != null) {
                return new Match(route, params);
            }
        }
        return null;
    }

    private static Map<String, String> matchSegments(String[] template, List<String> actual) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            String want = template[i];
            String got = actual.get(i);
            int open = want.indexOf('{');
            if (open < 0) {
                if (!want.equals(got)) {
                    return null;
                }
                continue;
            }
            int close = want.indexOf('}');
            String prefix = want.substring(0, open);
            String suffix = want.substring(close + 1);
            if (!got.startsWith(prefix) || !got.endsWith(suffix) || got.length() <= prefix.length() + suffix.length()) {
                return null;
            }
            params.put(want.substring(open + 1, close), got.substring(prefix.length(), got.length() - suffix.length()));
        }
        return params;
    }

    private static String[] split(String template) {
        String trimmed = template.startsWith("/") ? template.substring(1) : template;
        return trimmed.split("/", -1);
    }
}
