package dev.switchboard.calls.internal.api;

import dev.switchboard.platform.ApiProblem;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The filters and sort of the calls list, shared by the list and its CSV export, as SQL over
 * {@code calls c}. Dates without a time are days of the organization's time zone: {@code from}
 * is the start of its day, {@code to} includes its whole day.
 */
public final class CallSearch {

    static final Set<String> STATUSES = Set.of("pending", "queued", "dialing", "ringing", "in_progress", "analyzing",
            "completed", "failed", "cancelled");
    static final Set<String> DISPOSITIONS = Set.of("answered", "voicemail", "no_answer", "busy", "failed",
            "invalid_number", "cancelled");
    static final Set<String> DIRECTIONS = Set.of("inbound", "outbound");
    /** The sentiments providers report (Retell: Positive, Negative, Neutral, Unknown). */
    static final Set<String> SENTIMENTS = Set.of("positive", "negative", "neutral", "unknown");

    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern NUMBER_LIKE = Pattern.compile("[+\\d\\s().-]+");

    /**
     * The filters as asked for; every field may be null (no filter).
     *
     * @param from       the earliest creation time: a day (YYYY-MM-DD) or an instant
     * @param to         the latest creation time: a day (included) or an instant (excluded)
     * @param sentiment  positive, negative, neutral or unknown (from the call's analysis)
     * @param successful whether the analysis judged the call successful
     * @param q          part of a number, a contact name or a CRM id
     */
    public record Filters(String status, String disposition, String direction, UUID agentId, UUID campaignId,
                          String from, String to, String sentiment, Boolean successful, String q) {

        public static Filters none() {
            return new Filters(null, null, null, null, null, null, null, null, null, null);
        }
    }

