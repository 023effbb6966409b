package dev.switchboard.telephony.internal.web;

import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.ProblemResponses;
import dev.switchboard.platform.ProviderFailure;
import dev.switchboard.telephony.ProviderException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A provider's refusal or failure, answered with the user-facing message the adapter chose and
 * a status that says whose move it is: 422 for input the user can fix, 429/503/504 to try later.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProviderProblems {

    private static final Logger log = LoggerFactory.getLogger(ProviderProblems.class);

    @ExceptionHandler(ProviderException.class)
    Object provider(ProviderException e) {
        log.info("Provider {} refused or failed ({}): {}", e.provider(), e.kind(), e.providerMessage());
        HttpStatus status = switch (e.kind()) {
            case INVALID_NUMBER, MISSING_AGENT, FROM_NUMBER_NOT_REGISTERED, REJECTED -> HttpStatus.UNPROCESSABLE_ENTITY;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case TIMEOUT -> HttpStatus.GATEWAY_TIMEOUT;
            case UNAUTHORIZED -> HttpStatus.BAD_GATEWAY;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case UNSUPPORTED -> HttpStatus.CONFLICT;
        };
        String slug = "provider-" + e.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        ApiProblem problem = new ApiProblem(status, slug, "Provider " + e.provider(), e.getMessage())
                .property("provider", e.provider());
        if (status == HttpStatus.TOO_MANY_REQUESTS || status == HttpStatus.SERVICE_UNAVAILABLE) {
            problem.withRetryAfter(retryAfter(e));
        }
        return ProblemResponses.respond(problem);
    }

    /**
     * When to try again: what the provider asked for (its Retry-After) or, with the circuit
     * breaker open, when calls resume; 30 s when neither is known.
     */
    private static Duration retryAfter(ProviderException e) {
        if (e.getCause() instanceof ProviderFailure failure && failure.retryAfter() != null) {
            return failure.retryAfter().compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : failure.retryAfter();
        }
        return Duration.ofSeconds(30);
    }
}
