package dev.switchboard.sandbox.internal.http;

import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One request after routing: path parameters, query parameters, the raw body and the API key it
 * was made with ({@code null} on the few open routes).
 */
public final class ApiRequest {

    private final String method;
    private final String path;
    private final Map<String, String> pathParams;
    private final Map<String, String> query;
    private final byte[] body;
    private final String apiKey;
    private JsonNode json;

    ApiRequest(String method, String path, Map<String, String> pathParams, Map<String, String> query,
            byte[] body, String apiKey) {
        this.method = method;
        this.path = path;
        this.pathParams = pathParams;
        this.query = query;
        this.body = body;
        this.apiKey = apiKey;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public String apiKey() {
        return apiKey;
    }

    public String param(String name) {
        return pathParams.get(name);
    }

    public String query(String name) {
        return query.get(name);
    }

    /** The body as JSON; an empty body reads as {@code {}}. */
    public JsonNode json() {
        if (json == null) {
            if (body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
                json = Json.object();
            } else {
                try {
                    json = Json.parse(body);
                } catch (JacksonException e) {
                    throw ApiException.badRequest("Invalid request format, please check API reference: the body is "
                            + "not valid JSON (" + e.getOriginalMessage() + ")");
                }
            }
        }
        return json;
    }

    /** The body as a JSON object, or a 400 naming what was expected. */
    public JsonNode jsonObject() {
        JsonNode node = json();
        if (!node.isObject()) {
            throw ApiException.badRequest("Invalid request format, please check API reference: the body must be a "
                    + "JSON object");
        }
        return node;
    }
}
