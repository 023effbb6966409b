package dev.switchboard.web;

/**
 * The CSRF token of the session, as forms embed it (a hidden field) and htmx sends it (a header
 * set on the body element). Kept free of Spring Security types: fill it from its
 * {@code CsrfToken}.
 *
 * @param parameterName the form field name, such as {@code _csrf}
 * @param headerName    the header name, such as {@code X-CSRF-TOKEN}
 * @param token         the token value
 */
public record CsrfField(String parameterName, String headerName, String token) {

    /** The JSON object htmx sends as extra headers ({@code hx-headers}), with the token in it. */
    public String htmxHeaders() {
        return "{\"" + json(headerName) + "\":\"" + json(token) + "\"}";
    }

    private static String json(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
