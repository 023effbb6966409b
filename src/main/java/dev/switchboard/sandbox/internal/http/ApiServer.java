package dev.switchboard.sandbox.internal.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.core.JacksonException;

/**
 * The sandbox's HTTP front door on the JDK's {@link HttpServer}, one virtual thread per request:
 * Bearer authentication like Retell (401 otherwise), routing, fault interception and errors as
 * {@code {"status": "error", "message": …}}.
 */
public final class ApiServer {

    private static final System.Logger LOG = System.getLogger(ApiServer.class.getName());
    private static final int MAX_BODY = 8 * 1024 * 1024;

    /**
     * Sees every authenticated request before its handler; answers {@code true} when it has
     * already dealt with the exchange (an injected fault).
     */
    @FunctionalInterface
    public interface Interceptor {
        boolean intercept(String apiKey, String method, String path, HttpExchange exchange) throws IOException;
    }

    private final Router router;
    private final Interceptor interceptor;
    private HttpServer server;
    private ExecutorService executor;

    public ApiServer(Router router, Interceptor interceptor) {
        this.router = router;
        this.interceptor = interceptor;
    }

    /** Starts listening and answers the port actually bound. */
    public synchronized int start(String bindAddress, int port) {
        if (server != null) {
            throw new IllegalStateException("the sandbox is already running on port " + server.getAddress().getPort());
        }
        try {
            HttpServer created = HttpServer.create(new InetSocketAddress(bindAddress, port), 256);
            executor = Executors.newVirtualThreadPerTaskExecutor();
            created.setExecutor(executor);
            created.createContext("/", this::handle);
            created.start();
            server = created;
            return created.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("the sandbox could not listen on " + bindAddress + ":" + port
                    + " (" + e.getMessage() + "); choose another port (switchboard.sandbox.port, 0 = any free port)", e);
        }
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
            executor = null;
        }
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
            String rawPath = exchange.getRequestURI().getRawPath();
            List<String> segments = segments(rawPath);
            Router.Match match = router.match(method, segments);
            if (match == null) {
                drain(exchange);
                write(exchange, ApiResponse.error(404, "Not found: " + method + " " + rawPath));
                return;
            }
            String apiKey = null;
            if (!match.route().open()) {
                apiKey = bearer(exchange.getRequestHeaders().getFirst("Authorization"));
                if (apiKey == null) {
                    drain(exchange);
                    write(exchange, ApiResponse.error(401, "API key is missing or invalid."));
                    return;
                }
                if (interceptor != null && interceptor.intercept(apiKey, method, rawPath, exchange)) {
                    return;
                }
            }
            byte[] body;
            try {
                body = readBody(exchange);
            } catch (ApiException e) {
                write(exchange, ApiResponse.error(e.status(), e.getMessage()));
                return;
            }
            ApiRequest request = new ApiRequest(method, rawPath, match.params(),
                    query(exchange.getRequestURI().getRawQuery()), body, apiKey);
            write(exchange, answer(match.route().handler(), request));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "sandbox request ended early: " + e.getMessage());
        }
    }

    private static ApiResponse answer(Router.Handler handler, ApiRequest request) {
        try {
            return handler.handle(request);
        } catch (ApiException e) {
            return ApiResponse.error(e.status(), e.getMessage());
        } catch (JacksonException e) {
            return ApiResponse.error(400, "Invalid request format, please check API reference: "
                    + e.getOriginalMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "sandbox failed on " + request.method() + " " + request.path(), e);
            return ApiResponse.error(500, "An unexpected server error occurred.");
        }
    }

    static void write(HttpExchange exchange, ApiResponse response) throws IOException {
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (response.status() == 204 || (response.json() == null && response.raw() == null)) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        byte[] bytes = response.raw() != null ? response.raw() : Json.bytes(response.json());
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Answers an exchange that an interceptor decided to fail, in Retell's error shape. */
    public static void writeError(HttpExchange exchange, int status, String message, Map<String, String> headers)
            throws IOException {
        drain(exchange);
        ApiResponse response = ApiResponse.error(status, message);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            response = response.withHeader(header.getKey(), header.getValue());
        }
        write(exchange, response);
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new ApiException(413, "The request body is larger than " + MAX_BODY + " bytes");
            }
            return bytes;
        }
    }

    private static void drain(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    static String bearer(String header) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String key = value.substring(7).strip();
            return key.isEmpty() ? null : key;
        }
        return null;
    }

    /** Path segments, each percent-decoded; a literal '+' stays a '+' (E.164 numbers in paths). */
    static List<String> segments(String rawPath) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        List<String> segments = new ArrayList<>();
        for (String segment : trimmed.split("/", -1)) {
            segments.add(decode(segment));
        }
        return segments;
    }

    static Map<String, String> query(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }
}
