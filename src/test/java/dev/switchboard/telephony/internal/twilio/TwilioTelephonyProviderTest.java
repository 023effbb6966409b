package dev.switchboard.telephony.internal.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderException;
import dev.switchboard.telephony.ProviderException.Kind;
import dev.switchboard.telephony.TelephonyProvider.OutboundCall;
import dev.switchboard.telephony.TelephonyProvider.PlacedCall;
import dev.switchboard.telephony.TelephonyProvider.SentMessage;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Twilio adapter through the official SDK, against WireMock answering in Twilio's REST format. */
class TwilioTelephonyProviderTest {

    private static final String SID = "AC00000000000000000000000000000001";
    private static final String TOKEN = "test-auth-token";
    private static final String CALLS = "/2010-04-01/Accounts/" + SID + "/Calls.json";
    private static final String MESSAGES = "/2010-04-01/Accounts/" + SID + "/Messages.json";
    private static final String ACCOUNT = "/2010-04-01/Accounts/" + SID + ".json";

    WireMockServer twilio;
    TwilioTelephonyProvider provider;
    ProviderAccount account;

    @BeforeEach
    void start() {
        twilio = new WireMockServer(wireMockConfig().dynamicPort());
        twilio.start();
        provider = new TwilioTelephonyProvider(Duration.ofSeconds(2), Duration.ofMillis(800));
        account = new ProviderAccount("twilio", URI.create(twilio.baseUrl()), TOKEN, Map.of("accountSid", SID), true);
    }

    @AfterEach
    void stop() {
        twilio.stop();
    }

    private static String error(int code, String message, int status) {
        return "{\"code\":" + code + ",\"message\":\"" + message + "\",\"more_info\":\"https://www.twilio.com/docs/errors/"
                + code + "\",\"status\":" + status + "}";
    }

