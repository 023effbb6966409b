package dev.switchboard.calls.internal.webhooks;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The load benchmark's baseline (bench/webhooks.sh): a webhook endpoint that reads the same
 * body and header through the same filters as {@code /webhooks/retell} and does nothing else, so
 * the benchmark can tell the cost of ingestion from the cost of HTTP on the same server. It exists
 * only when {@code switchboard.bench.enabled=true}; production servers never have it.
 */
@RestController
@ConditionalOnProperty(name = "switchboard.bench.enabled", havingValue = "true")
class BenchNoopWebhookController {

    @PostMapping(path = "/webhooks/bench-noop", consumes = "*/*")
    ResponseEntity<Void> receive(@RequestBody(required = false) byte[] body,
                                 @RequestHeader(name = "x-retell-signature", required = false) String signature) {
        return ResponseEntity.noContent().build();
    }
}
