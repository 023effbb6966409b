package dev.switchboard.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.switchboard.platform.SecretStore;
import dev.switchboard.platform.TenantScope;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.support.TransactionTemplate;

/** Retell webhooks: verified on the raw body, stored once, answered fast; everything else is 401. */
@SwitchboardTest
class RetellWebhookTest {

    static final String SANDBOX_KEY = "sandbox-platform-key";

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    @Autowired MeterRegistry meters;
    @Autowired SecretStore secrets;
    @Autowired TransactionTemplate tx;
    Api api;
    String callId;

    @BeforeEach
    void setUp() {
        api = new Api(mvc);
        callId = "call_" + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void aSignedEventIsStoredOnceAndDuplicatesAreAbsorbed() {
        String body = event("call_ended", "agent_x");
        assertThat(deliver(body, sign(body, SANDBOX_KEY, System.currentTimeMillis())).getResponse().getStatus()).isEqualTo(204);
        assertThat(deliver(body, sign(body, SANDBOX_KEY, System.currentTimeMillis())).getResponse().getStatus()).isEqualTo(204);
        var row = database.owner().sql("select event_type, deliveries, raw_body from webhook_inbox where provider_call_id = ?")
                .param(callId).query().singleRow();
        assertThat(row.get("event_type")).isEqualTo("call_ended");
        assertThat(row.get("deliveries")).isEqualTo(2);
        assertThat(row.get("raw_body")).isEqualTo(body);
    }

    @Test
    void unsignedBadlySignedAndStaleRequestsAre401AndCounted() {
        String body = event("call_started", "agent_x");
        double before = rejected("mismatch") + rejected("missing") + rejected("stale") + rejected("malformed");
        assertThat(deliver(body, null).getResponse().getStatus()).isEqualTo(401);
        assertThat(deliver(body, sign(body, "some-other-key", System.currentTimeMillis())).getResponse().getStatus()).isEqualTo(401);
        assertThat(deliver(body, sign(body, SANDBOX_KEY, System.currentTimeMillis() - 6 * 60_000)).getResponse().getStatus()).isEqualTo(401);
        assertThat(deliver(body, "v=abc,d=zz").getResponse().getStatus()).isEqualTo(401);
        String tampered = body.replace("call_started", "call_ended");
        assertThat(deliver(tampered, sign(body, SANDBOX_KEY, System.currentTimeMillis())).getResponse().getStatus()).isEqualTo(401);
        assertThat(rejected("mismatch") + rejected("missing") + rejected("stale") + rejected("malformed")).isEqualTo(before + 5);
        assertThat(database.owner().sql("select count(*) from webhook_inbox where provider_call_id = ?").param(callId)
                .query(Long.class).single()).isZero();
    }

    @Test
    void aSignedButMalformedEventIsA400() {
        String body = "{\"event\":\"call_ended\"}";
        MvcResult result = deliver(body, sign(body, SANDBOX_KEY, System.currentTimeMillis()));
        assertThat(result.getResponse().getStatus()).isEqualTo(400);
    }

    @Test
    void anOrganizationsOwnRetellKeyIsAcceptedForItsAgents() {
        Api.Account admin = api.signUp("Own key Co");
        String ownKey = "key_own_" + UUID.randomUUID();
        String agentId = "agent_" + UUID.randomUUID();
        database.owner().sql("insert into agents (id, organization_id, name, type, prompt_template, provider, provider_agent_id) "
                + "values (?, ?, 'Own', 'custom', 'Hi', 'retell', ?)").params(UUID.randomUUID(), admin.organizationId(), agentId).update();
        database.owner().sql("insert into organization_provider_accounts (organization_id, provider, mode, key_last_four) "
                + "values (?, 'retell', 'own', 'abcd')").param(admin.organizationId()).update();
        TenantScope.runAs(admin.organizationId(), () -> tx.executeWithoutResult(s -> secrets.put("provider.retell.credential", ownKey)));
        String body = event("call_analyzed", agentId);
        assertThat(deliver(body, sign(body, ownKey, System.currentTimeMillis())).getResponse().getStatus()).isEqualTo(204);
        assertThat(database.owner().sql("select subject_organization_id from webhook_inbox where provider_call_id = ?")
                .param(callId).query(UUID.class).single()).isEqualTo(admin.organizationId());
        String other = event("call_ended", agentId);
        assertThat(deliver(other, sign(other, "key_of_someone_else", System.currentTimeMillis())).getResponse().getStatus())
                .isEqualTo(401);
    }

    private String event(String type, String agentId) {
        return "{\"event\":\"" + type + "\",\"call\":{\"call_id\":\"" + callId + "\",\"agent_id\":\"" + agentId
                + "\",\"call_status\":\"ended\",\"from_number\":\"+14155550100\",\"to_number\":\"+14155550199\"}}";
    }

    private MvcResult deliver(String body, String signature) {
        var request = post("/webhooks/retell").contentType(MediaType.APPLICATION_JSON).content(body);
        if (signature != null) {
            request.header("x-retell-signature", signature);
        }
        return api.perform(request);
    }

    private double rejected(String reason) {
        var counter = meters.find("switchboard.webhooks.rejected").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    /** The scheme of retell-sdk's verify: hex HMAC-SHA256 of body + timestamp, keyed by the API key. */
    static String sign(String body, String key, long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((body + timestamp).getBytes(StandardCharsets.UTF_8));
            return "v=" + timestamp + ",d=" + HexFormat.of().formatHex(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
