package dev.switchboard.platform.internal.mail;

import java.util.UUID;

/** What delivery needs of a row of {@code mail_outbox}. */
record StoredMail(UUID id, String to, String replyTo, String subject, String bodyText, String bodyHtml,
        String template, String status) {
}
