package dev.switchboard.calls.internal.webhooks;

import dev.switchboard.platform.ApiProblem;
import dev.switchboard.platform.ProblemResponses;
import dev.switchboard.telephony.ProviderAccounts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Retell (and sandbox) webhooks: the signature is checked on the raw body first; a request
 * that fails gets 401, is counted, and nothing else about it is looked at. A verified event is
 * stored in the inbox before the answer, so nothing accepted is lost; duplicates are absorbed.
 */
@RestController
@Tag(name = "Provider webhooks")
class RetellWebhookController {

    private static final Logger log = LoggerFactory.getLogger(RetellWebhookController.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebhookInbox inbox;
    private final ProviderAccounts accounts;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Counter accepted;
    private final Counter duplicates;

    RetellWebhookController(WebhookInbox inbox, ProviderAccounts accounts, MeterRegistry meters, Clock clock) {
        this.inbox = inbox;
        this.accounts = accounts;
        this.meters = meters;
        this.clock = clock;
        this.accepted = meters.counter("switchboard.webhooks.accepted", "provider", "retell", "duplicate", "false");
        this.duplicates = meters.counter("switchboard.webhooks.accepted", "provider", "retell", "duplicate", "true");
    }

    @PostMapping(path = "/webhooks/retell", consumes = "*/*")
    @Operation(summary = "Receives Retell call events (call_started, call_ended, call_analyzed…), signed with x-retell-signature")
    ResponseEntity<Object> receive(@RequestBody(required = false) byte[] body,
                                   @RequestHeader(name = "x-retell-signature", required = false) String signature) {
        byte[] raw = body == null ? new byte[0] : body;
        Instant now = clock.instant();
        // The platform's keys first: they need no lookup, and they sign nearly every event.
        RetellSignature.Verdict verdict = RetellSignature.verify(raw, signature, accounts.signingKeys("retell", null), now);
        JsonNode event = parse(raw);
        String providerAgentId = event == null ? null : event.path("call").path("agent_id").asString(null);
        UUID organization = inbox.organizationOfProviderAgent(providerAgentId);
        if (verdict == RetellSignature.Verdict.MISMATCH && organization != null) {
            // An organization's own Retell account signs with its own key, found through the event's agent.
            verdict = RetellSignature.verify(raw, signature, accounts.signingKeys("retell", organization), now);
        }
        if (verdict != RetellSignature.Verdict.VALID) {
            meters.counter("switchboard.webhooks.rejected", "provider", "retell", "reason",
                    verdict.name().toLowerCase(java.util.Locale.ROOT)).increment();
            return reject(verdict);
        }
        if (event == null || !event.isObject()) {
            return cast(ProblemResponses.of(ApiProblem.badRequest("malformed-webhook", "The webhook body is not a JSON object.")));
        }
        // Retell documents "event"; some of its pages say "event_type": accept both.
        String type = event.path("event").asString(event.path("event_type").asString(""));
        String callId = event.path("call").path("call_id").asString(null);
        if (type.isBlank() || callId == null) {
            return cast(ProblemResponses.of(ApiProblem.badRequest("malformed-webhook",
                    "The webhook has no event type or no call.call_id.")));
        }
        boolean fresh = inbox.accept("retell", callId + ":" + type, type, callId,
                new String(raw, StandardCharsets.UTF_8), organization);
        (fresh ? accepted : duplicates).increment();
        if (!fresh) {
            log.debug("Duplicate Retell {} for call {} absorbed", type, callId);
        }
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<Object> reject(RetellSignature.Verdict verdict) {
        String detail = switch (verdict) {
            case MISSING -> "The x-retell-signature header is missing.";
            case MALFORMED -> "The x-retell-signature header is not of the form v=<timestamp>,d=<signature>.";
            case STALE -> "The signature's timestamp is more than 5 minutes away from now.";
            default -> "The signature does not match the body.";
        };
        return cast(ProblemResponses.of(new ApiProblem(HttpStatus.UNAUTHORIZED, "invalid-signature", "Invalid signature", detail)));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> cast(ResponseEntity<?> response) {
        return (ResponseEntity) response;
    }

    private static JsonNode parse(byte[] raw) {
        try {
            return raw.length == 0 ? null : JSON.readTree(raw);
        } catch (RuntimeException notJson) {
            return null;
        }
    }
}
