package dev.switchboard.calls.internal.webhooks;

import dev.switchboard.platform.ProviderClient;
import dev.switchboard.platform.ProviderFailure;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registers an inbound carrier call with a Retell-compatible voice provider so that its agent
 * answers it: {@code POST /v2/register-phone-call} ({@code agent_id}, {@code direction},
 * {@code from_number}, {@code to_number}, {@code metadata}) answers the new call's
 * {@code call_id}, which the carrier then dials over SIP at {@link #SIP_DOMAIN}.
 */
@Component
class InboundCallRegistration {

    /** Where Retell receives registered calls: {@code sip:{call_id}@} this domain. */
    static final String SIP_DOMAIN = "5t4n6j0wnrl.sip.livekit.cloud";

    // The caller is ringing meanwhile: Twilio gives up on the webhook after 15 seconds.
    private static final Duration TIMEOUT = Duration.ofSeconds(8);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ProviderClient.Factory clients;

    InboundCallRegistration(ProviderClient.Factory clients) {
        this.clients = clients;
    }

    /** The provider's id of the registered call; throws {@link ProviderException} when it refuses or fails. */
    String register(ProviderAccount account, String providerAgentId, String from, String to, Map<String, String> metadata) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agent_id", providerAgentId);
        body.put("direction", "inbound");
        if (from != null) {
            body.put("from_number", from);
        }
        if (to != null) {
            body.put("to_number", to);
        }
        body.put("metadata", metadata);
        ProviderClient.Response response;
        try {
            response = clients.client(account.provider(), account.baseUrl(), account.apiKey()).send(ProviderClient.Request
                    .json("POST", "/v2/register-phone-call", JSON.writeValueAsString(body), TIMEOUT, false)
                    .withHeader("Authorization", "Bearer " + account.apiKey()));
        } catch (ProviderFailure failure) {
            throw new ProviderException(account.provider(), ProviderException.Kind.UNAVAILABLE,
                    "The voice provider could not be reached to answer the call.", failure.getMessage(), failure);
        }
        String callId = response.ok() ? callId(response.text()) : null;
        if (callId == null) {
            throw new ProviderException(account.provider(), ProviderException.Kind.REJECTED,
                    "The voice provider did not take the call.", response.status() + " " + response.text(), null);
        }
        return callId;
    }

    private static String callId(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            String id = node.path("call_id").asString("");
            return id.isBlank() ? null : id;
        } catch (RuntimeException notJson) {
            return null;
        }
    }
}
