package dev.switchboard.sandbox.internal.telephony;

/**
 * What happens when a number is dialled, with Retell's {@code disconnection_reason} for calls
 * that never connect.
 */
public enum Outcome {
    HUMAN(null), VOICEMAIL("voicemail_reached"), NO_ANSWER("dial_no_answer"), BUSY("dial_busy"),
    FAILED("dial_failed"), INVALID_NUMBER("invalid_destination");

    private final String disconnectionReason;

    Outcome(String disconnectionReason) {
        this.disconnectionReason = disconnectionReason;
    }

    /** Whether the call is picked up (by a person or an answering machine) and {@code call_started} is sent. */
    public boolean connects() {
        return this == HUMAN || this == VOICEMAIL;
    }

    public String disconnectionReason() {
        return disconnectionReason;
    }
}
