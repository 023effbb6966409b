package dev.switchboard.calls.internal.webhooks;

import dev.switchboard.calls.internal.PhoneNumbers;
import dev.switchboard.telephony.ProviderAccounts;
import dev.switchboard.telephony.TwilioRequestValidator;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's voice webhook (an inbound call on a number: answered with TwiML) and status callbacks
 * (the call's progress). {@code X-Twilio-Signature} is checked first with the Twilio SDK's
 * validator against the URL Twilio called: the configured public URL
 * ({@code switchboard.public-url}) with this path, which is what Twilio sees when Switchboard
 * runs behind a proxy, or else the URL as this server received it. A request that fails gets
 * 401, is counted, and nothing else about it is looked at. Verified requests are stored in the
 * inbox (one row per call and status, duplicates absorbed) before the answer.
 */
@RestController
@Tag(name = "Provider webhooks")
class TwilioWebhookController {

    private static final String PROVIDER = "twilio";
    private static final MediaType XML = MediaType.parseMediaType("text/xml;charset=UTF-8");

    private final WebhookInbox inbox;
    private final ProviderAccounts accounts;
    private final InboundCallAnswering answering;
    private final MeterRegistry meters;
    private final String publicUrl;

    TwilioWebhookController(WebhookInbox inbox, ProviderAccounts accounts, InboundCallAnswering answering,
                            MeterRegistry meters, @Value("${switchboard.public-url:http://localhost:8080}") String publicUrl) {
        this.inbox = inbox;
        this.accounts = accounts;
        this.answering = answering;
        this.meters = meters;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    @PostMapping(path = "/webhooks/twilio/voice")
    @Operation(summary = "Answers an inbound call on a number with TwiML: connects it to the number's inbound AI agent, or says the number is not in service")
    ResponseEntity<Object> voice(HttpServletRequest request) {
        Map<String, String> params = postParameters(request);
        UUID organization = inbox.inboundLine(e164(params.get("To"))).map(WebhookInbox.InboundLine::organizationId).orElse(null);
        ResponseEntity<Object> refused = verify(request, params, organization);
        if (refused != null) {
            return refused;
        }
        String callSid = params.get("CallSid");
        if (callSid == null || callSid.isBlank()) {
            return WebhookRejections.malformed("The request has no CallSid.");
        }
        String twiml = answering.answer(callSid, e164(params.get("From")), e164(params.get("To")));
        boolean fresh = inbox.accept(PROVIDER, callSid + ":voice", "twilio_voice", callSid, form(params), organization);
        WebhookRejections.accepted(meters, PROVIDER, fresh);
        return ResponseEntity.ok().contentType(XML).body(twiml);
    }

    @PostMapping(path = "/webhooks/twilio/status")
    @Operation(summary = "Receives Twilio call status callbacks (CallStatus queued … completed, busy, no-answer, failed, canceled)")
    ResponseEntity<Object> status(HttpServletRequest request) {
        Map<String, String> params = postParameters(request);
        String callSid = params.get("CallSid");
        UUID organization = inbox.organizationOfTwilioCall(callSid);
        if (organization == null) {
            organization = inbox.inboundLine(e164(params.get("To"))).map(WebhookInbox.InboundLine::organizationId).orElse(null);
        }
        ResponseEntity<Object> refused = verify(request, params, organization);
        if (refused != null) {
            return refused;
        }
        String callStatus = params.get("CallStatus");
        if (callSid == null || callSid.isBlank() || callStatus == null || callStatus.isBlank()) {
            return WebhookRejections.malformed("The request has no CallSid or no CallStatus.");
        }
        boolean fresh = inbox.accept(PROVIDER, callSid + ":status:" + callStatus, "twilio_" + callStatus.replace('-', '_'),
                callSid, form(params), organization);
        WebhookRejections.accepted(meters, PROVIDER, fresh);
        return ResponseEntity.noContent().build();
    }

    /** Null when the signature is valid for one of the organization's (or the platform's) auth tokens. */
    private ResponseEntity<Object> verify(HttpServletRequest request, Map<String, String> params, UUID organization) {
        String signature = request.getHeader("X-Twilio-Signature");
        if (signature == null || signature.isBlank()) {
            return WebhookRejections.reject(meters, PROVIDER, "missing", "The X-Twilio-Signature header is missing.");
        }
        List<String> tokens = accounts.signingKeys(PROVIDER, organization);
        for (String url : calledUrls(request)) {
            for (String token : tokens) {
                if (TwilioRequestValidator.valid(token, url, params, signature)) {
                    return null;
                }
            }
        }
        return WebhookRejections.reject(meters, PROVIDER, "mismatch", "The X-Twilio-Signature does not match the URL "
                + "and parameters. Behind a proxy, set switchboard.public-url to the address Twilio calls.");
    }

    /** The public URL first: behind a proxy the URL this server sees is not the one Twilio signed. */
    private Set<String> calledUrls(HttpServletRequest request) {
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        Set<String> urls = new LinkedHashSet<>();
        urls.add(publicUrl + request.getRequestURI() + query);
        urls.add(request.getRequestURL() + query);
        return urls;
    }

    /** The POST parameters only: Twilio signs query parameters as part of the URL, not again. */
    static Map<String, String> postParameters(HttpServletRequest request) {
        Set<String> inQuery = new HashSet<>();
        if (request.getQueryString() != null) {
            for (String pair : request.getQueryString().split("&")) {
                int eq = pair.indexOf('=');
                inQuery.add(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8));
            }
        }
        Map<String, String> params = new TreeMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (!inQuery.contains(name) && values.length > 0) {
                params.put(name, values[0]);
            }
        });
        return params;
    }

    /** The parameters as a form body, as stored in the inbox. */
    private static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String e164(String number) {
        return PhoneNumbers.toE164(number, "US").orElse(null);
    }
}
