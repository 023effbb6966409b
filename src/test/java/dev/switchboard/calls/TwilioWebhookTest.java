package dev.switchboard.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.switchboard.platform.SecretStore;
import dev.switchboard.platform.TenantScope;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Twilio status callbacks: X-Twilio-Signature checked with the SDK's validator against the public
 * URL (what Twilio signed, also behind a proxy), stored once, applied to the call the leg was
 * connected to.
 */
@SwitchboardTest
class TwilioWebhookTest {

    /** Switchboard's configured public URL in tests (switchboard.public-url). */
    static final String PUBLIC_URL = "http://localhost:8080";

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    @Autowired MeterRegistry meters;
    @Autowired SecretStore secrets;
    @Autowired TransactionTemplate tx;
    Api api;
    Api.Account admin;
    String token;
    String number;

    @BeforeEach
    void anOrganizationWithItsOwnTwilioAccountAndANumber() {
        api = new Api(mvc);
        admin = api.signUp("Twilio Co " + UUID.randomUUID());
        token = "tw_token_" + UUID.randomUUID().toString().replace("-", "");
        connectTwilio(database, secrets, tx, admin.organizationId(), token);
        number = randomNumber();
        assignNumber(database, admin.organizationId(), number, null, "active");
    }

    @Test
    void aSignedStatusCallbackIsStoredOnceAndDuplicatesAreAbsorbed() {
        String sid = callSid();
        Map<String, String> params = status(sid, "ringing");
        assertThat(deliver("/webhooks/twilio/status", params, sign(token, PUBLIC_URL + "/webhooks/twilio/status", params))
                .getResponse().getStatus()).isEqualTo(204);
        assertThat(deliver("/webhooks/twilio/status", params, sign(token, PUBLIC_URL + "/webhooks/twilio/status", params))
                .getResponse().getStatus()).isEqualTo(204);
        var row = database.owner().sql("select provider, event_type, deliveries, subject_organization_id from webhook_inbox "
                + "where provider_call_id = ?").param(sid).query().singleRow();
        assertThat(row.get("provider")).isEqualTo("twilio");
        assertThat(row.get("event_type")).isEqualTo("twilio_ringing");
        assertThat(row.get("deliveries")).isEqualTo(2);
        assertThat(row.get("subject_organization_id")).isEqualTo(admin.organizationId());
    }

    @Test
    void missingAndWrongSignaturesAre401CountedAndNothingIsStored() {
        String sid = callSid();
        Map<String, String> params = status(sid, "completed");
        double before = rejected("missing") + rejected("mismatch");
        assertThat(deliver("/webhooks/twilio/status", params, null).getResponse().getStatus()).isEqualTo(401);
        assertThat(deliver("/webhooks/twilio/status", params, sign("another-token", PUBLIC_URL + "/webhooks/twilio/status", params))
                .getResponse().getStatus()).isEqualTo(401);
        Map<String, String> tampered = new TreeMap<>(params);
        tampered.put("CallStatus", "busy");
        assertThat(deliver("/webhooks/twilio/status", tampered, sign(token, PUBLIC_URL + "/webhooks/twilio/status", params))
                .getResponse().getStatus()).isEqualTo(401);
        assertThat(deliver("/webhooks/twilio/voice", params, "bm90IGEgc2lnbmF0dXJl").getResponse().getStatus()).isEqualTo(401);
        assertThat(rejected("missing") + rejected("mismatch")).isEqualTo(before + 4);
        assertThat(database.owner().sql("select count(*) from webhook_inbox where provider_call_id = ?").param(sid)
                .query(Long.class).single()).isZero();
    }

    @Test
    void behindAProxyTheConfiguredPublicUrlIsWhatTwilioSigned() {
        Map<String, String> params = status(callSid(), "queued");
        // The server sees http://localhost/webhooks/twilio/status; Twilio called the public URL.
        assertThat(deliver("/webhooks/twilio/status", params, sign(token, PUBLIC_URL + "/webhooks/twilio/status", params))
                .getResponse().getStatus()).isEqualTo(204);
        Map<String, String> other = status(callSid(), "queued");
        assertThat(deliver("/webhooks/twilio/status", other, sign(token, "https://elsewhere.example/webhooks/twilio/status", other))
                .getResponse().getStatus()).isEqualTo(401);
    }

