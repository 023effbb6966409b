package dev.switchboard.platform;

import java.time.Instant;
import java.util.UUID;

/**
 * A mail in the outbox.
 *
 * @param id             the mail's id
 * @param organizationId the organization it is about, or null
 * @param to             the recipient
 * @param replyTo        the reply-to address, or null
 * @param subject        the subject
 * @param bodyText       the plain-text body
 * @param bodyHtml       the HTML body
 * @param template       the template it was rendered from
 * @param status         where it stands
 * @param attempts       delivery attempts so far
 * @param lastError      why the last attempt failed, or null
 * @param createdAt      when it was queued
 * @param sentAt         when the SMTP server accepted it, or null
 */
public record OutboxMail(UUID id, UUID organizationId, String to, String replyTo, String subject, String bodyText,
        String bodyHtml, String template, Status status, int attempts, String lastError, Instant createdAt,
        Instant sentAt) {

    /** Where a mail stands. */
    public enum Status {
        /** Waiting for (another) delivery attempt. */
        QUEUED,
        /** Accepted by the SMTP server. */
        SENT,
        /** Kept in the development outbox because no SMTP server is configured. */
        CAPTURED,
        /** Every attempt failed; the delivery job is parked and can be retried from the jobs admin. */
        FAILED
    }
}
