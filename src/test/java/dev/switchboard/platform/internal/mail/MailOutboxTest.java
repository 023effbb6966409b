package dev.switchboard.platform.internal.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.platform.MailOutbox;
import dev.switchboard.platform.MailTemplateException;
import dev.switchboard.platform.Mailer;
import dev.switchboard.platform.OutboxMail;
import dev.switchboard.platform.OutgoingMail;
import dev.switchboard.platform.PageRequest;
import dev.switchboard.testing.SwitchboardTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The default test application has no SMTP server: mails are captured in the outbox. */
@SwitchboardTest
@ExtendWith(OutputCaptureExtension.class)
class MailOutboxTest {

    @Autowired Mailer mailer;
    @Autowired MailOutbox outbox;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;

    @Test
    void withoutSmtpTheMailIsCapturedAndReadableInTheOutbox(CapturedOutput output) {
        String to = UUID.randomUUID() + "@example.com";
        String link = "https://sb.example/reset?token=" + UUID.randomUUID();

        UUID id = mailer.send(OutgoingMail.passwordReset(to, link, Duration.ofHours(1)));

        OutboxMail mail = await().atMost(Duration.ofSeconds(20))
                .until(() -> outbox.find(id).orElseThrow(), m -> m.status() == OutboxMail.Status.CAPTURED);
        assertThat(mail.to()).isEqualTo(to);
        assertThat(mail.subject()).isEqualTo("Reset your Switchboard password");
        assertThat(mail.template()).isEqualTo("password-reset");
        assertThat(mail.bodyText()).contains(link).contains("valid for 1 hour");
        assertThat(mail.bodyHtml()).contains(link.replace("&", "&amp;"));
        assertThat(mail.attempts()).isEqualTo(1);
        assertThat(mail.sentAt()).isNull();
        assertThat(output.getAll()).contains("Mail " + id + " (password-reset) was captured in the development outbox")
                .doesNotContain(link).doesNotContain(to);
    }

    @Test
    void outboxListsNewestFirst() {
        UUID first = mailer.send(OutgoingMail.welcome(UUID.randomUUID() + "@example.com", "Ada", "https://sb.example"));
        UUID second = mailer.send(OutgoingMail.welcome(UUID.randomUUID() + "@example.com", "Bob", "https://sb.example"));

        var page = outbox.list(new PageRequest(0, 200));

        var ids = page.items().stream().map(OutboxMail::id).toList();
        assertThat(ids).contains(first, second);
        assertThat(ids.indexOf(second)).isLessThan(ids.indexOf(first));
        assertThat(page.totalItems()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aMailThatCannotBeRenderedIsRejectedBeforeAnythingIsStored() {
        String to = UUID.randomUUID() + "@example.com";

        assertThatThrownBy(() -> mailer.send(OutgoingMail.of(to, "Hi", "welcome", Map.of("name", "Ada"))))
                .isInstanceOf(MailTemplateException.class)
                .hasMessageContaining("{{signInUrl}}");

        assertThat(jdbc.sql("select count(*) from mail_outbox where to_address = ?").param(to)
                .query(Long.class).single()).isZero();
    }

    @Test
    void aMailSentInATransactionThatRollsBackIsNeitherStoredNorQueued() {
        String to = UUID.randomUUID() + "@example.com";
        UUID[] id = new UUID[1];

        tx.executeWithoutResult(status -> {
            id[0] = mailer.send(OutgoingMail.welcome(to, "Ada", "https://sb.example"));
            status.setRollbackOnly();
        });

        assertThat(outbox.find(id[0])).isEmpty();
        assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_name = 'deliver-mail' and task_instance = ?")
                .param(id[0].toString()).query(Long.class).single()).isZero();
    }
}
