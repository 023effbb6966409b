package dev.switchboard.platform.internal.mail;

import dev.switchboard.platform.JobContext;
import dev.switchboard.platform.JobHandler;
import dev.switchboard.platform.RetryPolicy;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Delivers one outbox mail. Retried by the job system while the provider refuses it; with no
 * provider configured, the mail is captured (kept readable in the outbox) instead. Logs say which
 * mail and template, never the recipient's links.
 */
@Component
class DeliverMailJob implements JobHandler<DeliverMailJob.Payload> {

    static final String TASK = "deliver-mail";

    /** The job's payload: which outbox row to deliver. */
    record Payload(UUID mailId) {
    }

    private static final Logger log = LoggerFactory.getLogger(DeliverMailJob.class);

    private final JdbcClient jdbc;
    private final EmailSender sender;
    private final MailSettings settings;
    private final Clock clock;

    DeliverMailJob(JdbcClient jdbc, EmailSender sender, MailSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.sender = sender;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String taskName() {
        return TASK;
    }

    @Override
    public Class<Payload> payloadType() {
        return Payload.class;
    }

    @Override
    public RetryPolicy retryPolicy(RetryPolicy defaults) {
        return defaults.withMaxAttempts(settings.maxAttempts());
    }

    @Override
    public void run(Payload payload, JobContext context) throws Exception {
        List<StoredMail> rows = jdbc.sql("""
                select id, to_address, reply_to, subject, body_text, body_html, template, status
                  from mail_outbox where id = ?""")
                .param(payload.mailId())
                .query((rs, n) -> new StoredMail(rs.getObject("id", UUID.class), rs.getString("to_address"),
                        rs.getString("reply_to"), rs.getString("subject"), rs.getString("body_text"),
                        rs.getString("body_html"), rs.getString("template"), rs.getString("status")))
                .list();
        if (rows.isEmpty()) {
            log.info("Mail {} is no longer in the outbox; nothing to deliver", payload.mailId());
            return;
        }
        StoredMail mail = rows.getFirst();
        if (mail.status().equals("sent") || mail.status().equals("captured")) {
            return; // a rerun after a crash between sending and recording it
        }
        if (!sender.configured()) {
            jdbc.sql("update mail_outbox set status = 'captured', attempts = attempts + 1, last_error = null where id = ?")
                    .param(mail.id()).update();
            log.info("Mail {} ({}) was captured in the development outbox because no mail provider is configured "
                    + "(set SWITCHBOARD_SMTP_HOST or SWITCHBOARD_RESEND_API_KEY to send mail)", mail.id(), mail.template());
            return;
        }
        try {
            sender.send(mail);
        } catch (MailRejected e) {
            jdbc.sql("update mail_outbox set attempts = attempts + 1, last_error = ?, status = 'failed' where id = ?")
                    .params(truncated(e.getMessage()), mail.id()).update();
            log.warn("Mail {} ({}) was refused by the mail provider and will not be retried: {}", mail.id(),
                    mail.template(), e.getMessage());
            return;
        } catch (Exception e) {
            String error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            jdbc.sql("update mail_outbox set attempts = attempts + 1, last_error = ?, status = ? where id = ?")
                    .params(truncated(error),
                            context.lastAttempt() ? "failed" : "queued", mail.id())
                    .update();
            throw e;
        }
        jdbc.sql("update mail_outbox set status = 'sent', attempts = attempts + 1, last_error = null, sent_at = ? "
                        + "where id = ?")
                .params(Timestamp.from(clock.instant()), mail.id())
                .update();
        log.info("Mail {} ({}) was sent", mail.id(), mail.template());
    }

    private static String truncated(String error) {
        return error == null || error.length() <= 2000 ? error : error.substring(0, 2000);
    }
}
