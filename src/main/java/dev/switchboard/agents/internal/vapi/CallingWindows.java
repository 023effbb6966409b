package dev.switchboard.agents.internal.vapi;

import dev.switchboard.agents.VoiceAgentProvider.CallWindow;
import dev.switchboard.telephony.ProviderException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns Switchboard's calling hours into Vapi's schedule plan. Vapi takes a single
 * {@code [earliestAt, latestAt]} range per request, not recurring hours, so a batch is given the
 * first allowed window at or after its start; calls Vapi has not placed by the window's end are
 * not placed at all, and the campaign sends the rest in a later window.
 */
final class CallingWindows {

    private CallingWindows() {
    }

    /** The first allowed range at or after {@code start}: {earliest, latest}. */
    static Instant[] firstRange(CallWindow window, Instant start) {
        ZoneId zone;
        try {
            zone = ZoneId.of(window.timeZone() == null || window.timeZone().isBlank() ? "UTC" : window.timeZone());
        } catch (DateTimeException e) {
            throw invalid("the time zone '" + window.timeZone() + "' is not a known time zone, such as America/New_York");
        }
        Set<DayOfWeek> days = days(window.days());
        List<int[]> ranges = window.windows().stream().sorted(Comparator.comparingInt(range -> range[0])).toList();
        for (int[] range : ranges) {
            if (range.length != 2 || range[0] < 0 || range[1] > 24 * 60 || range[0] >= range[1]) {
                throw invalid("each calling window must start before it ends, within one day (0 to 1440 minutes)");
            }
        }
        LocalDate first = start.atZone(zone).toLocalDate();
        for (int offset = 0; offset <= 7; offset++) {
            LocalDate date = first.plusDays(offset);
            if (!days.isEmpty() && !days.contains(date.getDayOfWeek())) {
                continue;
            }
            for (int[] range : ranges) {
                Instant opens = at(date, range[0], zone);
                Instant closes = at(date, range[1], zone);
                if (closes.isAfter(start)) {
                    return new Instant[] {opens.isAfter(start) ? opens : start, closes};
                }
            }
        }
        throw invalid("the calling hours allow no time in the coming week");
    }

    private static Instant at(LocalDate date, int minute, ZoneId zone) {
        return minute == 24 * 60 ? date.plusDays(1).atStartOfDay(zone).toInstant()
                : ZonedDateTime.of(date.atTime(minute / 60, minute % 60), zone).toInstant();
    }

    private static Set<DayOfWeek> days(List<String> names) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (names == null) {
            return days;
        }
        for (String name : names) {
            String lower = name.trim().toLowerCase(Locale.ROOT);
            DayOfWeek day = null;
            for (DayOfWeek candidate : DayOfWeek.values()) {
                String full = candidate.name().toLowerCase(Locale.ROOT);
                if (full.equals(lower) || (lower.length() >= 3 && full.startsWith(lower))) {
                    day = candidate;
                }
            }
            if (day == null) {
                throw invalid("'" + name + "' is not a day of the week");
            }
            days.add(day);
        }
        return days;
    }

    private static ProviderException invalid(String why) {
        return new ProviderException(VapiErrors.PROVIDER, ProviderException.Kind.REJECTED,
                "The batch cannot be scheduled at Vapi: " + why + ".", null, null);
    }
}
