package dev.switchboard.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.Api;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;

/**
 * Reads a Server-Sent Events stream over real HTTP, as an EventSource would: every event (its
 * id and parsed JSON data) is collected in arrival order on a reader thread.
 */
final class SseClient implements AutoCloseable {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** One received event. */
    record Received(long id, JsonNode envelope) {
        String type() {
            return envelope.get("type").asString();
        }

        String channel() {
            return envelope.get("channel").asString();
        }

        JsonNode data() {
            return envelope.get("data");
        }
    }

    private final HttpResponse<InputStream> response;
    private final List<Received> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private volatile boolean ended;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        Thread reader = new Thread(this::read, "sse-test-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens a stream; {@code headers} are name, value pairs. Fails unless the server answers 200 with an event stream. */
    static SseClient open(int port, String pathAndQuery, String... headers) {
        HttpResponse<InputStream> response = send(port, pathAndQuery, HttpResponse.BodyHandlers.ofInputStream(), headers);
        if (response.statusCode() != 200) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                body = e.toString();
            }
            throw new AssertionError("Expected an event stream but got HTTP " + response.statusCode() + ": " + body);
        }
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        return new SseClient(response);
    }

    /** A request that is not expected to stream (an error answer), read whole. */
    static HttpResponse<String> refused(int port, String pathAndQuery, String... headers) {
        return send(port, pathAndQuery, HttpResponse.BodyHandlers.ofString(), headers);
    }

    private static <T> HttpResponse<T> send(int port, String pathAndQuery, HttpResponse.BodyHandler<T> handler, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                .header("Accept", "text/event-stream").GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(request.build(), handler);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String[] bearer(Api.Account account) {
        return new String[] {"Authorization", "Bearer " + account.accessToken()};
    }

    List<Received> events() {
        return List.copyOf(events);
    }

    List<Received> events(String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }

    List<String> comments() {
        return List.copyOf(comments);
    }

    boolean ended() {
        return ended;
    }

    /** Waits for the first event matching {@code wanted}. */
    Received await(Predicate<Received> wanted) {
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
                .until(() -> events.stream().anyMatch(wanted));
        return events.stream().filter(wanted).findFirst().orElseThrow();
    }

    Received awaitType(String type) {
        return await(e -> e.type().equals(type));
    }

    /** Waits for an event whose data field {@code field} equals {@code value}. */
    Received awaitData(String field, String value) {
        return await(e -> e.data().has(field) && e.data().get(field).asString().equals(value));
    }

    void awaitEnd() {
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> ended);
    }

    /** The last event id received, as EventSource would send it on reconnect. */
    long lastEventId() {
        List<Received> all = events();
        return all.get(all.size() - 1).id();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            List<String> data = new ArrayList<>();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Received(Long.parseLong(id), Api.JSON.readTree(String.join("\n", data))));
                    }
                    id = null;
                    data.clear();
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1));
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("data:")) {
                    data.add(line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5));
                }
            }
        } catch (IOException closed) {
            // the test closed the stream, or the server ended it
        } finally {
            ended = true;
        }
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
