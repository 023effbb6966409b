package dev.switchboard.calls;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.platform.SecretStore;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import dev.switchboard.testing.Vendors;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Inbound AI calls: a call on a number is answered by the organization's inbound agent and
 * recorded; a number that is unassigned, inactive or has no active inbound agent is refused with
 * a spoken message (TwiML, HTTP 200), never an error page.
 */
@SwitchboardTest
class InboundCallsTest {

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;
    @Autowired SecretStore secrets;
    @Autowired TransactionTemplate tx;
    Api api;
    Api.Account admin;
    String token;
    UUID agentId;
    String providerAgentId;

    @BeforeEach
    void anOrganizationWithAnAgent() {
        api = new Api(mvc);
        admin = api.signUp("Front Desk " + UUID.randomUUID());
        token = "tw_token_" + UUID.randomUUID().toString().replace("-", "");
        TwilioWebhookTest.connectTwilio(database, secrets, tx, admin.organizationId(), token);
        agentId = UUID.randomUUID();
        providerAgentId = "agent_" + UUID.randomUUID().toString().replace("-", "");
        database.owner().sql("insert into agents (id, organization_id, name, type, prompt_template, provider, provider_agent_id, status) "
                + "values (?, ?, 'Receptionist', 'custom', 'Answer the phone', 'sandbox', ?, 'active')")
                .params(agentId, admin.organizationId(), providerAgentId).update();
    }

