package dev.switchboard.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A failure the user can act on, answered as RFC 9457 problem+json: a stable {@code type}
 * ({@code /problems/<slug>}), a short title, a {@code detail} that says what to do, and for
 * validation the fields at fault. Throw it from any layer; it is mapped once, at the edge.
 */
public class ApiProblem extends RuntimeException {

    /** One field at fault and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    private final HttpStatus status;
    private final String slug;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, Object> properties;
    private Duration retryAfter;

    public ApiProblem(HttpStatus status, String slug, String title, String detail) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = new ArrayList<>();
        this.properties = new LinkedHashMap<>();
    }

    public static ApiProblem badRequest(String slug, String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, slug, "Bad request", detail);
    }

    public static ApiProblem validation(String detail) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "validation", "Invalid input", detail);
    }

    public static ApiProblem validation(String field, String message) {
        return validation("The field '" + field + "' is not valid: " + message).field(field, message);
    }

    public static ApiProblem notFound(String what) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "Not found",
                what + " was not found. Check the id, or that it belongs to your organization.");
    }

    public static ApiProblem conflict(String slug, String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, slug, "Conflict", detail);
    }

    public static ApiProblem unauthorized(String slug, String detail) {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, slug, "Unauthorized", detail);
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail);
    }

    public static ApiProblem tooManyRequests(Duration retryAfter, String detail) {
        ApiProblem p = new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests", detail);
        p.retryAfter = retryAfter;
        return p;
    }

    /** Adds a field error; returns this problem for chaining. */
    public ApiProblem field(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    /** Adds an extension member to the problem document. */
    public ApiProblem property(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    /** Sets how long the client should wait before trying again; returns this problem. */
    public ApiProblem withRetryAfter(Duration wait) {
        this.retryAfter = wait;
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    public Map<String, Object> properties() {
        return Map.copyOf(properties);
    }

    /** How long the client should wait, for 429 and 503 answers. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
