package dev.switchboard.platform.internal.jobs;

/** Carries a handler's checked exception out of the scheduler's unchecked execution callback. */
final class JobFailedException extends RuntimeException {

    JobFailedException(Exception cause) {
        super(cause.getMessage(), cause);
    }

    /** A one-line description of why an attempt failed, for the admin view and the log. */
    static String describe(Throwable failure) {
        if (failure == null) {
            return "unknown failure";
        }
        Throwable t = failure;
        while (t instanceof JobFailedException && t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
