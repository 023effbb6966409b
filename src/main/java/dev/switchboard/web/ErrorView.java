package dev.switchboard.web;

/**
 * The error page ({@code error}) for browsers: what went wrong, what to do, and the request id
 * to quote to support.
 *
 * @param status    the HTTP status (404)
 * @param title     a short title ("Page not found")
 * @param detail    what happened and what to do next
 * @param requestId the request id to quote, or null
 */
public record ErrorView(int status, String title, String detail, String requestId) {

    /** A generic view for {@code status}, as the servlet container's error dispatch needs. */
    public static ErrorView forStatus(int status, String requestId) {
        return switch (status) {
            case 400 -> new ErrorView(400, "This request could not be understood",
                    "Something in the address or the form was not in the expected shape. Go back and try again.", requestId);
            case 401 -> new ErrorView(401, "Please sign in", "You need to be signed in to see this page.", requestId);
            case 403 -> new ErrorView(403, "You don't have access to this page",
                    "Your role does not allow this. Ask an administrator of your organization.", requestId);
            case 404 -> new ErrorView(404, "Page not found",
                    "There is nothing at this address. It may have moved, or the link may be incomplete.", requestId);
            case 429 -> new ErrorView(429, "Too many requests",
                    "You sent many requests in a short time. Wait a minute and try again.", requestId);
            case 503 -> new ErrorView(503, "Switchboard is briefly unavailable",
                    "Try again in a few seconds.", requestId);
            default -> status >= 500
                    ? new ErrorView(status, "Something went wrong on our side",
                            "The problem has been logged. Try again; if it keeps happening, contact support with the request id below.", requestId)
                    : new ErrorView(status, "This request could not be completed",
                            "Go back and try again.", requestId);
        };
    }
}
