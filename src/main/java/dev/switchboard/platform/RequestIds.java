package dev.switchboard.platform;

import org.slf4j.MDC;

/** The id of the request or job being served, as logged and echoed in {@code X-Request-Id}. */
public final class RequestIds {

    /** The MDC key and log field of the request id. */
    public static final String MDC_KEY = "requestId";
    /** The header that carries it in and out. */
    public static final String HEADER = "X-Request-Id";

    private RequestIds() {
    }

    /** The current request id, or null outside a request or job. */
    public static String current() {
        return MDC.get(MDC_KEY);
    }
}