    @Test
    void aStatusCallbackEndsTheCallItsLegWasConnectedTo() {
        String sid = callSid();
        UUID callId = UUID.randomUUID();
        String providerCallId = "call_" + UUID.randomUUID().toString().replace("-", "");
        database.owner().sql("""
                insert into calls (id, organization_id, provider, provider_call_id, direction, from_number, to_number, status, metadata)
                values (?, ?, 'sandbox', ?, 'inbound', '+14155550123', ?, 'in_progress', jsonb_build_object('twilioCallSid', ?::text))""")
                .params(callId, admin.organizationId(), providerCallId, number, sid).update();
        Map<String, String> params = new TreeMap<>(status(sid, "busy"));
        params.put("CallDuration", "0");
        assertThat(deliver("/webhooks/twilio/status", params, sign(token, PUBLIC_URL + "/webhooks/twilio/status", params))
                .getResponse().getStatus()).isEqualTo(204);
        var call = await().atMost(Duration.ofSeconds(10)).until(() -> database.owner()
                .sql("select status, disposition from calls where id = ?").param(callId).query().singleRow(),
                c -> "completed".equals(c.get("status")));
        assertThat(call.get("disposition")).isEqualTo("busy");
        assertThat(database.owner().sql("select count(*) from calls where organization_id = ?").param(admin.organizationId())
                .query(Long.class).single()).isEqualTo(1);
    }

    private Map<String, String> status(String sid, String callStatus) {
        Map<String, String> params = new TreeMap<>();
        params.put("AccountSid", "AC" + "0".repeat(32));
        params.put("CallSid", sid);
        params.put("CallStatus", callStatus);
        params.put("Direction", "inbound");
        params.put("From", "+14155550123");
        params.put("To", number);
        return params;
    }

    private MvcResult deliver(String path, Map<String, String> params, String signature) {
        return api.perform(request(path, params, signature));
    }

    static MockHttpServletRequestBuilder request(String path, Map<String, String> params, String signature) {
        MockHttpServletRequestBuilder request = post(path).contentType(MediaType.APPLICATION_FORM_URLENCODED);
        params.forEach(request::param);
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return request;
    }

    private double rejected(String reason) {
        var counter = meters.find("switchboard.webhooks.rejected").tag("provider", "twilio").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    static String callSid() {
        return "CA" + UUID.randomUUID().toString().replace("-", "");
    }

    static String randomNumber() {
        return "+1415" + (2000000 + ThreadLocalRandom.current().nextInt(7_000_000));
    }

    /** The organization brings its own Twilio account (its auth token signs its webhooks). */
    static void connectTwilio(TestDatabase database, SecretStore secrets, TransactionTemplate tx, UUID organization, String token) {
        database.owner().sql("insert into organization_provider_accounts (organization_id, provider, mode, key_last_four, settings) "
                + "values (?, 'twilio', 'own', 'abcd', jsonb_build_object('accountSid', ?::text))")
                .params(organization, "AC" + "1".repeat(32)).update();
        TenantScope.runAs(organization, () -> tx.executeWithoutResult(s -> secrets.put("provider.twilio.credential", token)));
    }

    /** A number of the platform's, assigned to the organization with {@code inboundAgent} answering. */
    static UUID assignNumber(TestDatabase database, UUID organization, String e164, UUID inboundAgent, String status) {
        UUID id = UUID.randomUUID();
        database.owner().sql("insert into phone_numbers (id, e164, display_name, provider, status) values (?, ?, 'Main line', 'twilio', ?)")
                .params(id, e164, status).update();
        if (organization != null) {
            database.owner().sql("insert into organization_phone_numbers (organization_id, phone_number_id, inbound_agent_id) "
                    + "values (?, ?, ?)").params(organization, id, inboundAgent).update();
        }
        return id;
    }

    /** X-Twilio-Signature as Twilio makes it: Base64 HMAC-SHA1 of the URL and the sorted parameters. */
    static String sign(String authToken, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
