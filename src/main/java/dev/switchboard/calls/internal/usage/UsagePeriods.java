package dev.switchboard.calls.internal.usage;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Billing periods are calendar months in the organization's time zone: a call belongs to the
 * month, and the day, of the local time it ended at.
 */
final class UsagePeriods {

    private UsagePeriods() {
    }

    /** The 1st of the local month {@code at} falls in. */
    static LocalDate periodStart(Instant at, ZoneId zone) {
        return day(at, zone).withDayOfMonth(1);
    }

    /** The local day {@code at} falls on. */
    static LocalDate day(Instant at, ZoneId zone) {
        return at.atZone(zone).toLocalDate();
    }

    /** When a local day starts, as an instant. */
    static Instant startOf(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** The organization's zone; a zone the runtime does not know counts as UTC rather than failing billing. */
    static ZoneId zone(String timeZone) {
        try {
            return timeZone == null ? ZoneOffset.UTC : ZoneId.of(timeZone);
        } catch (DateTimeException unknown) {
            return ZoneOffset.UTC;
        }
    }
}
