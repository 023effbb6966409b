package dev.switchboard.platform.internal.mail;

/**
 * Hands a stored mail to a mail provider. Throwing means "not accepted, try again later".
 * SMTP is the only provider for now; an HTTP API such as Resend would be another implementation.
 */
interface EmailSender {

    /** Whether this provider is configured on this node; if none is, mails are captured. */
    boolean configured();

    void send(StoredMail mail) throws Exception;
}
