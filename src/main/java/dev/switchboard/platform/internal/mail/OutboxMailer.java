package dev.switchboard.platform.internal.mail;

import dev.switchboard.platform.JobRequest;
import dev.switchboard.platform.Jobs;
import dev.switchboard.platform.Mailer;
import dev.switchboard.platform.OutgoingMail;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores each mail in {@code mail_outbox} and schedules its delivery in the same transaction, so
 * that a mail is never sent for work that rolled back and never lost when SMTP is down.
 */
@Component
class OutboxMailer implements Mailer {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Jobs jobs;
    private final MailTemplates templates;
    private final Clock clock;

    OutboxMailer(JdbcClient jdbc, TransactionTemplate tx, Jobs jobs, MailTemplates templates, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.jobs = jobs;
        this.templates = templates;
        this.clock = clock;
    }

    @Override
    public UUID send(OutgoingMail mail) {
        MailTemplates.Body body = templates.render(mail.template(), mail.model());
        UUID id = UUID.randomUUID();
        tx.executeWithoutResult(status -> {
            jdbc.sql("""
                    insert into mail_outbox (id, subject_organization_id, to_address, reply_to, subject, body_text,
                                             body_html, template, status, attempts, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?)""")
                    .params(id, mail.organizationId(), mail.to(), mail.replyTo(), mail.subject(), body.text(),
                            body.html(), mail.template(), Timestamp.from(clock.instant()))
                    .update();
            jobs.schedule(JobRequest.of(DeliverMailJob.TASK, id.toString(), new DeliverMailJob.Payload(id)));
        });
        return id;
    }
}
