package dev.switchboard.calls.internal;

import dev.switchboard.telephony.PhoneNumberRules;
import java.util.Optional;

/** Phone numbers as the calls module stores them: E.164, read in the organization's region. */
public final class PhoneNumbers {

    private PhoneNumbers() {
    }

    /** The number in E.164 when it is a possible number of {@code region} (or has its own +code). */
    public static Optional<String> toE164(String raw, String region) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        return PhoneNumberRules.toE164(raw, region);
    }
}