    private static Map<String, List<String>> form(LoggedRequest request) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            String[] parts = pair.split("=", 2);
            form.computeIfAbsent(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), key -> new ArrayList<>())
                    .add(parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return form;
    }

    private OutboundCall call(String to) {
        return new OutboundCall("+14155550100", to, "https://switchboard.example/twilio/answer",
                "https://switchboard.example/twilio/status", 25);
    }

    @Test
    void placesACallWithTheAnswerUrlStatusCallbackAndRingTimeout() {
        twilio.stubFor(post(urlEqualTo(CALLS)).willReturn(okJson("""
                {"sid":"CA00000000000000000000000000000001","account_sid":"AC00000000000000000000000000000001",
                 "to":"+14155550123","from":"+14155550100","status":"queued","direction":"outbound-api",
                 "api_version":"2010-04-01","uri":"/2010-04-01/Accounts/AC00000000000000000000000000000001/Calls/CA00000000000000000000000000000001.json"}""")
                .withStatus(201)));

        PlacedCall placed = provider.placeCall(account, call("+14155550123"));

        assertThat(placed).isEqualTo(new PlacedCall("CA00000000000000000000000000000001", "queued"));
        LoggedRequest request = twilio.findAll(postRequestedFor(urlEqualTo(CALLS))).getFirst();
        assertThat(request.getHeader("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)));
        assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        Map<String, List<String>> form = form(request);
        assertThat(form).containsEntry("To", List.of("+14155550123"))
                .containsEntry("From", List.of("+14155550100"))
                .containsEntry("Url", List.of("https://switchboard.example/twilio/answer"))
                .containsEntry("StatusCallback", List.of("https://switchboard.example/twilio/status"))
                .containsEntry("Timeout", List.of("25"));
        assertThat(form.get("StatusCallbackEvent")).containsExactlyInAnyOrder("initiated", "ringing", "answered", "completed");
    }

    @Test
    void sendsATextMessage() {
        twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(okJson("""
                {"sid":"SM00000000000000000000000000000001","account_sid":"AC00000000000000000000000000000001",
                 "to":"+14155550123","from":"+14155550100","body":"See you at 10","status":"queued","num_segments":"1",
                 "direction":"outbound-api","api_version":"2010-04-01"}""").withStatus(201)));

        SentMessage sent = provider.sendSms(account, "+14155550100", "+14155550123", "See you at 10");

        assertThat(sent).isEqualTo(new SentMessage("SM00000000000000000000000000000001", "queued"));
        assertThat(form(twilio.findAll(postRequestedFor(urlEqualTo(MESSAGES))).getFirst()))
                .containsEntry("To", List.of("+14155550123"))
                .containsEntry("From", List.of("+14155550100"))
                .containsEntry("Body", List.of("See you at 10"));
    }

    @Test
    void translatesTwilioErrorCodesIntoWhatTheUserCanDo() {
        assertKind(400, error(21211, "The 'To' number +1555 is not a valid phone number.", 400), Kind.INVALID_NUMBER);
        assertKind(400, error(21212, "The 'From' number +1999 is not a valid phone number, shortcode, or alphanumeric sender ID.", 400),
                Kind.FROM_NUMBER_NOT_REGISTERED);
        assertKind(400, error(21210, "The source phone number provided, +14155550100, is not yet verified for your account.", 400),
                Kind.FROM_NUMBER_NOT_REGISTERED);
        assertKind(401, error(20003, "Authenticate", 401), Kind.UNAUTHORIZED);
        assertKind(404, error(20404, "The requested resource was not found", 404), Kind.NOT_FOUND);
        assertKind(429, error(20429, "Too Many Requests", 429), Kind.RATE_LIMITED);
        assertKind(400, error(21215, "Account not authorized to call +88012345678.", 400), Kind.REJECTED);
    }

    private void assertKind(int status, String body, Kind kind) {
        twilio.resetAll();
        twilio.stubFor(post(urlEqualTo(CALLS)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
        assertThatThrownBy(() -> provider.placeCall(account, call("+14155550123")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.provider()).isEqualTo("twilio");
                    assertThat(e.getMessage()).doesNotContain(TOKEN);
                });
    }

    @Test
    void anOutageIsUnavailableAndTheCallIsNotPlacedTwice() {
        twilio.stubFor(post(urlEqualTo(CALLS)).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json").withBody(error(20500, "Internal Server Error", 500))));

        assertThatThrownBy(() -> provider.placeCall(account, call("+14155550123")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
        twilio.verify(1, postRequestedFor(urlEqualTo(CALLS)));
    }

    @Test
    void aSlowAnswerIsATimeout() {
        twilio.stubFor(post(urlEqualTo(CALLS)).willReturn(okJson("{\"sid\":\"CA1\"}").withFixedDelay(2000)));

        assertThatThrownBy(() -> provider.placeCall(account, call("+14155550123")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
        twilio.verify(1, postRequestedFor(urlEqualTo(CALLS)));
    }

    @Test
    void validatesCredentialsByFetchingTheAccount() {
        twilio.stubFor(get(urlEqualTo(ACCOUNT)).withHeader("Authorization", equalTo("Basic "
                        + Base64.getEncoder().encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8))))
                .willReturn(okJson("""
                        {"sid":"AC00000000000000000000000000000001","friendly_name":"Clinic","status":"active","type":"Full"}""")));

        provider.validateCredentials(account);
    }

    @Test
    void refusedCredentialsAreUnauthorizedAndASuspendedAccountIsRejected() {
        twilio.stubFor(get(urlEqualTo(ACCOUNT)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody(error(20003, "Authenticate", 401))));
        assertThatThrownBy(() -> provider.validateCredentials(account))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED));

        twilio.resetAll();
        twilio.stubFor(get(urlEqualTo(ACCOUNT)).willReturn(okJson("""
                {"sid":"AC00000000000000000000000000000001","status":"suspended","type":"Full"}""")));
        assertThatThrownBy(() -> provider.validateCredentials(account))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.REJECTED);
                    assertThat(e.getMessage()).contains("suspended");
                });
    }

    @Test
    void missingCredentialsAreReportedBeforeCallingTwilio() {
        ProviderAccount noSid = new ProviderAccount("twilio", URI.create(twilio.baseUrl()), TOKEN, Map.of(), true);

        assertThatThrownBy(() -> provider.validateCredentials(noSid))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED));
        assertThat(twilio.getAllServeEvents()).isEmpty();
    }
}
