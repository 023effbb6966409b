package dev.switchboard.web;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How templates show values, the same way on every page: dates and times in the viewer's zone
 * with the English month abbreviation, grouped numbers, and an em dash for "nothing".
 */
public final class Formats {

    /** What a template shows for a missing value. */
    public static final String NONE = "—";

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("MMM d, yyyy, HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ENGLISH);

    private Formats() {
    }

    /** "Mar 4, 2026, 14:05" in {@code zone}, or {@link #NONE}. */
    public static String dateTime(Instant instant, ZoneId zone) {
        return instant == null ? NONE : DATE_TIME.format(instant.atZone(zone));
    }

    /** "Mar 4, 2026" in {@code zone}, or {@link #NONE}. */
    public static String date(Instant instant, ZoneId zone) {
        return instant == null ? NONE : DATE.format(instant.atZone(zone));
    }

    /** "Mar 4, 2026", or {@link #NONE}. */
    public static String date(LocalDate date) {
        return date == null ? NONE : DATE.format(date);
    }

    /** "2026-03-04 14:05:09" in {@code zone}: for logs and audit trails, where seconds matter. */
    public static String timestamp(Instant instant, ZoneId zone) {
        return instant == null ? NONE : ISO_SECONDS.format(instant.atZone(zone));
    }

    /** The ISO-8601 form for {@code <time datetime>}, or null (which drops the attribute). */
    public static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** "12,480". */
    public static String number(long value) {
        return NumberFormat.getIntegerInstance(Locale.ENGLISH).format(value);
    }
}
