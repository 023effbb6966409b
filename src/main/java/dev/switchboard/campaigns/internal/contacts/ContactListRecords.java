package dev.switchboard.campaigns.internal.contacts;

import dev.switchboard.campaigns.ContactLists;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Data access for contact lists, contacts and rejections; every query names the organization. */
@Component
class ContactListRecords {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A stored list with what only the import needs besides the summary. */
    record StoredList(ContactLists.Summary summary, String fileFormat, long fileBytes, UUID createdBy) {
    }

    private final JdbcClient jdbc;

    ContactListRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID organization, UUID id, String name, String fileName, String format, long bytes, UUID createdBy,
                Instant now) {
        jdbc.sql("""
                        insert into contact_lists (id, organization_id, name, file_name, file_format, file_bytes, status,
                                                   created_by, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, 'uploaded', ?, ?, ?)""")
                .params(id, organization, name, fileName, format, bytes, createdBy, Timestamp.from(now), Timestamp.from(now))
                .update();
    }

    java.util.Optional<StoredList> find(UUID organization, UUID id) {
        return jdbc.sql("select * from contact_lists where organization_id = ? and id = ?").params(organization, id)
                .query((rs, n) -> stored(rs)).optional();
    }

    /** Newest first, {@code limit} after the (created_at, id) position when given. */
    List<ContactLists.Summary> page(UUID organization, Instant beforeTime, UUID beforeId, int limit) {
        String where = beforeTime == null ? "" : " and (created_at, id) < (?, ?)";
        List<Object> params = new ArrayList<>(List.of(organization));
        if (beforeTime != null) {
            params.add(Timestamp.from(beforeTime));
            params.add(beforeId);
        }
        params.add(limit);
        return jdbc.sql("select * from contact_lists where organization_id = ?" + where
                        + " order by created_at desc, id desc limit ?").params(params)
                .query((rs, n) -> summary(rs)).list();
    }

    void markImporting(UUID organization, UUID id, Instant now) {
        jdbc.sql("""
                        update contact_lists set status = 'importing', rows_read = 0, total_count = 0, accepted_count = 0,
                               rejected_count = 0, duplicate_count = 0, do_not_call_count = 0, error = null, updated_at = ?
                         where organization_id = ? and id = ?""")
                .params(Timestamp.from(now), organization, id).update();
    }

    void columns(UUID organization, UUID id, List<String> columns) {
        jdbc.sql("update contact_lists set columns = ?::jsonb where organization_id = ? and id = ?")
                .params(JSON.writeValueAsString(columns), organization, id).update();
    }

    void markReady(UUID organization, UUID id, ContactImporter.Result result, Instant now) {
        ImportCounts c = result.counts();
        jdbc.sql("""
                        update contact_lists set status = 'ready', rows_read = ?, total_count = ?, accepted_count = ?,
                               rejected_count = ?, duplicate_count = ?, do_not_call_count = ?, columns = ?::jsonb,
                               error = null, updated_at = ?, completed_at = ?
                         where organization_id = ? and id = ?""")
                .params(c.rowsRead(), c.total(), c.accepted(), c.rejected(), c.duplicates(), result.doNotCall(),
                        JSON.writeValueAsString(result.columns()), Timestamp.from(now), Timestamp.from(now), organization, id)
                .update();
    }

    void markFailed(UUID organization, UUID id, String error, Instant now) {
        jdbc.sql("""
                        update contact_lists set status = 'failed', accepted_count = 0, do_not_call_count = 0, error = ?,
                               updated_at = ?, completed_at = ? where organization_id = ? and id = ?""")
                .params(error, Timestamp.from(now), Timestamp.from(now), organization, id).update();
    }

    /**
     * Locks the list's row for the rest of the transaction, so no campaign can take it up (campaigns
     * read it with a share lock) while it is being deleted; answers whether the list exists.
     */
    boolean lock(UUID organization, UUID id) {
        return jdbc.sql("select id from contact_lists where organization_id = ? and id = ? for update")
                .params(organization, id).query(UUID.class).optional().isPresent();
    }

    /**
     * The campaigns that still call or may call the list: every one not completed, failed or
     * cancelled, oldest first. Finished campaigns keep their own copy of each contact in their
     * attempts and calls, so they do not need the list any more.
     */
    List<String> campaignsCalling(UUID organization, UUID id) {
        return jdbc.sql("""
                        select name from campaigns
                        where organization_id = ? and contact_list_id = ? and status not in ('completed', 'failed', 'cancelled')
                        order by created_at, id""")
                .params(organization, id).query(String.class).list();
    }

    boolean delete(UUID organization, UUID id) {
        return jdbc.sql("delete from contact_lists where organization_id = ? and id = ?").params(organization, id).update() > 0;
    }

    /** Rejections in row order after the (row, id) position. */
    List<RejectedRow> rejections(UUID organization, UUID listId, int afterRow, long afterId, int limit) {
        return jdbc.sql("""
                        select id, row_number, line_number, column_name, value, reason from contact_rejections
                         where organization_id = ? and contact_list_id = ? and (row_number, id) > (?, ?)
                         order by row_number, id limit ?""")
                .params(organization, listId, afterRow, afterId, limit)
                .query((rs, n) -> new RejectedRow(rs.getLong("id"), rs.getInt("row_number"), rs.getLong("line_number"),
                        rs.getString("column_name"), rs.getString("value"), rs.getString("reason"))).list();
    }

    List<ContactLists.Contact> contacts(UUID organization, UUID listId, int afterRow, int limit) {
        return jdbc.sql("""
                        select id, contact_list_id, row_number, phone_number, crm_id, name, variables::text as variables,
                               do_not_call from contacts
                         where organization_id = ? and contact_list_id = ? and row_number > ?
                         order by row_number limit ?""")
                .params(organization, listId, afterRow, limit).query((rs, n) -> contact(rs)).list();
    }

    private static ContactLists.Contact contact(ResultSet rs) throws SQLException {
        Map<String, String> variables = new LinkedHashMap<>();
        JsonNode node = JSON.readTree(rs.getString("variables"));
        node.properties().forEach(e -> variables.put(e.getKey(), e.getValue().asString()));
        return new ContactLists.Contact(rs.getObject("id", UUID.class), rs.getObject("contact_list_id", UUID.class),
                rs.getInt("row_number"), rs.getString("phone_number"), rs.getString("crm_id"), rs.getString("name"),
                variables, rs.getBoolean("do_not_call"));
    }

    private static StoredList stored(ResultSet rs) throws SQLException {
        return new StoredList(summary(rs), rs.getString("file_format"), rs.getLong("file_bytes"),
                rs.getObject("created_by", UUID.class));
    }

    private static ContactLists.Summary summary(ResultSet rs) throws SQLException {
        List<String> columns = new ArrayList<>();
        JSON.readTree(rs.getString("columns")).forEach(c -> columns.add(c.asString()));
        return new ContactLists.Summary(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("file_name"),
                ContactLists.Status.valueOf(rs.getString("status").toUpperCase(java.util.Locale.ROOT)),
                rs.getLong("rows_read"), rs.getInt("total_count"), rs.getInt("accepted_count"), rs.getInt("rejected_count"),
                rs.getInt("duplicate_count"), rs.getInt("do_not_call_count"), columns, rs.getString("error"),
                instant(rs, "created_at"), instant(rs, "completed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
