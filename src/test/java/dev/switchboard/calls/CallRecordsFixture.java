package dev.switchboard.calls;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Call records written straight into the database (as the schema owner), for tests of reading,
 * filtering and exporting calls without placing real calls. Each column defaults to what a
 * completed outbound call has; tests name only what they are about.
 */
final class CallRecordsFixture {

    private static final Set<String> JSON_COLUMNS = Set.of("analysis", "transcript_turns", "dynamic_variables", "metadata");

    private final JdbcClient owner;
    private final UUID organization;

    CallRecordsFixture(JdbcClient owner, UUID organization) {
        this.owner = owner;
        this.organization = organization;
    }

    /** Calls of {@code organization}, whose time zone becomes {@code timeZone}. */
    static CallRecordsFixture inZone(JdbcClient owner, UUID organization, String timeZone) {
        owner.sql("update organizations set time_zone = ? where id = ?").params(timeZone, organization).update();
        return new CallRecordsFixture(owner, organization);
    }

    /** Inserts a call; {@code columns} are column name, value pairs overriding the defaults. */
    UUID insert(Object... columns) {
        Map<String, Object> row = new LinkedHashMap<>();
        UUID id = UUID.randomUUID();
        row.put("id", id);
        row.put("organization_id", organization);
        row.put("provider", "sandbox");
        row.put("direction", "outbound");
        row.put("from_number", "+14155550100");
        row.put("to_number", "+14155551234");
        row.put("status", "completed");
        row.put("created_at", Instant.parse("2026-03-04T15:00:00Z"));
        for (int i = 0; i + 1 < columns.length; i += 2) {
            row.put((String) columns[i], columns[i + 1]);
        }
        List<Object> values = new ArrayList<>();
        List<String> marks = new ArrayList<>();
        row.forEach((column, value) -> {
            values.add(value instanceof Instant instant ? Timestamp.from(instant) : value);
            marks.add(JSON_COLUMNS.contains(column) ? "?::jsonb" : "?");
        });
        owner.sql("insert into calls (" + String.join(", ", row.keySet()) + ") values (" + String.join(", ", marks) + ")")
                .params(values).update();
        return id;
    }

    static String analysis(String sentiment, boolean successful, String summary) {
        return "{\"sentiment\": \"" + sentiment + "\", \"successful\": " + successful + ", \"summary\": \"" + summary
                + "\", \"custom\": {}}";
    }
}
