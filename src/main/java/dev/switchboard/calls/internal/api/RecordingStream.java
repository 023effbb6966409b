package dev.switchboard.calls.internal.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Plays a recording through Switchboard: the browser only ever talks to this server (the pages'
 * content security policy allows media from here alone) and a shared link never reveals the
 * provider's own address, which would outlive the link. Range requests pass through, so players
 * can seek.
 */
@Component
public class RecordingStream {

    private static final List<String> FORWARDED = List.of("Content-Type", "Content-Length", "Content-Range",
            "Accept-Ranges");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    /** Copies the recording at {@code url} to {@code response}; a provider failure answers 502. */
    public void copy(String url, HttpServletRequest request, HttpServletResponse response) throws IOException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException notAnAddress) {
            uri = URI.create("invalid:recording");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
            response.sendError(HttpServletResponse.SC_BAD_GATEWAY, "The recording's address cannot be read");
            return;
        }
        HttpRequest.Builder upstream = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        String range = request.getHeader("Range");
        if (range != null) {
            upstream.header("Range", range);
        }
        HttpResponse<InputStream> answer;
        try {
            answer = http.send(upstream.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response.sendError(HttpServletResponse.SC_BAD_GATEWAY, "The recording could not be fetched");
            return;
        } catch (IOException e) {
            response.sendError(HttpServletResponse.SC_BAD_GATEWAY, "The recording could not be fetched");
            return;
        }
        try (InputStream body = answer.body()) {
            if (answer.statusCode() != 200 && answer.statusCode() != 206) {
                response.sendError(HttpServletResponse.SC_BAD_GATEWAY,
                        "The provider answered " + answer.statusCode() + " for the recording");
                return;
            }
            response.setStatus(answer.statusCode());
            for (String header : FORWARDED) {
                answer.headers().firstValue(header).ifPresent(v -> response.setHeader(header, v));
            }
            response.setHeader("Cache-Control", "private, no-store");
            body.transferTo(response.getOutputStream());
        }
    }
}
