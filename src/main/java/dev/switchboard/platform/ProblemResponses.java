package dev.switchboard.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.HashMap;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.ModelAndView;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Turns an {@link ApiProblem} into the problem+json response every endpoint answers with. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static ResponseEntity<ProblemDetail> of(ApiProblem problem) {
        ProblemDetail body = body(problem);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (problem.retryAfter() != null) {
            long seconds = Math.max(1, (problem.retryAfter().toMillis() + 999) / 1000);
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        }
        return response.body(body);
    }

    public static ProblemDetail body(ApiProblem problem) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), problem.detail());
        body.setType(URI.create("/problems/" + problem.slug()));
        body.setTitle(problem.title());
        if (!problem.errors().isEmpty()) {
            List<Map<String, String>> errors = problem.errors().stream()
                    .map(e -> Map.of("field", e.field(), "message", e.message()))
                    .toList();
            body.setProperty("errors", errors);
        }
        problem.properties().forEach(body::setProperty);
        String requestId = RequestIds.current();
        if (requestId != null) {
            body.setProperty("requestId", requestId);
        }
        return body;
    }

    public static ApiProblem internalError() {
        return new ApiProblem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Something went wrong",
                "Switchboard could not complete this request. Try again; if it keeps failing, give the "
                        + "request id to your administrator.");
    }
    /**
     * Browsers asking for a page get the error page; everything else gets problem+json.
     * (The declared return type is Object: Spring picks the return handler by the runtime type.)
     */
    public static Object respond(ApiProblem problem) {
        HttpServletRequest request = currentRequest();
        if (request != null && wantsPage(request)) {
            Map<String, Object> model = new HashMap<>();
            model.put("status", problem.status().value());
            model.put("title", problem.title());
            model.put("detail", problem.detail());
            return new ModelAndView("error", model, problem.status());
        }
        return ProblemResponses.of(problem);
    }

    public static boolean wantsPage(HttpServletRequest request) {
        String path = request.getRequestURI();
        if (path.startsWith("/api/") || path.startsWith("/actuator") || path.startsWith("/v3/") || path.startsWith("/webhooks/")) {
            return false;
        }
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }

    private static HttpServletRequest currentRequest() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest();
        }
        return null;
    }


    /** Writes a problem straight to a servlet response, for filters that answer before any controller. */
    public static void write(jakarta.servlet.http.HttpServletResponse response, ApiProblem problem) throws java.io.IOException {
        ResponseEntity<ProblemDetail> entity = of(problem);
        response.setStatus(problem.status().value());
        entity.getHeaders().forEach((name, values) -> values.forEach(v -> response.setHeader(name, v)));
        response.setContentType("application/problem+json");
        response.getOutputStream().write(WRITER.writeValueAsBytes(entity.getBody()));
    }

    private static final tools.jackson.databind.json.JsonMapper WRITER = tools.jackson.databind.json.JsonMapper.builder()
            .changeDefaultPropertyInclusion(v -> v.withValueInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL))
            .build();
}
