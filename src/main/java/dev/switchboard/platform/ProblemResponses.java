package dev.switchboard.platform;

import java.net.URI;
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
}