    /**
     * The list's and the export's query parameters as sent: all text, so that a malformed value is
     * explained by its field instead of failing the binding.
     */
    public record Query(String status, String disposition, String direction, String agentId, String campaignId,
                        String from, String to, String sentiment, String successful, String q, String sort) {

        Filters filters() {
            return new Filters(status, disposition, direction, id("agentId", agentId), id("campaignId", campaignId), from, to,
                    sentiment, yesNo(successful), q);
        }

        Sort order() {
            return Sort.of(sort);
        }

        private static UUID id(String field, String value) {
            String v = blankToNull(value);
            try {
                return v == null ? null : UUID.fromString(v);
            } catch (IllegalArgumentException notAnId) {
                throw ApiProblem.validation(field, "must be an id such as 3f0c1e9a-8d2b-4c55-9a61-0b7d2e4f5a10");
            }
        }

        private static Boolean yesNo(String value) {
            String v = blankToNull(value);
            if (v == null) {
                return null;
            }
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw ApiProblem.validation("successful", "must be true or false");
            };
        }
    }

    /** The orders of the list; each has its own cursor. */
    public enum Sort {
        NEWEST("-createdAt", "c.created_at", true),
        OLDEST("createdAt", "c.created_at", false),
        LONGEST("-duration", "coalesce(c.duration_seconds, -1)", true),
        SHORTEST("duration", "coalesce(c.duration_seconds, -1)", false),
        DEAREST("-cost", "coalesce(c.cost_cents, -1)", true),
        CHEAPEST("cost", "coalesce(c.cost_cents, -1)", false);

        private final String code;
        private final String key;
        private final boolean descending;

        Sort(String code, String key, boolean descending) {
            this.code = code;
            this.key = key;
            this.descending = descending;
        }

        public String code() {
            return code;
        }

        /** The sort named {@code code}; null or blank means newest first. */
        public static Sort of(String code) {
            if (code == null || code.isBlank()) {
                return NEWEST;
            }
            return Arrays.stream(values()).filter(s -> s.code.equals(code.strip())).findFirst()
                    .orElseThrow(() -> ApiProblem.validation("sort", "must be one of "
                            + String.join(", ", Arrays.stream(values()).map(Sort::code).toList())));
        }

        String orderBy() {
            String direction = descending ? " desc" : " asc";
            return " order by " + key + direction + ", c.id" + direction;
        }

        /** The cursor placed after {@code call}. */
        String cursorAfter(CallService.Call call) {
            String value = switch (this) {
                case NEWEST, OLDEST -> call.createdAt().toString();
                case LONGEST, SHORTEST -> String.valueOf(call.durationSeconds() == null ? -1 : call.durationSeconds());
                case DEAREST, CHEAPEST -> (call.costCents() == null ? BigDecimal.ONE.negate() : call.costCents()).toPlainString();
            };
            String raw = code + "|" + value + "|" + call.id();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        /** The keyset condition that starts after {@code cursor}, with its parameters appended. */
        String after(String cursor, List<Object> params) {
            String[] parts;
            try {
                parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
            } catch (IllegalArgumentException e) {
                throw invalidCursor("not a cursor issued by this endpoint");
            }
            if (parts.length != 3) {
                throw invalidCursor("not a cursor issued by this endpoint");
            }
            if (!parts[0].equals(code)) {
                throw invalidCursor("made for the sort " + parts[0] + ", not " + code + "; start again without a cursor");
            }
            try {
                params.add(switch (this) {
                    case NEWEST, OLDEST -> Timestamp.from(Instant.parse(parts[1]));
                    case LONGEST, SHORTEST -> Integer.parseInt(parts[1]);
                    case DEAREST, CHEAPEST -> new BigDecimal(parts[1]);
                });
                params.add(UUID.fromString(parts[2]));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw invalidCursor("not a cursor issued by this endpoint");
            }
            return " and (" + key + ", c.id) " + (descending ? "<" : ">") + " (?, ?)";
        }

        private static ApiProblem invalidCursor(String why) {
            return ApiProblem.badRequest("invalid-cursor",
                    "The cursor is not valid. Use the nextCursor value of the previous page as it was given, with the same sort.")
                    .field("cursor", why);
        }
    }

    /** A where clause over {@code calls c} (starting with "where") and its parameters. */
    record Where(String sql, List<Object> params) {
    }

    private CallSearch() {
    }

    /** The where clause of {@code filters} for {@code organization}, reading days in {@code zone}. */
    static Where where(UUID organization, Filters filters, ZoneId zone) {
        StringBuilder sql = new StringBuilder("where c.organization_id = ?");
        List<Object> params = new ArrayList<>(List.of(organization));
        equal(sql, params, "c.status", "status", filters.status(), STATUSES);
        equal(sql, params, "c.disposition", "disposition", filters.disposition(), DISPOSITIONS);
        equal(sql, params, "c.direction", "direction", filters.direction(), DIRECTIONS);
        if (filters.agentId() != null) {
            sql.append(" and c.agent_id = ?");
            params.add(filters.agentId());
        }
        if (filters.campaignId() != null) {
            sql.append(" and c.campaign_id = ?");
            params.add(filters.campaignId());
        }
        Instant from = instant("from", filters.from(), zone, false);
        Instant to = instant("to", filters.to(), zone, true);
        if (from != null && to != null && !to.isAfter(from)) {
            throw ApiProblem.validation("to", "must be after 'from' (" + filters.from() + ")");
        }
        if (from != null) {
            sql.append(" and c.created_at >= ?");
            params.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" and c.created_at < ?");
            params.add(Timestamp.from(to));
        }
        String sentiment = blankToNull(filters.sentiment());
        if (sentiment != null) {
            sentiment = sentiment.toLowerCase(Locale.ROOT);
            if (!SENTIMENTS.contains(sentiment)) {
                throw ApiProblem.validation("sentiment", "must be one of " + sorted(SENTIMENTS));
            }
            sql.append(" and lower(c.analysis ->> 'sentiment') = ?");
            params.add(sentiment);
        }
        if (filters.successful() != null) {
            sql.append(" and c.analysis -> 'successful' = ?::jsonb");
            params.add(filters.successful().toString());
        }
        search(sql, params, blankToNull(filters.q()));
        return new Where(sql.toString(), params);
    }

    /** A number-like search also finds "(415) 555-0101" typed with punctuation; text searches names and CRM ids. */
    private static void search(StringBuilder sql, List<Object> params, String q) {
        if (q == null) {
            return;
        }
        String digits = q.replaceAll("\\D", "");
        if (NUMBER_LIKE.matcher(q).matches() && digits.length() >= 3) {
            String like = "%" + digits + "%";
            sql.append(" and (c.to_number like ? or c.from_number like ? or c.crm_id ilike ?)");
            params.addAll(List.of(like, like, like(q)));
            return;
        }
        String like = like(q);
        sql.append(" and (c.to_number ilike ? or c.from_number ilike ? or c.contact_name ilike ? or c.crm_id ilike ?)");
        params.addAll(List.of(like, like, like, like));
    }

    private static String like(String q) {
        return "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static void equal(StringBuilder sql, List<Object> params, String column, String field, String value,
                              Set<String> allowed) {
        String v = blankToNull(value);
        if (v == null) {
            return;
        }
        if (!allowed.contains(v)) {
            throw ApiProblem.validation(field, "must be one of " + sorted(allowed));
        }
        sql.append(" and ").append(column).append(" = ?");
        params.add(v);
    }

    /**
     * A day (YYYY-MM-DD) read in {@code zone}, or an instant (2026-03-04T09:00:00Z, or with an
     * offset). As the end of a range, a day means the start of the next day, so the day is included.
     */
    static Instant instant(String field, String value, ZoneId zone, boolean end) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        try {
            if (DAY.matcher(v).matches()) {
                LocalDate day = LocalDate.parse(v);
                return (end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            }
            // A '+' of an offset arrives as a space when the query string was not encoded.
            return OffsetDateTime.parse(v.replace(' ', '+')).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.validation(field, "must be a day such as 2026-03-04 (in the organization's time zone, "
                    + zone.getId() + ") or an instant such as 2026-03-04T09:00:00Z");
        }
    }

    private static String sorted(Set<String> values) {
        return String.join(", ", values.stream().sorted().toList());
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
