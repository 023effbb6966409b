package dev.switchboard.calls.internal.api;

import dev.switchboard.platform.TenantScope;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The calls list as CSV, of any size: rows are read with a database cursor (a fetch size inside
 * one read-only transaction of the organization) and written as they come, so memory does not
 * grow with the export. Filters are checked before the first byte, so bad input still gets a
 * problem answer.
 */
@Component
public class CallExport {

    private static final int FETCH_SIZE = 500;
    private static final List<String> HEADER = List.of("id", "created_at", "direction", "status", "disposition",
            "from_number", "to_number", "contact_name", "crm_id", "agent_id", "agent_name", "campaign_id", "started_at",
            "ended_at", "duration_seconds", "cost_cents", "sentiment", "successful", "summary", "disconnection_reason",
            "recording_status", "needs_review");

    /** An export ready to stream, and the file name it should be saved under. */
    public record Csv(String fileName, StreamingResponseBody body) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate readOnly;
    private final CallService calls;
    private final Clock clock;

    CallExport(JdbcClient jdbc, PlatformTransactionManager transactions, CallService calls, Clock clock) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.calls = calls;
        this.clock = clock;
    }

    /** The calls of the organization in scope matching {@code filters}, in {@code sort} order. */
    public Csv export(CallSearch.Filters filters, CallSearch.Sort sort) {
        UUID organization = TenantScope.requireOrganization();
        ZoneId zone = calls.timeZone(organization);
        CallSearch.Where where = CallSearch.where(organization, filters, zone);
        String sql = """
                select c.*, a.name as agent_name from calls c
                left join agents a on a.organization_id = c.organization_id and a.id = c.agent_id
                """ + where.sql() + sort.orderBy();
        String fileName = "calls-" + LocalDate.ofInstant(clock.instant(), zone) + ".csv";
        // The body may run on another thread than this one: it opens the organization's scope itself.
        StreamingResponseBody body = out -> TenantScope.runAs(organization, () -> readOnly.executeWithoutResult(s -> {
            try {
                Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
                CsvCells.row(writer, HEADER);
                jdbc.sql(sql).params(where.params()).withFetchSize(FETCH_SIZE).query(rs -> {
                    try {
                        CsvCells.row(writer, row(rs, zone));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
        return new Csv(fileName, body);
    }

    private static List<String> row(ResultSet rs, ZoneId zone) throws SQLException {
        List<String> cells = new ArrayList<>(HEADER.size());
        cells.add(CsvCells.trusted(rs.getObject("id")));
        cells.add(CsvCells.trusted(time(rs, "created_at", zone)));
        cells.add(CsvCells.trusted(rs.getString("direction")));
        cells.add(CsvCells.trusted(rs.getString("status")));
        cells.add(CsvCells.trusted(rs.getString("disposition")));
        cells.add(CsvCells.trusted(rs.getString("from_number")));
        cells.add(CsvCells.trusted(rs.getString("to_number")));
        cells.add(CsvCells.text(rs.getString("contact_name")));
        cells.add(CsvCells.text(rs.getString("crm_id")));
        cells.add(CsvCells.trusted(rs.getObject("agent_id")));
        cells.add(CsvCells.text(rs.getString("agent_name")));
        cells.add(CsvCells.trusted(rs.getObject("campaign_id")));
        cells.add(CsvCells.trusted(time(rs, "started_at", zone)));
        cells.add(CsvCells.trusted(time(rs, "ended_at", zone)));
        cells.add(CsvCells.trusted(rs.getObject("duration_seconds")));
        cells.add(CsvCells.trusted(rs.getBigDecimal("cost_cents") == null ? null
                : rs.getBigDecimal("cost_cents").stripTrailingZeros().toPlainString()));
        String analysis = rs.getString("analysis");
        CallAnalysis parsed = CallAnalysis.of(analysis);
        cells.add(CsvCells.text(parsed.sentiment()));
        cells.add(CsvCells.trusted(parsed.successful()));
        cells.add(CsvCells.text(parsed.summary()));
        cells.add(CsvCells.text(rs.getString("disconnection_reason")));
        cells.add(CsvCells.trusted(rs.getString("recording_status")));
        cells.add(CsvCells.trusted(rs.getBoolean("needs_review")));
        return cells;
    }

    private static String time(ResultSet rs, String column, ZoneId zone) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(ts.toInstant().atZone(zone).withNano(0));
    }
}
