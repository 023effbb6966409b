package dev.switchboard.platform;

/**
 * A mail could not be rendered: its template is missing, or uses a placeholder that the model
 * does not provide. A programming error, raised before anything is stored or sent.
 */
public class MailTemplateException extends RuntimeException {

    public MailTemplateException(String message) {
        super(message);
    }
}
