package dev.switchboard.platform.internal.web;

import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.time.Duration;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Maps every failure to problem+json once, at the edge. Modules map their own exception types in
 * advices of higher precedence (this one ends with a catch-all, so it must come last). Nothing internal (stack traces, SQL,
 * class names) reaches the client; unexpected failures are logged with the request id.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 100)
class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @org.springframework.beans.factory.annotation.Value("${spring.servlet.multipart.max-file-size:1MB}")
    private org.springframework.util.unit.DataSize uploadLimit;

    @ExceptionHandler(ApiProblem.class)
    Object apiProblem(ApiProblem problem) {
        return respond(problem);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    Object invalidBody(MethodArgumentNotValidException e) {
        ApiProblem problem = ApiProblem.validation("Some fields are not valid; correct them and send the request again.");
        e.getBindingResult().getFieldErrors().forEach(f -> problem.field(f.getField(), f.getDefaultMessage()));
        e.getBindingResult().getGlobalErrors().forEach(g -> problem.field(g.getObjectName(), g.getDefaultMessage()));
        return respond(problem);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    Object invalidParameters(HandlerMethodValidationException e) {
        ApiProblem problem = ApiProblem.validation("Some parameters are not valid; correct them and send the request again.");
        e.getParameterValidationResults().forEach(r -> r.getResolvableErrors().forEach(err -> problem.field(
                r.getMethodParameter().getParameterName() == null ? "parameter" : r.getMethodParameter().getParameterName(),
                err.getDefaultMessage())));
        return respond(problem);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    Object constraintViolation(ConstraintViolationException e) {
        ApiProblem problem = ApiProblem.validation("Some values are not valid; correct them and send the request again.");
        e.getConstraintViolations().forEach(v -> problem.field(lastNode(v.getPropertyPath().toString()), v.getMessage()));
        return respond(problem);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    Object unreadable(HttpMessageNotReadableException e) {
        Throwable jackson = null;
        for (Throwable t = e.getCause(); t != null && jackson == null; t = t.getCause()) {
            if (t instanceof JacksonException) {
                jackson = t;
            }
        }
        return respond(describeUnreadable(jackson != null ? jackson : e.getMostSpecificCause()));
    }

    static ApiProblem describeUnreadable(Throwable cause) {
        if (cause instanceof StreamConstraintsException) {
            return ApiProblem.badRequest("malformed-json",
                    "The JSON body is nested too deeply or has a value that is too large. Send a simpler document.");
        }
        if (cause instanceof UnrecognizedPropertyException u) {
            return ApiProblem.badRequest("unknown-field", "The field '" + u.getPropertyName()
                    + "' is not part of this request. Remove it and send the request again.")
                    .field(path(u), "unknown field");
        }
        if (cause instanceof InvalidFormatException f) {
            String field = path(f);
            Class<?> target = f.getTargetType();
            String expected;
            if (target != null && target.isEnum()) {
                expected = "one of " + java.util.Arrays.stream(target.getEnumConstants())
                        .map(c -> c.toString().toLowerCase(java.util.Locale.ROOT))
                        .collect(Collectors.joining(", "));
            } else {
                expected = "a value of type " + (target == null ? "the expected type" : friendlyType(target));
            }
            return ApiProblem.badRequest("invalid-value", "The field '" + field + "' has the value '"
                    + abbreviate(String.valueOf(f.getValue())) + "', but it must be " + expected + ".")
                    .field(field, "must be " + expected);
        }
        if (cause instanceof MismatchedInputException m) {
            String field = path(m);
            String expected = m.getTargetType() == null ? "another type" : friendlyType(m.getTargetType());
            if (field.isEmpty()) {
                return ApiProblem.badRequest("malformed-json",
                        "The request body must be a JSON object of the documented shape.");
            }
            return ApiProblem.badRequest("invalid-value", "The field '" + field + "' must be " + expected + ".")
                    .field(field, "must be " + expected);
        }
        if (cause instanceof StreamReadException || cause instanceof JacksonException) {
            return ApiProblem.badRequest("malformed-json",
                    "The request body is not valid JSON. Check quotes, commas and brackets and send it again.");
        }
        return ApiProblem.badRequest("malformed-body",
                "The request body is missing or cannot be read. Send a JSON object as the documented shape.");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    Object typeMismatch(MethodArgumentTypeMismatchException e) {
        Class<?> type = e.getRequiredType();
        String expected = type == null ? "a valid value" : friendlyType(type);
        return respond(ApiProblem.badRequest("invalid-parameter", "The parameter '" + e.getName()
                + "' has the value '" + abbreviate(String.valueOf(e.getValue())) + "', but it must be " + expected + ".")
                .field(e.getName(), "must be " + expected));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    Object missingParameter(MissingServletRequestParameterException e) {
        return respond(ApiProblem.badRequest("missing-parameter",
                "The query parameter '" + e.getParameterName() + "' is required.").field(e.getParameterName(), "is required"));
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    Object missingPart(MissingServletRequestPartException e) {
        return respond(ApiProblem.badRequest("missing-part",
                "The upload part '" + e.getRequestPartName() + "' is required.").field(e.getRequestPartName(), "is required"));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    Object missingHeader(MissingRequestHeaderException e) {
        return respond(ApiProblem.badRequest("missing-header",
                "The header '" + e.getHeaderName() + "' is required."));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    Object unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return respond(new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                "Unsupported media type", "This endpoint does not accept '" + e.getContentType()
                + "'. Send the body as application/json."));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    Object notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return respond(new ApiProblem(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable",
                "This endpoint answers with application/json; accept that media type."));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    Object methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return respond(new ApiProblem(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
                "Method not allowed", "This address does not support " + e.getMethod() + "."
                + (e.getSupportedMethods() == null ? "" : " Use " + String.join(" or ", e.getSupportedMethods()) + ".")));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    Object noRoute(NoResourceFoundException e) {
        return respond(new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "Not found",
                "There is nothing at this address. Check the path against the API documentation at /docs."));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    Object uploadTooLarge(MaxUploadSizeExceededException e) {
        return respond(new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large",
                "Upload too large", "The upload is larger than the " + describe(uploadLimit) + " this server accepts. Split the "
                + "file or ask your administrator to raise the limit (switchboard.imports.max-bytes).")
                .property("maxBytes", uploadLimit.toBytes()));
    }

    /** 524288000 bytes reads "500 MB". */
    static String describe(org.springframework.util.unit.DataSize size) {
        long bytes = size.toBytes();
        for (String unit : new String[] {"GB", "MB", "KB"}) {
            long factor = unit.equals("GB") ? 1L << 30 : unit.equals("MB") ? 1L << 20 : 1L << 10;
            if (bytes >= factor && bytes % factor == 0) {
                return bytes / factor + " " + unit;
            }
        }
        return String.format("%,d bytes", bytes);
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    Object accessDenied(RuntimeException e) {
        return respond(ApiProblem.forbidden(
                "Your role does not allow this action. Ask an administrator of your organization."));
    }

    @ExceptionHandler({org.springframework.dao.TransientDataAccessException.class,
            org.springframework.dao.DataAccessResourceFailureException.class,
            org.springframework.dao.RecoverableDataAccessException.class})
    Object databaseUnavailable(org.springframework.dao.DataAccessException e, HttpServletRequest request) {
        log.warn("Database unavailable while serving {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        ApiProblem problem = new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Temporarily unavailable",
                "Switchboard cannot reach its database right now. Try again in a few seconds.");
        return respond(problem.withRetryAfter(Duration.ofSeconds(5)));
    }

    /**
     * Values PostgreSQL refuses to store as they are (a NUL character in text, a number out of
     * range) are the client's to fix; anything else the database rejects is unexpected.
     */
    @ExceptionHandler(org.springframework.dao.DataAccessException.class)
    Object databaseRefused(org.springframework.dao.DataAccessException e, HttpServletRequest request) {
        String state = sqlState(e);
        if (state != null && (state.equals("22021") || state.equals("22P05"))) {
            return respond(ApiProblem.validation("A text value contains a character that cannot be stored, such as a NUL "
                    + "(\\u0000) character. Remove it and send the request again."));
        }
        if (state != null && (state.equals("22003") || state.equals("22008") || state.equals("22001"))) {
            return respond(ApiProblem.validation("A value is out of the range Switchboard can store (a number, date or text "
                    + "too large). Send a smaller value."));
        }
        return unexpected(e, request);
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    @ExceptionHandler(Exception.class)
    Object unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected failure serving {} {}", request.getMethod(), request.getRequestURI(), e);
        return respond(ProblemResponses.internalError());
    }

    static Object respond(ApiProblem problem) {
        return ProblemResponses.respond(problem);
    }

    private static String path(JacksonException e) {
        return e.getPath().stream()
                .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String friendlyType(Class<?> type) {
        if (type == java.util.UUID.class) {
            return "a UUID such as 3f2b8c1e-0d4a-4c3e-9b1a-2f6d7e8a9b0c";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants())
                    .map(c -> c.toString().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.joining(", "));
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type == java.time.Instant.class || type == java.time.OffsetDateTime.class) {
            return "an ISO-8601 timestamp such as 2026-01-31T09:30:00Z";
        }
        return "an object of the documented shape";
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static String abbreviate(String value) {
        return value.length() > 60 ? value.substring(0, 57) + "..." : value;
    }
}
