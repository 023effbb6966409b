package dev.switchboard.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;

/**
 * A local HTTP endpoint that records what it receives (raw body and headers) and answers with the
 * statuses queued with {@link #answer}, then 204.
 */
final class WebhookReceiver implements AutoCloseable {

    record Received(String path, Map<String, List<String>> headers, String body, long receivedAt) {

        String header(String name) {
            for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name)) {
                    return entry.getValue().get(0);
                }
            }
            return null;
        }

        JsonNode json() {
            return SandboxFixture.parse(body);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
    private volatile String responseBody = "";

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                received.add(new Received(exchange.getRequestURI().toString(), Map.copyOf(exchange.getRequestHeaders()),
                        body, System.currentTimeMillis()));
                Integer status = statuses.poll();
                int code = status == null ? (responseBody.isEmpty() ? 204 : 200) : status;
                byte[] reply = responseBody.getBytes(StandardCharsets.UTF_8);
                if (code == 204 || reply.length == 0) {
                    exchange.sendResponseHeaders(code, -1);
                } else {
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(code, reply.length);
                    exchange.getResponseBody().write(reply);
                }
            }
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next requests get these statuses, in order. */
    WebhookReceiver answer(Integer... codes) {
        statuses.addAll(List.of(codes));
        return this;
    }

    /** Successful answers carry this body (a tool's result). */
    WebhookReceiver replyWith(String body) {
        this.responseBody = body;
        return this;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Received events of one call, in arrival order. */
    List<Received> forCall(String callId) {
        return received.stream().filter(r -> {
            JsonNode call = r.json().get("call");
            return call != null && callId.equals(call.get("call_id").asString());
        }).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
