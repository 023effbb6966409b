package dev.switchboard.sandbox.internal.conversation;

import dev.switchboard.sandbox.internal.http.Json;
import dev.switchboard.sandbox.internal.webhooks.Signature;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Calls an agent's custom tool as Retell does: the tool's {@code method} (POST by default) to its
 * {@code url} with its {@code query_params} and {@code headers} (dynamic variables filled in), body
 * {@code {"call": {…}, "name": …, "args": {…}}} (or the bare arguments when {@code args_at_root}),
 * signed with {@code x-retell-signature}; timeout {@code timeout_ms} (2 minutes by default); a
 * failed request is retried up to 2 times; the answer is kept up to 15,000 characters.
 */
public final class ToolCaller {

    private static final int MAX_CONTENT = 15_000;
    private static final int ATTEMPTS = 3;

    private final HttpClient http;
    private final Clock clock;

    public ToolCaller(HttpClient http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    public ToolOutcome call(JsonNode tool, ObjectNode args, ObjectNode callObject, String apiKey,
            Map<String, String> variables, String toolCallId) {
        String name = Json.text(tool, "name");
        String arguments = Json.string(args);
        String method = Json.text(tool, "method");
        method = method == null ? "POST" : method.toUpperCase(Locale.ROOT);
        boolean withBody = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        String body = "";
        if (withBody) {
            if (Boolean.TRUE.equals(Json.booleanValue(tool, "args_at_root"))) {
                body = arguments;
            } else {
                ObjectNode payload = Json.object();
                payload.set("call", callObject);
                payload.put("name", name);
                payload.set("args", args);
                body = Json.string(payload);
            }
        }
        Long timeoutMs = Json.longValue(tool, "timeout_ms");
        Duration timeout = Duration.ofMillis(timeoutMs == null || timeoutMs <= 0 ? 120_000 : timeoutMs);
        String failure = "no attempt made";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(url(tool, variables)).timeout(timeout)
                        .header("Content-Type", "application/json")
                        .header(Signature.HEADER, Signature.sign(body, apiKey, clock.millis()));
                JsonNode headers = tool.get("headers");
                if (headers != null && headers.isObject()) {
                    for (Map.Entry<String, JsonNode> header : headers.properties()) {
                        String value = Json.scalarText(header.getValue());
                        if (value != null) {
                            request.header(header.getKey(), Templates.render(value, variables));
                        }
                    }
                }
                request.method(method, withBody ? HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)
                        : HttpRequest.BodyPublishers.noBody());
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                String content = response.body() == null ? "" : response.body();
                if (content.length() > MAX_CONTENT) {
                    content = content.substring(0, MAX_CONTENT);
                }
                if (response.statusCode() >= 200 && response.statusCode() < 300) {
                    return new ToolOutcome(toolCallId, name, arguments, content, true);
                }
                failure = "HTTP " + response.statusCode() + (content.isBlank() ? "" : ": " + content);
            } catch (IOException | IllegalArgumentException e) {
                failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new ToolOutcome(toolCallId, name, arguments, "interrupted", false);
            }
        }
        return new ToolOutcome(toolCallId, name, arguments, "Tool call failed: " + failure, false);
    }

    private static URI url(JsonNode tool, Map<String, String> variables) {
        StringBuilder url = new StringBuilder(Templates.render(Json.text(tool, "url"), variables));
        JsonNode query = tool.get("query_params");
        if (query != null && query.isObject() && !query.isEmpty()) {
            char separator = url.indexOf("?") < 0 ? '?' : '&';
            for (Map.Entry<String, JsonNode> param : query.properties()) {
                String value = Json.scalarText(param.getValue());
                url.append(separator).append(URLEncoder.encode(param.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(Templates.render(value == null ? "" : value, variables),
                                StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        return URI.create(url.toString());
    }
}
