package dev.switchboard.agents.internal.retell;

import dev.switchboard.platform.ProviderFailure;
import dev.switchboard.telephony.ProviderException;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Translates Retell's answers into the user-facing provider errors of the seed. */
final class RetellErrors {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RetellErrors() {
    }

    static ProviderException fromResponse(String provider, int status, String body) {
        String message = message(body);
        String lower = message.toLowerCase(Locale.ROOT);
        if (status == 401 || status == 403) {
            return new ProviderException(provider, ProviderException.Kind.UNAUTHORIZED,
                    "The voice provider refused Switchboard's credentials. Check the API key in Settings → Integrations.",
                    message, null);
        }
        if (status == 404) {
            return new ProviderException(provider, ProviderException.Kind.NOT_FOUND,
                    "The voice provider does not know this object any more. Sync the agent or number again.", message, null);
        }
        if (status == 429) {
            return new ProviderException(provider, ProviderException.Kind.RATE_LIMITED,
                    "The voice provider is rate limiting Switchboard. Wait a minute and try again.", message, null);
        }
        if (lower.contains("not a valid number") || lower.contains("invalid phone") || lower.contains("e.164")) {
            return new ProviderException(provider, ProviderException.Kind.INVALID_NUMBER,
                    "A phone number is not valid: " + message + ". Use the E.164 format, such as +14155551234.", message, null);
        }
        if (lower.contains("outbound agent")) {
            return new ProviderException(provider, ProviderException.Kind.MISSING_AGENT,
                    "No outbound agent is set for the calling number. Choose the agent that places calls from it on the "
                            + "Phone Numbers page.", message, null);
        }
        if (lower.contains("from_number") || lower.contains("from number")) {
            return new ProviderException(provider, ProviderException.Kind.FROM_NUMBER_NOT_REGISTERED,
                    "The calling number is not registered with the voice provider. Sync the number on the Phone Numbers "
                            + "page, or choose another primary number.", message, null);
        }
        if (lower.contains("agent")) {
            return new ProviderException(provider, ProviderException.Kind.MISSING_AGENT,
                    "No outbound agent is set for the calling number. Choose the agent that places calls from it on the "
                            + "Phone Numbers page.", message, null);
        }
        if (status >= 500) {
            return new ProviderException(provider, ProviderException.Kind.UNAVAILABLE,
                    "The voice provider is having trouble right now. Try again in a few minutes.", message, null);
        }
        return new ProviderException(provider, ProviderException.Kind.REJECTED,
                "The voice provider refused the request: " + message, message, null);
    }

    static ProviderException fromFailure(String provider, ProviderFailure failure) {
        return switch (failure.kind()) {
            case TIMEOUT -> new ProviderException(provider, ProviderException.Kind.TIMEOUT,
                    "The voice provider did not answer in time. Nothing may have been created; check before trying again.",
                    failure.getMessage(), failure);
            case RATE_LIMITED -> new ProviderException(provider, ProviderException.Kind.RATE_LIMITED,
                    "The voice provider is rate limiting Switchboard. Try again " + (failure.retryAfter() == null
                            ? "in a minute" : "in " + Math.max(1, failure.retryAfter().toSeconds()) + " s") + ".",
                    failure.getMessage(), failure);
            case UNAVAILABLE -> new ProviderException(provider, ProviderException.Kind.UNAVAILABLE,
                    "The voice provider failed repeatedly, so Switchboard paused requests to it; it tries again in "
                            + failure.retryAfter().toSeconds() + " s. Nothing was sent.", failure.getMessage(), failure);
            default -> new ProviderException(provider, ProviderException.Kind.UNAVAILABLE,
                    "The voice provider cannot be reached right now. Try again in a few minutes.", failure.getMessage(), failure);
        };
    }

    private static String message(String body) {
        if (body == null || body.isBlank()) {
            return "no details";
        }
        try {
            JsonNode node = JSON.readTree(body);
            for (String field : new String[] {"message", "error_message", "error", "detail"}) {
                if (node.hasNonNull(field) && node.get(field).isString()) {
                    return node.get(field).asString();
                }
            }
        } catch (RuntimeException notJson) {
            // plain text body
        }
        return body.length() > 300 ? body.substring(0, 300) : body;
    }
}
