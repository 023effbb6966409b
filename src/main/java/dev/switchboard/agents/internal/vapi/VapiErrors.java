package dev.switchboard.agents.internal.vapi;

import dev.switchboard.platform.ProviderFailure;
import dev.switchboard.telephony.ProviderException;
import dev.switchboard.telephony.ProviderException.Kind;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vapi's refusals and outages in terms a user can act on. Vapi answers errors NestJS-style,
 * {@code {"message": "..." | ["..."], "error": "Bad Request", "statusCode": 400}}; its words are
 * kept as the provider message for the logs.
 */
final class VapiErrors {

    static final String PROVIDER = "vapi";
    private static final int LONGEST_VENDOR_MESSAGE = 300;
    // Vapi validation messages can quote what was sent; an API key or token must never travel on
    // in an exception message even if Vapi echoed one.
    private static final Pattern SECRET_LOOKING = Pattern.compile("(?i)(bearer\\s+)?[A-Za-z0-9_\\-]{32,}");

    private VapiErrors() {
    }

    /** Translates a non-2xx answer to {@code action} ("place the call", "create the agent"…). */
    static ProviderException fromResponse(int status, String body, String action, JsonMapper json) {
        String vendor = vendorMessage(body, json);
        String lower = vendor.toLowerCase(Locale.ROOT);
        return switch (status) {
            case 401, 403 -> new ProviderException(PROVIDER, Kind.UNAUTHORIZED, "Vapi refused the API key while trying to "
                    + action + ". Check the Vapi private API key in the provider settings.", vendor, null);
            case 402 -> new ProviderException(PROVIDER, Kind.REJECTED, "Vapi refused to " + action
                    + " because the Vapi account has no credit left. Add credit in the Vapi dashboard.", vendor, null);
            case 404 -> new ProviderException(PROVIDER, Kind.NOT_FOUND, "Vapi could not find what Switchboard asked for while "
                    + "trying to " + action + ". It may have been deleted in the Vapi dashboard.", vendor, null);
            case 429 -> new ProviderException(PROVIDER, Kind.RATE_LIMITED, "Vapi is limiting requests right now, so it "
                    + "could not " + action + ". Try again in a minute.", vendor, null);
            default -> {
                if (status >= 500) {
                    yield new ProviderException(PROVIDER, Kind.UNAVAILABLE, "Vapi failed while trying to " + action
                            + ". Try again in a few minutes.", vendor, null);
                }
                if (lower.contains("concurrency")) {
                    yield new ProviderException(PROVIDER, Kind.RATE_LIMITED, "The Vapi account is already running as many "
                            + "calls as it may at once, so it could not " + action + ". Try again when calls end, or "
                            + "raise the concurrency limit in Vapi.", vendor, null);
                }
                if (mentionsInvalidNumber(lower)) {
                    yield new ProviderException(PROVIDER, Kind.INVALID_NUMBER, "Vapi says a phone number is not valid, so "
                            + "it could not " + action + ". Enter numbers in international format, such as +14155550123.",
                            vendor, null);
                }
                yield new ProviderException(PROVIDER, Kind.REJECTED, "Vapi refused to " + action
                        + (vendor.isEmpty() ? "." : ": " + vendor), vendor, null);
            }
        };
    }

    /** Translates a failure to reach Vapi; {@code creates} says whether the request may have taken effect. */
    static ProviderException fromFailure(ProviderFailure failure, String action, boolean creates) {
        return switch (failure.kind()) {
            case TIMEOUT -> new ProviderException(PROVIDER, Kind.TIMEOUT, "Vapi did not answer in time while trying to "
                    + action + "." + (creates ? " It may still have done it: check Vapi before trying again." : " Try again."),
                    failure.getMessage(), failure);
            case RATE_LIMITED -> new ProviderException(PROVIDER, Kind.RATE_LIMITED, "Vapi is limiting requests right now, "
                    + "so it could not " + action + ". Try again " + after(failure.retryAfter()) + ".",
                    failure.getMessage(), failure);
            case SERVER_ERROR, NETWORK, UNAVAILABLE -> new ProviderException(PROVIDER, Kind.UNAVAILABLE,
                    "Vapi could not be reached or is failing, so Switchboard could not " + action
                            + ". Try again in a few minutes.", failure.getMessage(), failure);
        };
    }

    private static boolean mentionsInvalidNumber(String lower) {
        return (lower.contains("number") || lower.contains("e164") || lower.contains("e.164"))
                && (lower.contains("valid") || lower.contains("e164") || lower.contains("e.164") || lower.contains("format"));
    }

    private static String after(Duration retryAfter) {
        if (retryAfter == null || retryAfter.isZero() || retryAfter.isNegative()) {
            return "in a minute";
        }
        return "in " + Math.max(1, retryAfter.toSeconds()) + " seconds";
    }

    static String vendorMessage(String body, JsonMapper json) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text;
        try {
            JsonNode node = json.readTree(body);
            JsonNode message = node.path("message");
            if (message.isArray()) {
                StringBuilder joined = new StringBuilder();
                message.forEach(item -> joined.append(joined.isEmpty() ? "" : "; ").append(item.asString()));
                text = joined.toString();
            } else if (message.isString()) {
                text = message.asString();
            } else if (node.path("error").isString()) {
                text = node.path("error").asString();
            } else {
                text = body;
            }
        } catch (RuntimeException notJson) {
            text = body;
        }
        text = SECRET_LOOKING.matcher(text.replaceAll("\\s+", " ").trim()).replaceAll("[redacted]");
        return text.length() > LONGEST_VENDOR_MESSAGE ? text.substring(0, LONGEST_VENDOR_MESSAGE) + "…" : text;
    }
}
