package dev.switchboard.calls.internal.usage;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The unit a call is billed in: every started second, or every started minute. */
enum BillingIncrement {
    SECOND(1),
    MINUTE(60);

    private final int seconds;

    BillingIncrement(int seconds) {
        this.seconds = seconds;
    }

    /** The seconds billed for a call of {@code durationSeconds}: rounded up to whole increments. */
    long billableSeconds(long durationSeconds) {
        if (durationSeconds <= 0) {
            return 0;
        }
        return (durationSeconds + seconds - 1) / seconds * seconds;
    }

    /** The database and API spelling: {@code second}, {@code minute}. */
    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<BillingIncrement> fromCode(String code) {
        String wanted = code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(i -> i.name().equals(wanted)).findFirst();
    }
}
