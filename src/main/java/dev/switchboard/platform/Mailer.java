package dev.switchboard.platform;

import java.util.UUID;

/**
 * Sends e-mail without ever losing one: {@link #send} renders the mail from its template, stores
 * it in the outbox and schedules its delivery as a job, which retries while the SMTP server is
 * unreachable. Called inside a transaction, the mail is stored and sent only if the transaction
 * commits. With no SMTP server configured (development), mails are kept as "captured" in the
 * outbox, readable through {@link MailOutbox}.
 */
public interface Mailer {

    /**
     * Renders, stores and queues one mail.
     *
     * @return the id of the mail in the outbox
     * @throws MailTemplateException when the template does not exist or uses a value the model
     *                               does not provide (nothing is stored)
     */
    UUID send(OutgoingMail mail);
}
