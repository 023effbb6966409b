package dev.switchboard.telephony.internal.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.AuthenticationException;
import com.twilio.exception.TwilioException;
import dev.switchboard.telephony.ProviderException;
import dev.switchboard.telephony.ProviderException.Kind;
import java.net.http.HttpTimeoutException;

/**
 * Twilio's error codes (https://www.twilio.com/docs/api/errors) in terms a user can act on.
 * Twilio's own message is kept as the provider message for the logs.
 */
final class TwilioErrors {

    static final String PROVIDER = "twilio";

    private TwilioErrors() {
    }

    /** Translates what the SDK threw while trying to {@code action} ("place the call"…). */
    static ProviderException translate(TwilioException exception, String action) {
        if (exception instanceof ApiConnectionException) {
            boolean timedOut = causedBy(exception, HttpTimeoutException.class);
            return new ProviderException(PROVIDER, timedOut ? Kind.TIMEOUT : Kind.UNAVAILABLE, timedOut
                    ? "Twilio did not answer in time while trying to " + action + ". It may still have done it: check "
                            + "the Twilio console before trying again."
                    : "Twilio could not be reached, so Switchboard could not " + action + ". Try again in a few minutes.",
                    exception.getMessage(), exception);
        }
        if (exception instanceof AuthenticationException) {
            return unauthorized(action, exception);
        }
        if (exception instanceof ApiException api) {
            return fromApi(api, action);
        }
        return new ProviderException(PROVIDER, Kind.UNAVAILABLE, "Twilio failed while trying to " + action
                + ". Try again in a few minutes.", exception.getMessage(), exception);
    }

    private static ProviderException fromApi(ApiException api, String action) {
        int code = api.getCode() == null ? 0 : api.getCode();
        int status = api.getStatusCode() == null ? 0 : api.getStatusCode();
        String vendor = (code == 0 ? "" : code + " ") + api.getMessage();
        return switch (code) {
            case 21211, 21214, 21217, 21614, 13223, 13224 -> new ProviderException(PROVIDER, Kind.INVALID_NUMBER,
                    "Twilio says the destination is not a valid phone number, so it could not " + action
                            + ". Check the number and enter it in international format, such as +14155550123.", vendor, api);
            case 21210, 21212, 21606, 21659, 21660 -> new ProviderException(PROVIDER, Kind.FROM_NUMBER_NOT_REGISTERED,
                    "The caller id is not a number of this Twilio account (or not verified there), so Twilio could not "
                            + action + ". Use a number bought in or verified with this Twilio account.", vendor, api);
            case 21219, 21608 -> new ProviderException(PROVIDER, Kind.REJECTED, "This is a Twilio trial account, which may "
                    + "only reach verified numbers, so Twilio could not " + action + ". Verify the number in Twilio or "
                    + "upgrade the account.", vendor, api);
            case 21215, 13227, 21408, 21612 -> new ProviderException(PROVIDER, Kind.REJECTED, "The Twilio account is not "
                    + "allowed to reach this destination, so Twilio could not " + action + ". Enable the country in "
                    + "Twilio's geographic permissions.", vendor, api);
            case 21610 -> new ProviderException(PROVIDER, Kind.REJECTED, "The recipient has opted out of messages from "
                    + "this number (they replied STOP), so Twilio could not " + action + ".", vendor, api);
            case 20003, 20005 -> unauthorized(action, api);
            case 20404 -> new ProviderException(PROVIDER, Kind.NOT_FOUND, "Twilio could not find what Switchboard asked "
                    + "for while trying to " + action + ". Check the Twilio account SID.", vendor, api);
            case 20429, 14107 -> rateLimited(action, vendor, api);
            default -> {
                if (status == 401 || status == 403) {
                    yield unauthorized(action, api);
                }
                if (status == 429) {
                    yield rateLimited(action, vendor, api);
                }
                if (status >= 500) {
                    yield new ProviderException(PROVIDER, Kind.UNAVAILABLE, "Twilio failed while trying to " + action
                            + ". Try again in a few minutes.", vendor, api);
                }
                yield new ProviderException(PROVIDER, Kind.REJECTED, "Twilio refused to " + action + ": "
                        + api.getMessage(), vendor, api);
            }
        };
    }

    private static ProviderException unauthorized(String action, TwilioException cause) {
        return new ProviderException(PROVIDER, Kind.UNAUTHORIZED, "Twilio refused the account SID or auth token while "
                + "trying to " + action + ". Check both in the Twilio provider settings.", cause.getMessage(), cause);
    }

    private static ProviderException rateLimited(String action, String vendor, ApiException cause) {
        return new ProviderException(PROVIDER, Kind.RATE_LIMITED, "Twilio is limiting requests right now, so it could not "
                + action + ". Try again in a minute.", vendor, cause);
    }

    private static boolean causedBy(Throwable throwable, Class<? extends Throwable> type) {
        for (Throwable cause = throwable; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
