package dev.switchboard.sandbox.internal.telephony;

import dev.switchboard.sandbox.internal.http.ApiException;
import dev.switchboard.sandbox.internal.http.Json;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A batch's {@code call_time_window}: half-open windows {@code [start, end)} in minutes after
 * local midnight (no window crosses midnight; {@code end} 1440 is midnight), in an IANA time zone
 * ({@code America/Los_Angeles} when omitted), on the listed days (every day when none are listed).
 */
public record CallTimeWindow(List<Window> windows, Set<DayOfWeek> days, ZoneId zone) {

    /** One window, minutes after local midnight. */
    public record Window(int start, int end) {
    }

    public static CallTimeWindow parse(JsonNode json) {
        if (json == null || json.isNull()) {
            return null;
        }
        if (!json.isObject()) {
            throw ApiException.badRequest("call_time_window must be an object with windows, timezone and day");
        }
        JsonNode list = json.get("windows");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw ApiException.badRequest("call_time_window.windows must list at least one {start, end} window");
        }
        List<Window> windows = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Long start = Json.longValue(list.get(i), "start");
            Long end = Json.longValue(list.get(i), "end");
            if (start == null || end == null || start < 0 || end > 1440 || start >= end) {
                throw ApiException.badRequest("call_time_window.windows[" + i + "] must have 0 <= start < end <= 1440 "
                        + "(minutes after local midnight; windows cannot cross midnight)");
            }
            windows.add(new Window(start.intValue(), end.intValue()));
        }
        windows.sort(Comparator.comparingInt(Window::start));
        String timezone = Json.text(json, "timezone");
        ZoneId zone;
        try {
            zone = ZoneId.of(timezone == null || timezone.isBlank() ? "America/Los_Angeles" : timezone);
        } catch (DateTimeException e) {
            throw ApiException.badRequest("call_time_window.timezone " + timezone + " is not an IANA time zone such "
                    + "as America/New_York");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        JsonNode dayList = json.get("day");
        if (dayList != null && dayList.isArray()) {
            for (JsonNode day : dayList) {
                try {
                    days.add(DayOfWeek.valueOf(day.asString().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest("call_time_window.day " + day.asString()
                            + " is not a day name such as Monday");
                }
            }
        }
        return new CallTimeWindow(List.copyOf(windows), Set.copyOf(days), zone);
    }

    public boolean isOpen(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        if (!days.isEmpty() && !days.contains(local.getDayOfWeek())) {
            return false;
        }
        LocalDate date = local.toLocalDate();
        for (Window window : windows) {
            Instant start = at(date, window.start());
            Instant end = at(date, window.end());
            if (!now.isBefore(start) && now.isBefore(end)) {
                return true;
            }
        }
        return false;
    }

    /** {@code now} when a window is open, else the start of the next one. */
    public Instant nextOpening(Instant now) {
        if (isOpen(now)) {
            return now;
        }
        LocalDate date = now.atZone(zone).toLocalDate();
        for (int offset = 0; offset <= 8; offset++) {
            LocalDate day = date.plusDays(offset);
            if (!days.isEmpty() && !days.contains(day.getDayOfWeek())) {
                continue;
            }
            for (Window window : windows) {
                Instant start = at(day, window.start());
                if (start.isAfter(now)) {
                    return start;
                }
            }
        }
        return now.plusSeconds(3600);
    }

    /** The canonical form echoed in the batch response. */
    public ObjectNode toJson() {
        ObjectNode json = Json.object();
        ArrayNode list = json.putArray("windows");
        windows.forEach(w -> list.add(Json.object().put("start", w.start()).put("end", w.end())));
        if (!days.isEmpty()) {
            ArrayNode dayList = json.putArray("day");
            days.stream().sorted().forEach(d -> dayList.add(d.getDisplayName(java.time.format.TextStyle.FULL,
                    Locale.ENGLISH)));
        }
        json.put("timezone", zone.getId());
        return json;
    }

    private Instant at(LocalDate date, int minutes) {
        return date.atStartOfDay(zone).plusMinutes(minutes).toInstant();
    }
}
