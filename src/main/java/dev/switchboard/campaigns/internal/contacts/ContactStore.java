package dev.switchboard.campaigns.internal.contacts;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes imported rows in bulk, inside the caller's transaction. PostgreSQL refuses
 * {@code COPY FROM} into a table with row-level security for a role subject to it, so rows are
 * copied into a temporary table first (temporary tables have no policies) and moved with one
 * {@code INSERT … SELECT}, which the tenant policy checks like any insert.
 */
@Component
class ContactStore {

    private final DataSource dataSource;
    private final JdbcClient jdbc;

    ContactStore(DataSource dataSource, JdbcClient jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    /** Stores one chunk; must run inside a transaction of the organization. */
    void write(UUID organization, UUID listId, List<ContactRowChecker.Accepted> contacts,
               List<ContactRowChecker.Rejection> rejections) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            PGConnection pg = connection.unwrap(PGConnection.class);
            if (!contacts.isEmpty()) {
                copyContacts(connection, pg, organization, listId, contacts);
            }
            if (!rejections.isEmpty()) {
                copyRejections(connection, pg, organization, listId, rejections);
            }
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("Could not store imported rows: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * Lets the current transaction commit without waiting for its WAL flush. Safe for import
     * chunks: a crash can lose only the last chunks, and the rerun starts the list over anyway;
     * the final status update commits normally, which also flushes every chunk before it.
     */
    void relaxCommit() {
        jdbc.sql("set local synchronous_commit = off").update();
    }

    /** Removes what an interrupted attempt stored, so a retry starts from a clean list. */
    void clear(UUID organization, UUID listId) {
        jdbc.sql("delete from contacts where organization_id = ? and contact_list_id = ?").params(organization, listId).update();
        jdbc.sql("delete from contact_rejections where organization_id = ? and contact_list_id = ?")
                .params(organization, listId).update();
    }

    /** Accepted contacts whose number is on the do-not-call list (flagged while inserting). */
    int doNotCallCount(UUID organization, UUID listId) {
        return jdbc.sql("select count(*) from contacts where organization_id = ? and contact_list_id = ? and do_not_call")
                .params(organization, listId).query(Integer.class).single();
    }

    private void copyContacts(Connection connection, PGConnection pg, UUID organization, UUID listId,
                              List<ContactRowChecker.Accepted> contacts) throws SQLException, java.io.IOException {
        try (var statement = connection.createStatement()) {
            statement.execute("""
                    create temporary table contacts_load (id uuid, row_number integer, phone_number text, crm_id text,
                                                          name text, variables text) on commit drop""");
        }
        StringBuilder data = new StringBuilder(contacts.size() * 160);
        TimeOrderedIds ids = new TimeOrderedIds(Instant.now().toEpochMilli());
        for (ContactRowChecker.Accepted c : contacts) {
            data.append(ids.next()).append('\t').append(c.rowNumber()).append('\t');
            CopyText.append(data, c.phoneNumber()).append('\t');
            CopyText.append(data, c.crmId()).append('\t');
            CopyText.append(data, c.name()).append('\t');
            CopyText.append(data, c.variablesJson()).append('\n');
        }
        pg.getCopyAPI().copyIn("copy contacts_load from stdin", new StringReader(data.toString()));
        // Most organizations have no do-not-call number: one look then spares a probe per row. A
        // number added while the import runs is still refused, as the dialer checks the list itself.
        boolean anyDoNotCall = jdbc.sql("select exists (select 1 from do_not_call where organization_id = ?)")
                .param(organization).query(Boolean.class).single();
        jdbc.sql("""
                        insert into contacts (id, organization_id, contact_list_id, row_number, phone_number, crm_id, name,
                                              variables, do_not_call)
                        select l.id, ?, ?, l.row_number, l.phone_number, l.crm_id, l.name, l.variables::jsonb,
                               ?::boolean and exists (select 1 from do_not_call d where d.organization_id = ?
                                                                                  and d.phone_number = l.phone_number)
                          from contacts_load l""")
                .params(organization, listId, anyDoNotCall, organization).update();
    }

    private void copyRejections(Connection connection, PGConnection pg, UUID organization, UUID listId,
                                List<ContactRowChecker.Rejection> rejections) throws SQLException, java.io.IOException {
        try (var statement = connection.createStatement()) {
            statement.execute("""
                    create temporary table rejections_load (row_number integer, line_number bigint, column_name text,
                                                            value text, reason text) on commit drop""");
        }
        StringBuilder data = new StringBuilder(rejections.size() * 120);
        for (ContactRowChecker.Rejection r : rejections) {
            data.append(r.rowNumber()).append('\t').append(r.line()).append('\t');
            CopyText.append(data, r.column()).append('\t');
            CopyText.append(data, r.value()).append('\t');
            CopyText.append(data, r.reason()).append('\n');
        }
        pg.getCopyAPI().copyIn("copy rejections_load from stdin", new StringReader(data.toString()));
        jdbc.sql("""
                        insert into contact_rejections (organization_id, contact_list_id, row_number, line_number,
                                                        column_name, value, reason)
                        select ?, ?, row_number, line_number, column_name, value, reason from rejections_load""")
                .params(organization, listId).update();
    }

    /**
     * Progress of a running import, committed with each chunk so the page can show it. Chunks
     * stored at once may commit out of order: the figures of an earlier chunk never replace
     * those of a later one.
     */
    void progress(UUID organization, UUID listId, ImportCounts counts, Instant now) {
        jdbc.sql("""
                        update contact_lists set rows_read = ?, total_count = ?, accepted_count = ?, rejected_count = ?,
                               duplicate_count = ?, updated_at = ?
                        where organization_id = ? and id = ? and rows_read <= ?""")
                .params(counts.rowsRead(), counts.total(), counts.accepted(), counts.rejected(), counts.duplicates(),
                        Timestamp.from(now), organization, listId, counts.rowsRead()).update();
    }

    /** PostgreSQL's COPY text format: backslash, tab and line breaks escaped, null as \N, no NUL. */
    static final class CopyText {

        private CopyText() {
        }

        static StringBuilder append(StringBuilder out, String value) {
            if (value == null) {
                return out.append("\\N");
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\0' -> out.append('\uFFFD');
                    default -> out.append(c);
                }
            }
            return out;
        }
    }

    /**
     * Version 7 UUIDs (time-ordered), so a million new contacts append to the primary key's
     * index instead of touching random pages of it.
     */
    static final class TimeOrderedIds {

        private final long millis;
        private long counter;

        TimeOrderedIds(long millis) {
            this.millis = millis;
            this.counter = ThreadLocalRandom.current().nextLong(1L << 20);
        }

        UUID next() {
            long sequence = counter++;
            long msb = (millis << 16) | 0x7000L | ((sequence >>> 50) & 0x0FFFL);
            long lsb = 0x8000000000000000L | ((sequence & 0x3FFFFFFFFFFFL) << 16)
                    | (ThreadLocalRandom.current().nextLong() & 0xFFFFL);
            return new UUID(msb, lsb);
        }
    }
}
