package dev.switchboard.platform.internal.mail;

/**
 * The mail provider refused a mail for good (a bad address, an unverified sender domain…):
 * sending it again cannot succeed, so it is marked failed at once instead of retried.
 */
class MailRejected extends Exception {

    MailRejected(String message) {
        super(message);
    }
}
