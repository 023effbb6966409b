package dev.switchboard.platform.internal.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.switchboard.platform.MailOutbox;
import dev.switchboard.platform.Mailer;
import dev.switchboard.platform.OutboxMail;
import dev.switchboard.platform.OutgoingMail;
import dev.switchboard.testing.SwitchboardTest;
import jakarta.mail.Address;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Delivery through a real SMTP server (GreenMail), in an application context of its own that has
 * SMTP configured and short retry delays.
 */
@SwitchboardTest
class SmtpDeliveryTest {

    private static final int PORT = freePort();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> PORT);
        registry.add("switchboard.mail.from", () -> "Switchboard Test <no-reply@switchboard.test>");
        registry.add("switchboard.mail.max-attempts", () -> 30);
        registry.add("switchboard.jobs.retry.base-delay", () -> "300ms");
        registry.add("switchboard.jobs.retry.max-delay", () -> "600ms");
    }

    @Autowired Mailer mailer;
    @Autowired MailOutbox outbox;

    private GreenMail smtp;

    @AfterEach
    void stopSmtp() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void deliversTheMailWithSubjectRecipientAndBothBodies() throws Exception {
        startSmtp();
        String to = UUID.randomUUID() + "@example.com";
        String link = "https://sb.example/invite/" + UUID.randomUUID();
        UUID organization = UUID.randomUUID();

        UUID id = mailer.send(OutgoingMail.invitation(to, organization, "Acme Realty", "Ada", "viewer", link,
                Duration.ofDays(7)).replyingTo("ada@acme.example"));

        MimeMessage message = receivedBy(to);
        assertThat(message.getSubject()).isEqualTo("You're invited to join Acme Realty on Switchboard");
        assertThat(Arrays.stream(message.getFrom()).map(Address::toString))
                .containsExactly("Switchboard Test <no-reply@switchboard.test>");
        assertThat(((InternetAddress) message.getReplyTo()[0]).getAddress()).isEqualTo("ada@acme.example");
        assertThat(part(message, "text/plain")).contains("Ada invited you to join Acme Realty").contains(link)
                .contains("valid for 7 days");
        assertThat(part(message, "text/html")).contains("<strong>Acme Realty</strong>").contains("href=\"" + link + "\"");
        assertThat(message.getHeader("X-Switchboard-Mail-Id")).containsExactly(id.toString());
        OutboxMail stored = await().atMost(WAIT).until(() -> outbox.find(id).orElseThrow(),
                m -> m.status() == OutboxMail.Status.SENT);
        assertThat(stored.sentAt()).isNotNull();
        assertThat(stored.organizationId()).isEqualTo(organization);
        assertThat(stored.attempts()).isEqualTo(1);
    }

    @Test
    void whileSmtpIsDownTheMailIsRetriedAndDeliveredOnceItIsBack() throws Exception {
        String to = UUID.randomUUID() + "@example.com";

        UUID id = mailer.send(OutgoingMail.welcome(to, "Ada", "https://sb.example/sign-in"));

        OutboxMail failing = await().atMost(WAIT).until(() -> outbox.find(id).orElseThrow(), m -> m.attempts() >= 2);
        assertThat(failing.status()).isEqualTo(OutboxMail.Status.QUEUED);
        assertThat(failing.lastError()).isNotBlank();

        startSmtp();

        MimeMessage message = receivedBy(to);
        assertThat(message.getSubject()).isEqualTo("Welcome to Switchboard");
        OutboxMail sent = await().atMost(WAIT).until(() -> outbox.find(id).orElseThrow(),
                m -> m.status() == OutboxMail.Status.SENT);
        assertThat(sent.attempts()).isGreaterThanOrEqualTo(3);
        assertThat(sent.lastError()).isNull();
    }

    private void startSmtp() {
        smtp = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    private MimeMessage receivedBy(String to) {
        return await().atMost(WAIT).until(() -> Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> recipient(m).equals(to)).findFirst().orElse(null), m -> m != null);
    }

    private static String recipient(MimeMessage message) {
        try {
            return ((InternetAddress) message.getAllRecipients()[0]).getAddress();
        } catch (Exception e) {
            return "";
        }
    }

    /** The decoded text of the first part of {@code type}, searching nested multiparts. */
    private static String part(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return part.getContent().toString();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = part(multipart.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
