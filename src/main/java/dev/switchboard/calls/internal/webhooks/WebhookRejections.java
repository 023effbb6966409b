package dev.switchboard.calls.internal.webhooks;

import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.ProblemResponses;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The answer to a provider request whose signature failed: 401, counted by provider and reason. */
final class WebhookRejections {

    private WebhookRejections() {
    }

    static ResponseEntity<Object> reject(MeterRegistry meters, String provider, String reason, String detail) {
        meters.counter("switchboard.webhooks.rejected", "provider", provider, "reason", reason.toLowerCase(Locale.ROOT))
                .increment();
        return cast(ProblemResponses.of(new ApiProblem(HttpStatus.UNAUTHORIZED, "invalid-signature", "Invalid signature",
                detail)));
    }

    static ResponseEntity<Object> malformed(String detail) {
        return cast(ProblemResponses.of(ApiProblem.badRequest("malformed-webhook", detail)));
    }

    static void accepted(MeterRegistry meters, String provider, boolean fresh) {
        meters.counter("switchboard.webhooks.accepted", "provider", provider, "duplicate", Boolean.toString(!fresh))
                .increment();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> cast(ResponseEntity<?> response) {
        return (ResponseEntity) response;
    }
}
