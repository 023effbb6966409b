package dev.switchboard.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.TestDatabase;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * A call on a number no organization uses is signed with the platform's Twilio account (no
 * organization is known) and refused with a spoken message.
 */
@SwitchboardTest
@TestPropertySource(properties = {
        "switchboard.providers.twilio-account-sid=AC00000000000000000000000000000000",
        "switchboard.providers.twilio-auth-token=platform-twilio-token"})
class InboundUnassignedNumberTest {

    @Autowired MockMvc mvc;
    @Autowired TestDatabase database;

    @Test
    void aCallOnAnUnassignedNumberHearsThatItIsNotInService() throws Exception {
        String number = TwilioWebhookTest.randomNumber();
        TwilioWebhookTest.assignNumber(database, null, number, null, "active");
        String sid = TwilioWebhookTest.callSid();
        MvcResult unassigned = call(sid, number, "platform-twilio-token");
        assertThat(unassigned.getResponse().getStatus()).isEqualTo(200);
        assertThat(unassigned.getResponse().getContentType()).startsWith("text/xml");
        assertThat(unassigned.getResponse().getContentAsString())
                .contains("<Say>The number you have called is not in service.").contains("<Hangup/>");

        MvcResult unknown = call(TwilioWebhookTest.callSid(), TwilioWebhookTest.randomNumber(), "platform-twilio-token");
        assertThat(unknown.getResponse().getContentAsString()).contains("not in service");
        assertThat(call(TwilioWebhookTest.callSid(), number, "someone-elses-token").getResponse().getStatus()).isEqualTo(401);
        await().atMost(Duration.ofSeconds(10)).until(() -> database.owner()
                .sql("select status from webhook_inbox where provider = 'twilio' and provider_call_id = ?").param(sid)
                .query(String.class).single(), "processed"::equals);
        assertThat(database.owner().sql("select count(*) from calls where to_number = ?").param(number)
                .query(Long.class).single()).isZero();
    }

    private MvcResult call(String sid, String to, String token) {
        Map<String, String> params = new TreeMap<>();
        params.put("CallSid", sid);
        params.put("CallStatus", "ringing");
        params.put("From", "+14155550123");
        params.put("To", to);
        return new Api(mvc).perform(TwilioWebhookTest.request("/webhooks/twilio/voice", params,
                TwilioWebhookTest.sign(token, TwilioWebhookTest.PUBLIC_URL + "/webhooks/twilio/voice", params)));
    }
}
