package dev.switchboard.platform;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * HTTP to one external provider (a vendor API at one base URL), with what every vendor call
 * needs: a timeout per request, retries with exponential backoff and jitter that honour
 * {@code Retry-After}, and a circuit breaker that stops calling a provider that keeps failing.
 *
 * <p>Retried: 429, 502, 503 and 504 (the provider did not act on the request), connection
 * failures, and — for idempotent requests only — 500 and timeouts. A request that creates
 * something (a call, a batch) is never repeated after it may have been processed. Other 4xx
 * answers are returned to the caller, which knows the vendor's error format.
 */
public interface ProviderClient {

    /** Sends a request; returns 2xx and non-retryable 4xx answers, throws {@link ProviderFailure} otherwise. */
    Response send(Request request);

    /** A request relative to the provider's base URL. */
    record Request(String method, String path, Map<String, String> headers, byte[] body, Duration timeout,
                   boolean idempotent) {

        public Request {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }

        public static Request get(String path, Duration timeout) {
            return new Request("GET", path, Map.of(), null, timeout, true);
        }

        public static Request delete(String path, Duration timeout) {
            return new Request("DELETE", path, Map.of(), null, timeout, true);
        }

        /** A JSON request; {@code idempotent} says whether repeating it is harmless. */
        public static Request json(String method, String path, String json, Duration timeout, boolean idempotent) {
            return new Request(method, path, Map.of("Content-Type", "application/json"),
                    json == null ? null : json.getBytes(StandardCharsets.UTF_8), timeout, idempotent);
        }

        public Request withHeader(String name, String value) {
            java.util.HashMap<String, String> all = new java.util.HashMap<>(headers);
            all.put(name, value);
            return new Request(method, path, all, body, timeout, idempotent);
        }
    }

    /** A provider's answer. */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {

        public String text() {
            return body == null ? "" : new String(body, StandardCharsets.UTF_8);
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * Makes clients: one client, and one circuit breaker, per provider name, base URL and account
     * credential, so that one organization's failing account (its own key refused, rate limited
     * or broken) never stops the calls of organizations using other accounts at the same vendor.
     */
    interface Factory {

        /** The client for an account identified by {@code credential} (its API key or token; kept only as a digest). */
        ProviderClient client(String provider, URI baseUrl, String credential);

        /** The client for a provider used with one platform-wide credential. */
        default ProviderClient client(String provider, URI baseUrl) {
            return client(provider, baseUrl, null);
        }
    }
}
