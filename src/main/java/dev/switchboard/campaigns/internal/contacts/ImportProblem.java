package dev.switchboard.campaigns.internal.contacts;

/**
 * A file that cannot be imported at all (empty, not a table, a broken quote, a header without
 * the required columns). The message is shown to the user as it is: it says what is wrong and
 * what to do.
 */
public class ImportProblem extends RuntimeException {

    public ImportProblem(String message) {
        super(message);
    }

    public ImportProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
