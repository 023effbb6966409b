package dev.switchboard.platform.internal.mail;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.switchboard.platform.MailOutbox;
import dev.switchboard.platform.Mailer;
import dev.switchboard.platform.OutboxMail;
import dev.switchboard.platform.OutgoingMail;
import dev.switchboard.testing.SwitchboardTest;
import dev.switchboard.testing.Vendors;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Delivery through Resend's HTTP API, stubbed in its real wire format. */
@SwitchboardTest
class ResendDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void resend(DynamicPropertyRegistry registry) {
        registry.add("switchboard.mail.resend.api-key", () -> "re_test_key");
        registry.add("switchboard.mail.resend.base-url", () -> Vendors.baseUrl() + "/resend");
        registry.add("switchboard.mail.from", () -> "Switchboard Test <no-reply@switchboard.test>");
        registry.add("switchboard.jobs.retry.base-delay", () -> "300ms");
        registry.add("switchboard.jobs.retry.max-delay", () -> "600ms");
    }

    @Autowired Mailer mailer;
    @Autowired MailOutbox outbox;

    @Test
    void postsTheMailWithTheOutboxIdAsIdempotencyKey() {
        String to = UUID.randomUUID() + "@example.com";
        Vendors.server().stubFor(post(urlEqualTo("/resend/emails")).withRequestBody(equalToJson(
                        "{\"to\": [\"" + to + "\"]}", true, true))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\": \"49a3999c-0ce1-4ea6-ab68-afcd6dc2e794\"}")));

        UUID id = mailer.send(OutgoingMail.welcome(to, "Ada", "https://sb.example/sign-in").replyingTo("ada@acme.example"));

        await().atMost(WAIT).until(() -> outbox.find(id).orElseThrow().status() == OutboxMail.Status.SENT);
        Vendors.server().verify(1, postRequestedFor(urlEqualTo("/resend/emails"))
                .withHeader("Authorization", equalTo("Bearer re_test_key"))
                .withHeader("Idempotency-Key", equalTo(id.toString()))
                .withRequestBody(equalToJson("""
                        {"from": "Switchboard Test <no-reply@switchboard.test>", "to": ["%s"],
                         "subject": "Welcome to Switchboard", "reply_to": ["ada@acme.example"],
                         "headers": {"X-Switchboard-Mail-Id": "%s"}}""".formatted(to, id), true, true)));
    }

    @Test
    void anOutageIsRetriedWithTheSameKeyUntilResendTakesTheMail() {
        String to = UUID.randomUUID() + "@example.com";
        String scenario = "outage-" + to;
        Vendors.server().stubFor(post(urlEqualTo("/resend/emails")).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED)
                .withRequestBody(equalToJson("{\"to\": [\"" + to + "\"]}", true, true))
                .willReturn(aResponse().withStatus(503).withBody("{\"statusCode\": 503, \"name\": \"internal_server_error\", \"message\": \"down\"}"))
                .willSetStateTo("up"));
        Vendors.server().stubFor(post(urlEqualTo("/resend/emails")).inScenario(scenario).whenScenarioStateIs("up")
                .withRequestBody(equalToJson("{\"to\": [\"" + to + "\"]}", true, true))
                .willReturn(aResponse().withStatus(200).withBody("{\"id\": \"x\"}")));

        UUID id = mailer.send(OutgoingMail.welcome(to, "Ada", "https://sb.example/sign-in"));

        OutboxMail sent = await().atMost(WAIT).until(() -> outbox.find(id).orElseThrow(),
                m -> m.status() == OutboxMail.Status.SENT);
        assertThat(sent.lastError()).isNull();
        Vendors.server().verify(postRequestedFor(urlEqualTo("/resend/emails"))
                .withHeader("Idempotency-Key", equalTo(id.toString())));
    }

    @Test
    void aMailResendRefusesForGoodIsFailedAtOnceWithItsReason() {
        String to = UUID.randomUUID() + "@example.com";
        Vendors.server().stubFor(post(urlEqualTo("/resend/emails"))
                .withRequestBody(equalToJson("{\"to\": [\"" + to + "\"]}", true, true))
                .willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json").withBody("""
                        {"statusCode": 422, "name": "validation_error", "message": "The example.com domain is not verified."}""")));

        UUID id = mailer.send(OutgoingMail.welcome(to, "Ada", "https://sb.example/sign-in"));

        OutboxMail failed = await().atMost(WAIT).until(() -> outbox.find(id).orElseThrow(),
                m -> m.status() == OutboxMail.Status.FAILED);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).contains("422").contains("validation_error")
                .contains("The example.com domain is not verified.");
    }
}
