package dev.switchboard.calls.internal.webhooks;

import dev.switchboard.agents.VapiServerMessageAuthentication;
import dev.switchboard.agents.VapiServerMessageAuthentication.Outcome;
import dev.switchboard.platform.TenantScope;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderAccounts;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vapi server messages ({@code {"message": {"type", "call", …}}}). Authenticated on the raw body
 * first, as configured: an HMAC credential ({@code x-signature} + {@code x-timestamp}) when an
 * HMAC secret is set, else the shared secret Vapi sends as {@code x-vapi-secret}; the
 * organization's own Vapi account settings ({@code serverHmacSecret}, {@code serverSecret}) win
 * over the platform's ({@code switchboard.webhooks.vapi.*}). A request that fails gets 401, is
 * counted, and nothing else about it is looked at. Call lifecycle messages are stored in the inbox
 * (duplicates absorbed) and answered at once; other messages are acknowledged and not kept.
 */
@RestController
@Tag(name = "Provider webhooks")
class VapiWebhookController {

    /** The messages that change a call; others (transcripts, speech updates…) are not kept. */
    static final Set<String> CALL_MESSAGES = Set.of("status-update", "end-of-call-report", "hang");

    private static final Logger log = LoggerFactory.getLogger(VapiWebhookController.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PROVIDER = "vapi";

    private final WebhookInbox inbox;
    private final ProviderAccounts accounts;
    private final MeterRegistry meters;
    private final Clock clock;
    private final String platformSecret;
    private final String platformHmacSecret;

    VapiWebhookController(WebhookInbox inbox, ProviderAccounts accounts, MeterRegistry meters, Clock clock,
                          @Value("${switchboard.webhooks.vapi.secret:}") String platformSecret,
                          @Value("${switchboard.webhooks.vapi.hmac-secret:}") String platformHmacSecret) {
        this.inbox = inbox;
        this.accounts = accounts;
        this.meters = meters;
        this.clock = clock;
        this.platformSecret = platformSecret;
        this.platformHmacSecret = platformHmacSecret;
    }

    /** The secrets a message must be authenticated with; both null when none is configured. */
    record Secrets(String sharedSecret, String hmacSecret) {
    }

    @PostMapping(path = "/webhooks/vapi", consumes = "*/*")
    @Operation(summary = "Receives Vapi server messages (status-update, end-of-call-report…), authenticated with x-vapi-secret or an HMAC x-signature")
    ResponseEntity<Object> receive(@RequestBody(required = false) byte[] body, HttpServletRequest request) {
        byte[] raw = body == null ? new byte[0] : body;
        JsonNode message = parse(raw).path("message");
        JsonNode call = message.path("call");
        UUID organization = organizationOf(call);
        Outcome outcome = authenticate(secretsFor(organization), request, raw);
        if (outcome != Outcome.AUTHENTIC) {
            return WebhookRejections.reject(meters, PROVIDER, outcome.name(), switch (outcome) {
                case MISSING -> "The x-vapi-secret header (or x-signature and x-timestamp) is missing.";
                case STALE -> "The signature's x-timestamp is more than 5 minutes away from now.";
                default -> "The secret or signature does not match.";
            });
        }
        String type = message.path("type").asString("");
        if (type.isBlank()) {
            return WebhookRejections.malformed("The body is not a Vapi server message: {\"message\": {\"type\": …}}.");
        }
        if (!CALL_MESSAGES.contains(type)) {
            meters.counter("switchboard.webhooks.ignored", "provider", PROVIDER, "type", type).increment();
            return ResponseEntity.ok().body(JSON.createObjectNode());
        }
        String callId = call.path("id").asString(null);
        if (callId == null || callId.isBlank()) {
            return WebhookRejections.malformed("The Vapi " + type + " message has no message.call.id.");
        }
        boolean fresh = inbox.accept(PROVIDER, eventKey(callId, type, message), type, callId,
                new String(raw, StandardCharsets.UTF_8), organization);
        WebhookRejections.accepted(meters, PROVIDER, fresh);
        if (!fresh) {
            log.debug("Duplicate Vapi {} for call {} absorbed", type, callId);
        }
        return ResponseEntity.ok().body(JSON.createObjectNode());
    }

    /** One key per distinct fact: a status update per status reached, other messages once per call. */
    static String eventKey(String callId, String type, JsonNode message) {
        return "status-update".equals(type) ? callId + ":" + type + ":" + message.path("status").asString("")
                : callId + ":" + type;
    }

    private UUID organizationOf(JsonNode call) {
        UUID byAssistant = inbox.organizationOfProviderAgent(call.path("assistantId").asString(null));
        return byAssistant != null ? byAssistant : inbox.organizationOfProviderCall(PROVIDER, call.path("id").asString(null));
    }

    private Secrets secretsFor(UUID organization) {
        if (organization != null) {
            ProviderAccount account = TenantScope.callAs(organization, accounts::voiceAccount);
            if (account.organizationOwned() && PROVIDER.equals(account.provider())) {
                Secrets own = new Secrets(blankToNull(account.setting("serverSecret")),
                        blankToNull(account.setting("serverHmacSecret")));
                if (own.sharedSecret() != null || own.hmacSecret() != null) {
                    return own;
                }
            }
        }
        return new Secrets(blankToNull(platformSecret), blankToNull(platformHmacSecret));
    }

    private Outcome authenticate(Secrets secrets, HttpServletRequest request, byte[] raw) {
        if (secrets.hmacSecret() != null) {
            return VapiServerMessageAuthentication.verifyHmac(secrets.hmacSecret(), request::getHeader, raw, clock.instant());
        }
        if (secrets.sharedSecret() != null) {
            return VapiServerMessageAuthentication.verifySecret(secrets.sharedSecret(), request::getHeader);
        }
        // No secret configured: nothing can prove a message is Vapi's, so none is accepted.
        return request.getHeader("x-vapi-secret") == null && request.getHeader("x-signature") == null
                ? Outcome.MISSING : Outcome.MISMATCH;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static JsonNode parse(byte[] raw) {
        try {
            return raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
        } catch (RuntimeException notJson) {
            return JSON.createObjectNode();
        }
    }
}
