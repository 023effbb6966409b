package dev.switchboard.platform.internal.mail;

/**
 * Hands a stored mail to a mail provider. Throwing means "not accepted, try again later".
 * SMTP and Resend's HTTP API are the two providers; {@link MailRejected} means "never accepted".
 */
interface EmailSender {

    /** Whether this provider is configured on this node; if none is, mails are captured. */
    boolean configured();

    void send(StoredMail mail) throws Exception;
}