    @Test
    void aCallOnAnAssignedNumberIsRecordedAndConnectedToTheInboundAgent() {
        String number = TwilioWebhookTest.randomNumber();
        UUID numberId = TwilioWebhookTest.assignNumber(database, admin.organizationId(), number, agentId, "active");
        String providerCallId = "call_" + UUID.randomUUID().toString().replace("-", "");
        Vendors.server().stubFor(post(urlEqualTo("/sandbox/v2/register-phone-call"))
                .withRequestBody(equalToJson("{\"agent_id\": \"" + providerAgentId + "\", \"direction\": \"inbound\", "
                        + "\"to_number\": \"" + number + "\"}", true, true))
                .willReturn(okJson("{\"call_id\": \"" + providerCallId + "\", \"call_status\": \"registered\"}")));
        String sid = TwilioWebhookTest.callSid();

        MvcResult answer = call(sid, number);

        assertThat(answer.getResponse().getStatus()).isEqualTo(200);
        assertThat(answer.getResponse().getContentType()).startsWith("text/xml");
        assertThat(body(answer)).contains("<Dial><Sip>sip:" + providerCallId + "@5t4n6j0wnrl.sip.livekit.cloud</Sip></Dial>");
        var call = database.owner().sql("select * from calls where provider_call_id = ?").param(providerCallId).query().singleRow();
        assertThat(call.get("organization_id")).isEqualTo(admin.organizationId());
        assertThat(call.get("agent_id")).isEqualTo(agentId);
        assertThat(call.get("phone_number_id")).isEqualTo(numberId);
        assertThat(call.get("direction")).isEqualTo("inbound");
        assertThat(call.get("from_number")).isEqualTo("+14155550123");
        assertThat(call.get("to_number")).isEqualTo(number);
        assertThat(database.owner().sql("select count(*) from webhook_inbox where provider = 'twilio' and provider_call_id = ?")
                .param(sid).query(Long.class).single()).isEqualTo(1);

        // Delivered again (a retry): the same registered call, not a second one.
        assertThat(body(call(sid, number))).contains("sip:" + providerCallId + "@");
        Vendors.server().verify(1, postRequestedFor(urlEqualTo("/sandbox/v2/register-phone-call"))
                .withRequestBody(equalToJson("{\"to_number\": \"" + number + "\"}", true, true)));
        assertThat(database.owner().sql("select count(*) from calls where organization_id = ?").param(admin.organizationId())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aNumberWithoutAnInboundAgentIsNotInService() {
        String number = TwilioWebhookTest.randomNumber();
        TwilioWebhookTest.assignNumber(database, admin.organizationId(), number, null, "active");
        assertRefused(call(TwilioWebhookTest.callSid(), number));
    }

    @Test
    void anInactiveNumberIsNotInService() {
        String number = TwilioWebhookTest.randomNumber();
        TwilioWebhookTest.assignNumber(database, admin.organizationId(), number, agentId, "inactive");
        assertRefused(call(TwilioWebhookTest.callSid(), number));
    }

    @Test
    void aNumberWhoseAgentIsInactiveIsNotInService() {
        String number = TwilioWebhookTest.randomNumber();
        TwilioWebhookTest.assignNumber(database, admin.organizationId(), number, agentId, "active");
        database.owner().sql("update agents set status = 'inactive' where id = ?").param(agentId).update();
        assertRefused(call(TwilioWebhookTest.callSid(), number));
    }

    @Test
    void whenTheProviderCannotTakeTheCallTheCallerHearsAnApologyAndTheCallIsRecordedFailed() {
        String number = TwilioWebhookTest.randomNumber();
        TwilioWebhookTest.assignNumber(database, admin.organizationId(), number, agentId, "active");
        Vendors.server().stubFor(post(urlEqualTo("/sandbox/v2/register-phone-call"))
                .withRequestBody(equalToJson("{\"to_number\": \"" + number + "\"}", true, true))
                .willReturn(aResponse().withStatus(422).withBody("{\"status\":\"error\",\"message\":\"agent not found\"}")));
        MvcResult answer = call(TwilioWebhookTest.callSid(), number);
        assertThat(answer.getResponse().getStatus()).isEqualTo(200);
        assertThat(body(answer)).contains("<Say>Sorry, we cannot take your call right now").contains("<Hangup/>");
        var call = database.owner().sql("select status, disposition from calls where organization_id = ?")
                .param(admin.organizationId()).query().singleRow();
        assertThat(call.get("status")).isEqualTo("failed");
    }

    @Test
    void aRetellInboundCallIsLinkedToTheNumberAndItsOrganization() {
        String number = TwilioWebhookTest.randomNumber();
        UUID numberId = TwilioWebhookTest.assignNumber(database, admin.organizationId(), number, agentId, "active");
        String callId = "call_" + UUID.randomUUID().toString().replace("-", "");
        // The provider names an agent Switchboard does not know: the number tells whose call it is.
        String body = "{\"event\":\"call_started\",\"call\":{\"call_id\":\"" + callId + "\",\"agent_id\":\"agent_unknown_"
                + UUID.randomUUID() + "\",\"direction\":\"inbound\",\"call_status\":\"ongoing\",\"from_number\":\"+14155550177\","
                + "\"to_number\":\"" + number + "\",\"start_timestamp\":" + System.currentTimeMillis() + "}}";
        assertThat(api.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/webhooks/retell")
                .contentType(MediaType.APPLICATION_JSON).content(body).header("x-retell-signature",
                        RetellWebhookTest.sign(body, RetellWebhookTest.SANDBOX_KEY, System.currentTimeMillis())))
                .getResponse().getStatus()).isEqualTo(204);
        var call = await().atMost(Duration.ofSeconds(10)).until(() -> database.owner()
                .sql("select organization_id, agent_id, phone_number_id, direction, status from calls where provider_call_id = ?")
                .param(callId).query().listOfRows(), rows -> rows.size() == 1).get(0);
        assertThat(call.get("organization_id")).isEqualTo(admin.organizationId());
        assertThat(call.get("agent_id")).isEqualTo(agentId);
        assertThat(call.get("phone_number_id")).isEqualTo(numberId);
        assertThat(call.get("direction")).isEqualTo("inbound");
        assertThat(call.get("status")).isEqualTo("in_progress");
    }

    private void assertRefused(MvcResult answer) {
        assertThat(answer.getResponse().getStatus()).isEqualTo(200);
        assertThat(answer.getResponse().getContentType()).startsWith("text/xml");
        assertThat(body(answer)).contains("<Say>The number you have called is not in service.").contains("<Hangup/>")
                .doesNotContain("<Dial>");
        assertThat(database.owner().sql("select count(*) from calls where organization_id = ?").param(admin.organizationId())
                .query(Long.class).single()).isZero();
    }

    private MvcResult call(String sid, String to) {
        Map<String, String> params = new TreeMap<>();
        params.put("AccountSid", "AC" + "1".repeat(32));
        params.put("CallSid", sid);
        params.put("CallStatus", "ringing");
        params.put("Direction", "inbound");
        params.put("From", "+14155550123");
        params.put("To", to);
        return api.perform(TwilioWebhookTest.request("/webhooks/twilio/voice", params,
                TwilioWebhookTest.sign(token, TwilioWebhookTest.PUBLIC_URL + "/webhooks/twilio/voice", params)));
    }

    private static String body(MvcResult result) {
        try {
            return result.getResponse().getContentAsString();
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
