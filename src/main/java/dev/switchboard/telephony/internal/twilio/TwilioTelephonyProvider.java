package dev.switchboard.telephony.internal.twilio;

import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderException;
import dev.switchboard.telephony.ProviderException.Kind;
import dev.switchboard.telephony.TelephonyProvider;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Twilio behind the {@link TelephonyProvider} port, with the official SDK. Credentials are the
 * account SID (setting {@code accountSid}) and the auth token (the account's API key); one
 * {@link TwilioRestClient} is kept per account, on a transport with Switchboard's timeouts
 * ({@link TwilioHttpClient}). SDK exceptions become {@link ProviderException}s.
 */
@Component
class TwilioTelephonyProvider implements TelephonyProvider {

    static final String ID = "twilio";
    // Twilio rings between 5 and 600 seconds; it would cap larger values itself, but a request
    // outside the range is refused, so it is clamped here.
    private static final int SHORTEST_RING = 5;
    private static final int LONGEST_RING = 600;

    private final Duration connectTimeout;
    private final Duration timeout;
    private final Map<String, TwilioRestClient> clients = new ConcurrentHashMap<>();

    TwilioTelephonyProvider(@Value("${switchboard.providers.twilio.connect-timeout:5s}") Duration connectTimeout,
                            @Value("${switchboard.providers.twilio.timeout:15s}") Duration timeout) {
        if (connectTimeout.isNegative() || connectTimeout.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("switchboard.providers.twilio.connect-timeout and .timeout must be "
                    + "positive, but were " + connectTimeout + " and " + timeout);
        }
        this.connectTimeout = connectTimeout;
        this.timeout = timeout;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public PlacedCall placeCall(ProviderAccount account, OutboundCall call) {
        TwilioRestClient client = client(account);
        Call created = twilio("place the call", () -> {
            var creator = Call.creator(client.getAccountSid(), new PhoneNumber(call.to()), new PhoneNumber(call.from()),
                    URI.create(call.answerUrl()));
            if (call.statusCallbackUrl() != null && !call.statusCallbackUrl().isBlank()) {
                creator.setStatusCallback(URI.create(call.statusCallbackUrl()))
                        .setStatusCallbackEvent(List.of("initiated", "ringing", "answered", "completed"));
            }
            if (call.timeoutSeconds() > 0) {
                creator.setTimeout(Math.clamp(call.timeoutSeconds(), SHORTEST_RING, LONGEST_RING));
            }
            return creator.create(client);
        });
        return new PlacedCall(created.getSid(), created.getStatus() == null ? null : created.getStatus().toString());
    }

    @Override
    public SentMessage sendSms(ProviderAccount account, String from, String to, String body) {
        TwilioRestClient client = client(account);
        Message sent = twilio("send the text message", () -> Message.creator(client.getAccountSid(), new PhoneNumber(to),
                new PhoneNumber(from), body).create(client));
        return new SentMessage(sent.getSid(), sent.getStatus() == null ? null : sent.getStatus().toString());
    }

    @Override
    public void validateCredentials(ProviderAccount account) {
        TwilioRestClient client = client(account);
        Account fetched = twilio("check the credentials", () -> Account.fetcher(client.getAccountSid()).fetch(client));
        if (fetched.getStatus() != null && fetched.getStatus() != Account.Status.ACTIVE) {
            throw new ProviderException(ID, Kind.REJECTED, "The Twilio account is " + fetched.getStatus()
                    + ", so it cannot place calls. Reactivate it in the Twilio console.", "account " + fetched.getStatus(), null);
        }
    }

    private <T> T twilio(String action, Supplier<T> request) {
        try {
            return request.get();
        } catch (TwilioException e) {
            throw TwilioErrors.translate(e, action);
        }
    }

    private TwilioRestClient client(ProviderAccount account) {
        String sid = account.setting("accountSid");
        if (sid == null || sid.isBlank() || account.apiKey() == null || account.apiKey().isBlank()) {
            throw new ProviderException(ID, Kind.UNAUTHORIZED, "The Twilio account SID or auth token is missing. Add both "
                    + "in the Twilio provider settings.", null, null);
        }
        // Keyed by a digest so that the token does not sit in a map key that may be logged or dumped.
        String key = sid + ' ' + sha256(account.apiKey()) + ' ' + account.baseUrl();
        return clients.computeIfAbsent(key, ignored -> new TwilioRestClient.Builder(sid, account.apiKey())
                .accountSid(sid)
                .httpClient(new TwilioHttpClient(account.baseUrl(), connectTimeout, timeout))
                .build());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
